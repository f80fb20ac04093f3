import { MAX_PROMPT_CHARS, type AnswerStatus, type HostToWebview } from '../shared/protocol';
import type { HostBridge } from './hostBridge';

/** Answers that get Regenerate (the others have Retry, or are still streaming). */
const REGENERATE_STATUSES: ReadonlySet<string> = new Set<AnswerStatus>(['complete', 'truncated', 'refused', 'other']);

/** Whether a finished last answer with this status offers Regenerate (beside the buttons of its footer). */
export function offersRegenerate(status: string | undefined): boolean {
	return REGENERATE_STATUSES.has(status ?? '');
}

/**
 * Edit and Regenerate on the last exchange only: the last question gets Edit (when typed, not built by a command
 * from the editor), a finished last answer gets Regenerate. The transcript is watched, so the buttons move when a
 * turn is added or replaced, whoever rendered it. Edit opens an inline editor in the question; sending it asks the
 * host to replace the exchange (`chat/edit`), which re-renders both turns in place.
 */
export class LastExchange {
	/** The last question as the host sent it: the transcript shows it rendered, the editor needs its text. */
	private lastUser: { id: string; text: string; typed: boolean } | undefined;

	constructor(private readonly doc: Document, private readonly transcript: HTMLElement, private readonly bridge: HostBridge, private readonly newRequestId: () => string) {
		bridge.onMessage((msg) => this.observe(msg));
		const Observer = doc.defaultView?.MutationObserver;
		if (Observer) {
			new Observer(() => this.refresh()).observe(transcript, { childList: true });
		}
		transcript.addEventListener('click', (e) => this.onClick(e.target));
		transcript.addEventListener('keydown', (e) => this.onKey(e));
	}

	/** Remembers the last question's text from the messages that carry it. */
	private observe(msg: HostToWebview): void {
		const user = msg.type === 'state/init' ? [...msg.snapshot.turns].reverse().find((t) => t.role === 'user') : msg.type === 'chat/started' ? msg.user : undefined;
		if (user?.role === 'user') {
			this.lastUser = { id: user.id, text: user.text, typed: user.code === undefined };
		} else if (msg.type === 'state/init') {
			this.lastUser = undefined;
		}
	}

	/** Puts Edit and Regenerate on the last exchange and takes them (and a stale editor) off every other turn. */
	refresh(): void {
		const turns = Array.from(this.transcript.querySelectorAll<HTMLElement>(':scope > .turn'));
		const answer = turns.at(-1)?.classList.contains('assistant') ? turns.at(-1) : undefined;
		const question = answer ? turns.at(-2) : undefined;
		const finished = answer !== undefined && answer.dataset.status !== 'streaming';
		const editable = finished && question?.classList.contains('user') && this.lastUser?.typed && question.dataset.turnId === this.lastUser.id ? question : undefined;
		const regenerable = answer && offersRegenerate(answer.dataset.status) ? answer : undefined;
		for (const el of Array.from(this.transcript.querySelectorAll<HTMLElement>('.exchange-actions, .exchange-editor'))) {
			const turn = el.closest<HTMLElement>('.turn');
			if (turn !== (el.dataset.for === 'edit' || el.classList.contains('exchange-editor') ? editable : regenerable)) {
				this.remove(el);
			}
		}
		if (editable && !editable.querySelector('.exchange-actions, .exchange-editor')) {
			editable.append(this.bar('edit', 'Edit', 'Change this question and send it again, replacing the answer'));
		}
		if (regenerable && !regenerable.querySelector('.exchange-actions')) {
			regenerable.append(this.bar('regenerate', 'Regenerate', 'Ask this question again, replacing this answer (with the model chosen above)'));
		}
	}

	private bar(action: 'edit' | 'regenerate', label: string, title: string): HTMLElement {
		const bar = this.doc.createElement('div');
		bar.className = 'exchange-actions turn-actions';
		bar.dataset.for = action;
		bar.append(this.button(action, label, title, action === 'edit' ? 'edit-question secondary' : 'regenerate secondary'));
		return bar;
	}

