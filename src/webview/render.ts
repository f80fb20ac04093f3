/** requestAnimationFrame / cancelAnimationFrame, injectable so tests decide when a frame happens. */
export interface FrameScheduler {
	request(callback: () => void): number;
	cancel(handle: number): void;
}

/**
 * Coalesces streamed text into at most one paint per animation frame. The host flushes deltas every ~40 ms and a
 * paint re-parses the whole answer, so painting on every delta would do needless work while the user reads;
 * here deltas only append to a buffer and mark the turn dirty, and the next frame paints each dirty turn once.
 */
export class StreamRenderer {
	private readonly texts = new Map<string, string>();
	private readonly dirty = new Set<string>();
	private frame: number | undefined;

	constructor(
		private readonly frames: FrameScheduler,
		private readonly paint: (turnId: string, text: string) => void,
	) { }

	/** Starts (or restarts, for Continue and Retry) buffering a turn from the text the host already has. */
	reset(turnId: string, text: string): void {
		this.texts.set(turnId, text);
		this.dirty.delete(turnId);
	}

	/** Appends streamed text and schedules a paint; never paints synchronously. */
	append(turnId: string, text: string): void {
		this.texts.set(turnId, (this.texts.get(turnId) ?? '') + text);
		this.dirty.add(turnId);
		if (this.frame === undefined) {
			this.frame = this.frames.request(() => this.flush());
		}
	}

	/** The text accumulated so far for a turn. */
	text(turnId: string): string | undefined {
		return this.texts.get(turnId);
	}

	/** Stops tracking a turn whose final state was rendered in full; a pending paint for it is dropped. */
	finish(turnId: string): void {
		this.texts.delete(turnId);
		this.dirty.delete(turnId);
		this.cancelIfIdle();
	}

	/** Forgets everything (the transcript was replaced). */
	clear(): void {
		this.texts.clear();
		this.dirty.clear();
		this.cancelIfIdle();
	}

	/** Paints every dirty turn now (the frame callback; also handy in tests). */
	flush(): void {
		this.frame = undefined;
		const ids = [...this.dirty];
		this.dirty.clear();
		for (const id of ids) {
			this.paint(id, this.texts.get(id) ?? '');
		}
	}

	private cancelIfIdle(): void {
		if (this.dirty.size === 0 && this.frame !== undefined) {
			this.frames.cancel(this.frame);
			this.frame = undefined;
		}
	}
}

/**
 * Puts sanitized markdown HTML into an element and gives each code block a Copy button. The only `innerHTML`
 * assignment in the webview: callers must pass output of {@link MarkdownRenderer}.
 */
export function renderMarkdownInto(el: HTMLElement, sanitizedHtml: string): void {
	el.innerHTML = sanitizedHtml;
	addCopyButtons(el);
}

/** Wraps every `<pre>` under `root` in `.code-block` with a `.copy` button (copying is local, no host round trip). */
export function addCopyButtons(root: HTMLElement): void {
	const doc = root.ownerDocument;
	for (const pre of Array.from(root.querySelectorAll('pre'))) {
		if (pre.parentElement?.classList.contains('code-block')) {
			continue;
		}
		const wrapper = doc.createElement('div');
		wrapper.className = 'code-block';
		const button = doc.createElement('button');
		button.type = 'button';
		button.className = 'copy';
		button.dataset.action = 'copy';
		button.textContent = 'Copy';
		button.title = 'Copy code';
		pre.replaceWith(wrapper);
		wrapper.append(button, pre);
	}
}
