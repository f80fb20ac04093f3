import type { AssistantTurn, UserTurn, WebviewCommand } from '../shared/protocol';
import { renderChips } from './chips';
import { attachmentLabel, COMMAND_LABELS, statusText, turnActions, usageLine, usageTooltip, type TurnAction } from './format';
import type { MarkdownRenderer } from './markdown';
import { decorateCodeBlocks } from './codeBlocks';
import { finishStreamedMarkdown, groupInChunks, streamMarkdownInto } from './incrementalMarkdown';
import { renderMarkdownInto } from './render';

/** The static skeleton written by `getWebviewHtml` (src/host/chat/webviewHtml.ts); ids are shared with e2e tests. */
export interface ChatDom {
	root: HTMLElement;
	transcript: HTMLElement;
	empty: HTMLElement;
	composer: HTMLElement;
	prompt: HTMLTextAreaElement;
	/** The chips of what goes with the next message. */
	attachments: HTMLElement;
	/** The @-mention suggestions. */
	mentions: HTMLElement;
	send: HTMLButtonElement;
	stop: HTMLButtonElement;
	demoBanner: HTMLElement;
	noKey: HTMLElement;
	notices: HTMLElement;
}

/** Finds the skeleton elements, failing loudly if the HTML and the script drifted apart. */
export function queryChatDom(doc: Document): ChatDom {
	const get = <T extends HTMLElement>(id: string): T => {
		const el = doc.getElementById(id);
		if (!el) {
			throw new Error(`chat webview: #${id} is missing from the page`);
		}
		return el as T;
	};
	return {
		root: get('chat'),
		transcript: get('transcript'),
		empty: get('empty'),
		composer: get('composer'),
		prompt: get<HTMLTextAreaElement>('prompt'),
		attachments: get('attachments'),
		mentions: get('mentions'),
		send: get<HTMLButtonElement>('send'),
		stop: get<HTMLButtonElement>('stop'),
		demoBanner: get('demo-banner'),
		noKey: get('no-key'),
		notices: get('notices'),
	};
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
	const node = doc.createElement(tag);
	if (className) {
		node.className = className;
	}
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

/** A button that the single delegated click handler dispatches on `data-action` (no per-button listeners to leak). */
function actionButton(doc: Document, action: string, label: string, className: string, command?: WebviewCommand): HTMLButtonElement {
	const button = el(doc, 'button', className, label);
	button.type = 'button';
	button.dataset.action = action;
	if (command) {
		button.dataset.command = command;
	}
	return button;
}

function turnShell(doc: Document, role: 'user' | 'assistant', id: string): HTMLElement {
	const turn = el(doc, 'div', `turn ${role}`);
	turn.dataset.turnId = id;
	turn.append(el(doc, 'div', 'turn-role', role === 'user' ? 'You' : 'Claude'));
	return turn;
}

/** A user turn: inline markdown text, plus the attached code collapsed in a `<details>` (set via textContent). */
export function createUserTurn(doc: Document, turn: UserTurn, markdown: MarkdownRenderer, expanded: boolean): HTMLElement {
	const node = turnShell(doc, 'user', turn.id);
	const body = el(doc, 'div', 'turn-body user-text');
	renderMarkdownInto(body, markdown.inline(turn.text));
	node.append(body);
	if (turn.code) {
		const details = el(doc, 'details', 'code-attachment');
		details.open = expanded;
		const summary = el(doc, 'summary', undefined, attachmentLabel(turn.code));
		const pre = el(doc, 'pre');
		const code = el(doc, 'code', `language-${turn.code.languageId.replace(/[^\w-]/g, '')}`, turn.code.text);
		pre.append(code);
		details.append(summary, pre);
		decorateCodeBlocks(details, { editorActions: false }); // the user's own code: Copy only
		node.append(details);
	}
	if (turn.attachments?.length) {
		const chips = el(doc, 'div', 'chips turn-attachments');
		chips.setAttribute('aria-label', 'Attached');
		renderChips(doc, chips, turn.attachments, false);
		node.append(chips);
	}
	return node;
}

/** Visible text is the accessible name (no aria-label that would differ from it); `title` adds detail on hover. */
const ACTION_BUTTONS: Record<TurnAction, { label: string; className: string; title: string; command?: WebviewCommand }> = {
	continue: { label: 'Continue', className: 'continue', title: 'Ask Claude to continue this answer' },
	retry: { label: 'Retry', className: 'retry', title: 'Send the question again' },
	sendAnyway: { label: 'Send anyway', className: 'send-anyway', title: 'Send this one request past the budget' },
	setApiKey: { label: COMMAND_LABELS.setApiKey, className: 'set-key secondary', title: 'Store an Anthropic API key in VS Code\'s secret storage', command: 'setApiKey' },
	openSettings: { label: COMMAND_LABELS.openSettings, className: 'open-settings secondary', title: 'Open the Claude Assistant settings', command: 'openSettings' },
	showLogs: { label: COMMAND_LABELS.showLogs, className: 'show-logs secondary', title: 'Open the Claude Assistant output channel', command: 'showLogs' },
};

function createStatus(doc: Document, turn: AssistantTurn): HTMLElement | undefined {
	if (turn.status === 'streaming') {
		const status = el(doc, 'div', 'turn-status');
		const dots = el(doc, 'span', 'streaming');
		dots.setAttribute('role', 'img');
		dots.setAttribute('aria-label', 'Claude is answering');
		dots.append(el(doc, 'span'), el(doc, 'span'), el(doc, 'span'));
		status.append(dots);
		return status;
	}
	const text = statusText(turn);
	const actions = turnActions(turn);
	if (text === undefined && actions.length === 0) {
		return undefined;
	}
	const status = el(doc, 'div', 'turn-status');
	status.dataset.status = turn.status;
	if (turn.status === 'error') {
		const error = el(doc, 'div', 'turn-error status-text', text);
		error.setAttribute('role', 'alert');
		status.append(error);
	} else if (text !== undefined) {
		status.append(el(doc, 'span', 'status-text', text));
	}
	if (actions.length > 0) {
		const bar = el(doc, 'span', 'turn-actions');
		for (const action of actions) {
			const spec = ACTION_BUTTONS[action];
			const button = actionButton(doc, spec.command ? 'command' : action, spec.label, spec.className, spec.command);
			button.title = spec.title;
			bar.append(button);
		}
		status.append(bar);
	}
	return status;
}

/**
 * An answer, rendered in full from `turn.text` (new, restored and replaced turns). When `previous` is the element of
 * the same answer that was just streamed, only its unfinished tail is rendered and `previous` itself is updated and
 * returned: its body never leaves the DOM (a long answer taken out and put back is styled and laid out anew).
 */
export function createAssistantTurn(doc: Document, turn: AssistantTurn, markdown: MarkdownRenderer, previous?: HTMLElement): HTMLElement {
	const node = turnShell(doc, 'assistant', turn.id);
	node.dataset.status = turn.status;
	if (turn.status === 'streaming') {
		// The answer being written is its own live region, busy until it ends: screen readers hold the streamed
		// words, and the finished turn that replaces this one is announced once by the transcript's log.
		node.setAttribute('aria-live', 'polite');
		node.setAttribute('aria-busy', 'true');
	}
	const body = el(doc, 'div', 'turn-body markdown');
	const streamed = turn.status === 'streaming' ? null : previous?.querySelector<HTMLElement>(':scope > .turn-body');
	const keep = streamed && finishStreamedMarkdown(streamed, turn.text) ? streamed : undefined;
	if (!keep) {
		renderMarkdownInto(body, markdown.block(turn.text));
		markdown.highlight(body);
		groupInChunks(body);
	}
	node.append(body);
	const status = createStatus(doc, turn);
	if (status) {
		node.append(status);
	}
	const usage = turn.status === 'streaming' ? undefined : usageLine(turn);
	if (usage) {
		const line = el(doc, 'div', 'turn-usage', usage);
		line.title = usageTooltip(turn);
		node.append(line);
	}
	return previous && keep ? updateInPlace(previous, node, keep) : node;
}

/** Makes `previous` equal to `fresh`, keeping `keep` (its body) where it is instead of the body of `fresh`. */
function updateInPlace(previous: HTMLElement, fresh: HTMLElement, keep: HTMLElement): HTMLElement {
	for (const attr of Array.from(previous.attributes)) {
		if (!fresh.hasAttribute(attr.name)) {
			previous.removeAttribute(attr.name);
		}
	}
	for (const attr of Array.from(fresh.attributes)) {
		previous.setAttribute(attr.name, attr.value);
	}
	for (const child of Array.from(previous.childNodes)) {
		if (child !== keep) {
			child.remove();
		}
	}
	const children = Array.from(fresh.childNodes);
	const at = children.findIndex((child) => child === fresh.querySelector(':scope > .turn-body'));
	keep.before(...children.slice(0, at));
	keep.after(...children.slice(at + 1));
	return previous;
}

/**
 * The "retrying in N s" line of a streaming answer with Retry Now and Cancel. The buttons carry the request id,
 * so a click acts on the request that is waiting, not on whatever runs by the time the message arrives.
 */
export function createRetryWait(doc: Document, requestId: string, text: string, hold = false): HTMLElement {
	const wait = el(doc, 'div', 'retry-wait');
	wait.dataset.requestId = requestId;
	wait.append(el(doc, 'span', 'retry-text', text));
	const bar = el(doc, 'span', 'turn-actions');
	const now = actionButton(doc, 'retryNow', hold ? 'Send Now' : 'Retry Now', 'retry-now');
	now.title = hold ? 'Send now anyway; the API may answer with a rate-limit error' : 'Skip the wait and try again now';
	const cancel = actionButton(doc, 'cancel', 'Cancel', 'cancel-retry secondary');
	cancel.title = 'Stop this request; your question stays in the chat';
	bar.append(now, cancel);
	wait.append(bar);
	return wait;
}

/** The "large request: ≈ N tokens ≈ $X — Send / Cancel" box inside the answer that waits for it. */
export function createSendConfirm(doc: Document, requestId: string, text: string): HTMLElement {
	const box = el(doc, 'div', 'send-confirm');
	box.dataset.requestId = requestId;
	box.setAttribute('role', 'alertdialog');
	box.setAttribute('aria-label', 'Confirm a large request');
	box.append(el(doc, 'span', 'send-confirm-text', text));
	const bar = el(doc, 'span', 'turn-actions');
	const send = actionButton(doc, 'confirmSend', 'Send', 'confirm-send');
	send.title = 'Send this request';
	const cancel = actionButton(doc, 'cancel', 'Cancel', 'cancel-send secondary');
	cancel.title = 'Do not send; your question stays in the chat';
	bar.append(send, cancel);
	box.append(bar);
	return box;
}

/** The divider before the first turn still sent in full: "12 earlier messages summarized". */
export function createHistoryMarker(doc: Document, text: string): HTMLElement {
	const marker = el(doc, 'div', 'history-marker', text);
	marker.setAttribute('role', 'note');
	marker.title = 'Messages above this line are no longer sent in full (claudeAssistant.maxHistoryTokens, claudeAssistant.historyMode)';
	return marker;
}

/** The per-frame paint of a streaming answer: only the unfinished tail of its markdown is rendered again. */
export function paintAssistantBody(turnEl: HTMLElement, markdown: MarkdownRenderer, text: string, appended?: string): void {
	const body = turnEl.querySelector<HTMLElement>('.turn-body');
	if (body) {
		streamMarkdownInto(body, markdown, text, appended);
	}
}

/** A dismissible message from the host (or the webview itself), styled by level, with an optional command button. */
export function createNotice(doc: Document, level: 'info' | 'warning' | 'error', message: string, action?: WebviewCommand): HTMLElement {
	const notice = el(doc, 'div', `notice notice-${level}`);
	notice.setAttribute('role', level === 'error' ? 'alert' : 'status');
	notice.append(el(doc, 'span', 'notice-text', message));
	if (action) {
		notice.append(actionButton(doc, 'command', COMMAND_LABELS[action], 'notice-action secondary', action));
	}
	const dismiss = actionButton(doc, 'dismiss', '×', 'dismiss icon');
	dismiss.setAttribute('aria-label', 'Dismiss');
	dismiss.title = 'Dismiss';
	notice.append(dismiss);
	return notice;
}

/** At most this many notices stay on screen; older ones go first. */
const MAX_NOTICES = 3;

/** Adds a notice to the notice area, dropping the oldest beyond MAX_NOTICES. */
export function showNotice(notices: HTMLElement, notice: HTMLElement): void {
	notices.append(notice);
	while (notices.children.length > MAX_NOTICES) {
		notices.firstElementChild?.remove();
	}
}