	private button(action: string, label: string, title: string, className: string): HTMLButtonElement {
		const button = this.doc.createElement('button');
		button.type = 'button';
		button.className = className;
		button.textContent = label;
		button.title = title;
		button.dataset.exchangeAction = action;
		return button;
	}

	private onClick(target: EventTarget | null): void {
		const button = (target as Element | null)?.closest?.<HTMLButtonElement>('button[data-exchange-action]');
		const turn = button?.closest<HTMLElement>('.turn');
		const turnId = turn?.dataset.turnId;
		if (!button || button.disabled || !turn || !turnId) {
			return;
		}
		switch (button.dataset.exchangeAction) {
			case 'regenerate':
				button.disabled = true; // one request per click; the re-rendered answer brings a fresh button
				this.bridge.post({ type: 'chat/regenerate', requestId: this.newRequestId(), turnId });
				break;
			case 'edit':
				this.openEditor(turn);
				break;
			case 'send-edit':
				this.sendEdit(turn, turnId);
				break;
			case 'cancel-edit':
				this.closeEditor(turn);
				break;
		}
	}

	private onKey(e: KeyboardEvent): void {
		const editor = (e.target as Element | null)?.closest?.('.exchange-editor');
		const turn = editor?.closest<HTMLElement>('.turn');
		const turnId = turn?.dataset.turnId;
		if (!turn || !turnId) {
			return;
		}
		if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
			e.preventDefault();
			this.sendEdit(turn, turnId);
		} else if (e.key === 'Escape') {
			e.preventDefault();
			this.closeEditor(turn);
		}
	}

	/** Replaces the question's text with a box holding it (Enter sends, Shift+Enter is a new line, Escape cancels). */
	private openEditor(turn: HTMLElement): void {
		const last = this.lastUser;
		const text = last && last.id === turn.dataset.turnId ? last.text : '';
		const editor = this.doc.createElement('div');
		editor.className = 'exchange-editor';
		const box = this.doc.createElement('textarea');
		box.value = text;
		box.rows = Math.min(10, Math.max(2, text.split('\n').length));
		box.setAttribute('aria-label', 'Edit your question');
		const bar = this.doc.createElement('div');
		bar.className = 'turn-actions';
		bar.append(
			this.button('send-edit', 'Send', 'Send the edited question, replacing the answer (Enter)', 'send-edit'),
			this.button('cancel-edit', 'Cancel', 'Keep the question as it was (Escape)', 'cancel-edit secondary'),
		);
		editor.append(box, bar);
		turn.querySelectorAll<HTMLElement>(':scope > .turn-body, :scope > .exchange-actions').forEach((el) => {
			el.hidden = true;
		});
		turn.append(editor);
		box.focus();
	}

	private sendEdit(turn: HTMLElement, turnId: string): void {
		const text = turn.querySelector<HTMLTextAreaElement>('.exchange-editor textarea')?.value ?? '';
		if (text.trim() === '' || text.length > MAX_PROMPT_CHARS) {
			return;
		}
		this.closeEditor(turn);
		// The host answers with chat/started carrying the edited question, which replaces this turn.
		this.bridge.post({ type: 'chat/edit', requestId: this.newRequestId(), turnId, text });
	}

	private closeEditor(turn: HTMLElement): void {
		const editor = turn.querySelector<HTMLElement>('.exchange-editor');
		if (editor) {
			this.remove(editor);
		}
		turn.querySelector<HTMLButtonElement>('.edit-question')?.focus();
	}

	/** Removes an editor or a button bar; the question's hidden text comes back with an editor's removal. */
	private remove(el: HTMLElement): void {
		const turn = el.closest<HTMLElement>('.turn');
		el.remove();
		if (el.classList.contains('exchange-editor') && turn) {
			turn.querySelectorAll<HTMLElement>(':scope > .turn-body, :scope > .exchange-actions').forEach((child) => {
				child.hidden = false;
			});
		}
	}
}
