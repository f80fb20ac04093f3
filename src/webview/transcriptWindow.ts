import { EARLIER_PAGE_TURNS } from '../shared/protocol';

/**
 * Keeps a long chat's DOM bounded: at most {@link MAX_DOM_TURNS} turn elements stay in the transcript. Older turns
 * are dropped from the DOM (and from the webview's memory: the host keeps the conversation) and stand behind a
 * "Show N earlier messages" button that asks the host for them a page at a time. So appending at turn 500 costs
 * what it costs at turn 10, and reading back loads only what the reader asks for.
 */
export const MAX_DOM_TURNS = 100;

/** When the cap is passed, trim down to this many, so trimming happens once per 20 turns, not on every append. */
export const TRIM_TO_TURNS = 80;


export class TranscriptWindow {
	/** Turns before the first one in the DOM (the host has them). */
	private omitted = 0;
	private button: HTMLButtonElement | undefined;

	constructor(
		private readonly transcript: HTMLElement,
		/** The app's map of rendered turns: entries of dropped turns are deleted from it. */
		private readonly turnEls: Map<string, HTMLElement>,
	) { }

	get omittedTurns(): number {
		return this.omitted;
	}

	/** After the transcript was rebuilt: `omitted` turns precede the rendered ones. */
	reset(omitted: number): void {
		this.omitted = Math.max(0, omitted);
		this.renderButton();
	}

	/** The first rendered turn's id: where the next page of earlier turns ends. */
	firstTurnId(): string | undefined {
		return this.turnElements()[0]?.dataset.turnId;
	}

	/**
	 * Drops the oldest turn elements once there are more than MAX_DOM_TURNS, down to TRIM_TO_TURNS. Only call it while
	 * the reader is at the bottom: someone reading back must not have the text pulled from under them.
	 */
	trim(): void {
		const turns = this.turnElements();
		if (turns.length <= MAX_DOM_TURNS) {
			return;
		}
		const drop = turns.slice(0, turns.length - TRIM_TO_TURNS);
		for (const el of drop) {
			el.remove();
			if (el.dataset.turnId) {
				this.turnEls.delete(el.dataset.turnId);
			}
		}
		this.omitted += drop.length;
		this.dropOrphans();
		this.renderButton();
	}

	/** Puts a page of earlier turns (already built, oldest first) above the rendered ones, keeping the reader's place. */
	prepend(nodes: HTMLElement[], omittedBefore: number): void {
		const before = this.transcript.scrollHeight;
		const first = this.turnElements()[0] ?? null;
		for (const node of nodes) {
			this.transcript.insertBefore(node, first);
		}
		this.omitted = Math.max(0, omittedBefore);
		this.renderButton();
		this.transcript.scrollTop += this.transcript.scrollHeight - before;
	}

	private turnElements(): HTMLElement[] {
		return Array.from(this.transcript.children).filter((c): c is HTMLElement => c.classList.contains('turn'));
	}

	/** A divider left above the first rendered turn marks a place that is no longer shown. */
	private dropOrphans(): void {
		for (const child of Array.from(this.transcript.children)) {
			if (child.classList.contains('turn')) {
				break;
			}
			if (child !== this.button) {
				child.remove();
			}
		}
	}

	private renderButton(): void {
		if (this.omitted === 0) {
			this.button?.remove();
			this.button = undefined;
			return;
		}
		if (!this.button) {
			const doc = this.transcript.ownerDocument;
			this.button = doc.createElement('button');
			this.button.type = 'button';
			this.button.className = 'load-earlier secondary';
			this.button.dataset.action = 'loadEarlier';
		}
		const label = `Show ${Math.min(this.omitted, EARLIER_PAGE_TURNS)} earlier message${this.omitted === 1 ? '' : 's'} (${this.omitted} not shown)`;
		this.button.textContent = label;
		this.button.setAttribute('aria-label', label);
		this.button.disabled = false;
		if (this.transcript.firstElementChild !== this.button) {
			this.transcript.prepend(this.button);
		}
	}
}
