import type { ConversationListItem, ModelOption } from '../shared/protocol';
import type { HostBridge } from './hostBridge';
import { relativeTime } from './relativeTime';

/** The list's per-conversation buttons: what each one asks the host (Open switches; the others act on that row). */
const ROW_ACTIONS = [
	{ action: 'rename', label: 'Rename', title: 'Rename this conversation' },
	{ action: 'export', label: 'Export', title: 'Save this conversation as a Markdown file' },
	{ action: 'delete', label: 'Delete', title: 'Delete this conversation (asks first)' },
] as const;

type RowAction = 'open' | (typeof ROW_ACTIONS)[number]['action'];

function byId<T extends HTMLElement>(doc: Document, id: string): T {
	const el = doc.getElementById(id);
	if (!el) {
		throw new Error(`chat webview: #${id} is missing from the page`);
	}
	return el as T;
}

/**
 * The chat header: the History toggle with its list of past conversations (open, rename, export, delete) and the
 * model picker. It shows what the host sends (`conversations/list`, `models/list`) and posts the user's choices;
 * the host validates them and answers with a new `state/init` after a switch. Relative dates are re-rendered each
 * time the panel opens.
 */
export class ChatHeader {
	private readonly toggle: HTMLButtonElement;
	private readonly panel: HTMLElement;
	private readonly list: HTMLUListElement;
	private readonly empty: HTMLElement;
	private readonly picker: HTMLSelectElement;
	private items: ConversationListItem[] = [];
	private currentId = '';

	constructor(private readonly doc: Document, private readonly bridge: HostBridge, private readonly now: () => number = Date.now) {
		this.toggle = byId(doc, 'history-toggle');
		this.panel = byId(doc, 'history');
		this.list = byId(doc, 'history-list');
		this.empty = byId(doc, 'history-empty');
		this.picker = byId(doc, 'model-picker');
		this.toggle.addEventListener('click', () => this.setOpen(this.toggle.getAttribute('aria-expanded') !== 'true'));
		byId(doc, 'history-new').addEventListener('click', () => {
			bridge.post({ type: 'chat/new' });
			this.setOpen(false);
		});
		this.list.addEventListener('click', (e) => this.onListClick(e.target));
		this.panel.addEventListener('keydown', (e) => {
			if (e.key === 'Escape') {
				this.setOpen(false);
				this.toggle.focus();
			}
		});
		this.picker.addEventListener('change', () => {
			if (this.picker.value) {
				bridge.post({ type: 'model/select', model: this.picker.value });
			}
		});
	}

	/** A new list from the host (most recent first), and which conversation is open. */
	showConversations(items: ConversationListItem[], currentId: string): void {
		this.items = items;
		this.currentId = currentId;
		this.renderList();
	}

	/** The picker's models (labelled with prices) and this conversation's model. */
	showModels(models: ModelOption[], selected: string): void {
		this.picker.replaceChildren(...models.map((m) => {
			const option = this.doc.createElement('option');
			option.value = m.id;
			option.textContent = m.label;
			return option;
		}));
		this.picker.value = selected;
		this.picker.disabled = models.length === 0;
		const chosen = models.find((m) => m.id === selected);
		this.picker.title = chosen ? `Model for this conversation: ${chosen.label} (input / output)` : 'Model for this conversation';
	}

	private setOpen(open: boolean): void {
		this.panel.hidden = !open;
		this.toggle.setAttribute('aria-expanded', String(open));
		if (open) {
			this.renderList(); // fresh "5 min ago"
			this.list.querySelector<HTMLButtonElement>('.conversation-open[aria-current="true"], .conversation-open')?.focus();
		}
	}

	private renderList(): void {
		this.empty.hidden = this.items.length > 0;
		if (this.panel.hidden) {
			return; // rendered when opened
		}
		const now = this.now();
		this.list.replaceChildren(...this.items.map((item) => this.row(item, now)));
	}

	private row(item: ConversationListItem, now: number): HTMLLIElement {
		const doc = this.doc;
		const li = doc.createElement('li');
		li.className = 'conversation';
		li.dataset.id = item.id;
		const open = this.button('open', 'conversation-open');
		const title = doc.createElement('span');
		title.className = 'conversation-title';
		title.textContent = item.title;
		const date = doc.createElement('span');
		date.className = 'conversation-date';
		date.textContent = relativeTime(item.updatedAt, now);
		open.title = item.title;
		open.append(title, date);
		if (item.id === this.currentId) {
			open.setAttribute('aria-current', 'true');
			li.classList.add('current');
		}
		const actions = doc.createElement('span');
		actions.className = 'conversation-actions';
		for (const spec of ROW_ACTIONS) {
			const button = this.button(spec.action, `conversation-${spec.action} link`);
			button.textContent = spec.label;
			button.title = spec.title;
			button.setAttribute('aria-label', `${spec.label} “${item.title}”`);
			actions.append(button);
		}
		li.append(open, actions);
		return li;
	}

	private button(action: RowAction, className: string): HTMLButtonElement {
		const button = this.doc.createElement('button');
		button.type = 'button';
		button.className = className;
		button.dataset.conversationAction = action;
		return button;
	}

	private onListClick(target: EventTarget | null): void {
		const button = (target as Element | null)?.closest?.<HTMLButtonElement>('button[data-conversation-action]');
		const id = button?.closest<HTMLElement>('li.conversation')?.dataset.id;
		if (!button || !id) {
			return;
		}
		const action = button.dataset.conversationAction as RowAction;
		switch (action) {
			case 'open':
				if (id !== this.currentId) {
					this.bridge.post({ type: 'conversation/switch', id });
				}
				this.setOpen(false);
				break;
			case 'rename':
			case 'export':
			case 'delete':
				this.bridge.post({ type: `conversation/${action}`, id });
				break;
		}
	}
}
