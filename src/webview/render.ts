import { decorateCodeBlocks } from './codeBlocks';

/** requestAnimationFrame / cancelAnimationFrame, injectable so tests decide when a frame happens. */
export interface FrameScheduler {
	request(callback: () => void): number;
	cancel(handle: number): void;
}

/**
 * Paints a streaming turn: `text` is the whole answer so far, `appended` the part of it added since this turn's
 * previous paint, or undefined when the text was (re)set since then (the first paint, Continue, Retry). With
 * `appended`, a painter never has to read the whole text (src/webview/incrementalMarkdown.ts).
 */
export type StreamPaint = (turnId: string, text: string, appended: string | undefined) => void;

/**
 * Coalesces streamed text into at most one paint per animation frame. The first text of a turn (since its reset) is
 * painted at once, so the answer's first words do not wait up to a frame; after that, deltas only append to a buffer
 * and mark the turn dirty, and the next frame paints each dirty turn once, which renders only what changed (the
 * unfinished tail of the answer).
 */
export class StreamRenderer {
	private readonly texts = new Map<string, string>();
	/** Text appended since each turn's last paint; absent until a turn's first paint after a reset. */
	private readonly unpainted = new Map<string, string>();
	private readonly dirty = new Set<string>();
	private frame: number | undefined;

	constructor(
		private readonly frames: FrameScheduler,
		private readonly paint: StreamPaint,
	) { }

	/** Starts (or restarts, for Continue and Retry) buffering a turn from the text the host already has. */
	reset(turnId: string, text: string): void {
		this.texts.set(turnId, text);
		this.unpainted.delete(turnId);
		this.dirty.delete(turnId);
	}

	/** Appends streamed text: paints it now when it is the turn's first since a reset, else schedules a paint. */
	append(turnId: string, text: string): void {
		const all = (this.texts.get(turnId) ?? '') + text;
		this.texts.set(turnId, all);
		const unpainted = this.unpainted.get(turnId);
		if (unpainted === undefined) {
			this.unpainted.set(turnId, '');
			this.paint(turnId, all, undefined);
			return;
		}
		this.unpainted.set(turnId, unpainted + text);
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
		this.unpainted.delete(turnId);
		this.dirty.delete(turnId);
		this.cancelIfIdle();
	}

	/** Forgets everything (the transcript was replaced). */
	clear(): void {
		this.texts.clear();
		this.unpainted.clear();
		this.dirty.clear();
		this.cancelIfIdle();
	}

	/** Paints every dirty turn now (the frame callback; also handy in tests). */
	flush(): void {
		this.frame = undefined;
		const ids = [...this.dirty];
		this.dirty.clear();
		for (const id of ids) {
			const appended = this.unpainted.get(id);
			this.unpainted.set(id, '');
			this.paint(id, this.texts.get(id) ?? '', appended);
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
 * Puts sanitized markdown HTML into an element and decorates its code blocks (language label, Copy, Insert, Replace,
 * New File: src/webview/codeBlocks.ts). Callers must pass output of {@link MarkdownRenderer}. One of the webview's
 * three `innerHTML` assignments, each given sanitized HTML only: this one; the streaming answer's unfinished tail in
 * incrementalMarkdown.ts (also MarkdownRenderer output); and a highlighted code block in highlight.ts (highlight.js
 * output, sanitized again).
 */
export function renderMarkdownInto(el: HTMLElement, sanitizedHtml: string): void {
	el.innerHTML = sanitizedHtml;
	decorateCodeBlocks(el);
}
