import { MAX_PROMPT_CHARS } from '../shared/protocol';
import type { HostBridge } from './hostBridge';

/** The input area's elements (from the static skeleton). */
export interface ComposerDom {
	composer: HTMLElement;
	prompt: HTMLTextAreaElement;
	send: HTMLButtonElement;
	stop: HTMLButtonElement;
}

/** What the composer needs from the rest of the chat. */
export interface ComposerDeps {
	bridge: HostBridge;
	newRequestId(): string;
	/** The request Stop should cancel (the one streaming now), if any. */
	activeRequestId(): string | undefined;
	/** Called after the draft changed, so the UI state can be saved. */
	onDraftChanged(): void;
	/** Shows a local warning (e.g. a prompt over the host's size limit). */
	warn(message: string): void;
}

/**
 * The prompt box with Send and Stop. Enter sends and Shift+Enter inserts a newline; while an answer streams the
 * box stays typeable (only sending waits) so the user can prepare the next question. A sent prompt leaves the box
 * at once but is kept until the host echoes it in `chat/started`, and put back if the host refuses instead.
 */
export class Composer {
	private busy = false;
	private pending: { requestId: string; text: string } | undefined;

	constructor(private readonly dom: ComposerDom, private readonly deps: ComposerDeps) {
		dom.prompt.addEventListener('input', () => {
			deps.onDraftChanged();
			this.update();
		});
		dom.prompt.addEventListener('keydown', (e) => {
			if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
				e.preventDefault();
				this.send();
			}
		});
		dom.send.addEventListener('click', () => this.send());
		dom.stop.addEventListener('click', () => this.stop());
		this.update();
	}

	/** Shows Stop and holds sending while a request streams. */
	setBusy(busy: boolean): void {
		this.busy = busy;
		this.dom.stop.hidden = !busy;
		this.dom.stop.disabled = false;
		this.update();
	}

	/** The host started the request: the prompt is now in the transcript and need not be kept. */
	acknowledge(requestId: string): void {
		if (this.pending?.requestId === requestId) {
			this.pending = undefined;
			this.update();
		}
	}

	/**
	 * The host answered without starting the request (a notice, or a terminal message for it): put the prompt
	 * back unless the user already typed something new.
	 */
	restore(requestId?: string): void {
		const pending = this.pending;
		if (!pending || (requestId !== undefined && pending.requestId !== requestId)) {
			return;
		}
		this.pending = undefined;
		if (this.dom.prompt.value.trim() === '') {
			this.dom.prompt.value = pending.text;
			this.deps.onDraftChanged();
		}
		this.update();
	}

	/** Sends the prompt if allowed; returns the request id used. */
	send(): string | undefined {
		const text = this.dom.prompt.value;
		if (this.busy || this.pending || text.trim() === '') {
			return undefined;
		}
		if (text.length > MAX_PROMPT_CHARS) {
			this.deps.warn(`The message is too long (${text.length} characters; the limit is ${MAX_PROMPT_CHARS}).`);
			return undefined;
		}
		const requestId = this.deps.newRequestId();
		this.pending = { requestId, text };
		this.deps.bridge.post({ type: 'chat/send', requestId, text });
		this.dom.prompt.value = '';
		this.deps.onDraftChanged();
		this.update();
		this.dom.prompt.focus(); // clicking Send (now disabled) must not strand keyboard focus
		return requestId;
	}

	/** Stop (the button, or Escape in the chat): cancels the running request; false when none runs. */
	stop(): boolean {
		const requestId = this.deps.activeRequestId();
		if (!requestId) {
			return false;
		}
		if (!this.dom.stop.disabled) {
			this.deps.bridge.post({ type: 'chat/cancel', requestId });
			this.dom.stop.disabled = true; // until the terminal message (or a new request) arrives
		}
		return true;
	}

	/** Claude: Focus Chat: the keyboard goes to the prompt box, the caret after the draft. */
	focus(): void {
		this.dom.prompt.focus();
		const end = this.dom.prompt.value.length;
		this.dom.prompt.setSelectionRange(end, end);
	}

	private update(): void {
		this.dom.composer.classList.toggle('busy', this.busy);
		if (this.busy) {
			this.dom.prompt.setAttribute('aria-describedby', 'busy-hint');
		} else {
			this.dom.prompt.removeAttribute('aria-describedby');
		}
		this.dom.send.disabled = this.busy || this.pending !== undefined || this.dom.prompt.value.trim() === '';
	}
}
