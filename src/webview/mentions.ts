import { MAX_MENTION_QUERY_CHARS, type MentionItem } from '../shared/protocol';
import type { HostBridge } from './hostBridge';

/** The `@query` the caret is in: `@` at the start or after whitespace, then no whitespace up to the caret. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | undefined {
	const before = text.slice(0, caret);
	const m = /(^|\s)@([^\s@]*)$/.exec(before);
	if (!m || m[2].length > MAX_MENTION_QUERY_CHARS) {
		return undefined;
	}
	return { start: caret - m[2].length - 1, query: m[2] };
}

const KIND_NAMES: Record<MentionItem['kind'], string> = {
	file: 'file', selection: 'selection', symbol: 'symbol', problems: 'problems', changes: 'git',
};

/**
 * The @-mention list under the prompt: typing `@` and a query asks the host (`mention/query`), the answer
 * (`mention/results`) is listed; ↑/↓ move, Enter or Tab pick (`mention/pick`, and the `@query` leaves the prompt),
 * Escape closes. Only the latest query's answer is shown.
 */
export class MentionPopup {
	private queryCount = 0;
	private current: { queryId: string; start: number; query: string } | undefined;
	private items: MentionItem[] = [];
	private selected = 0;

	constructor(
		private readonly doc: Document,
		private readonly prompt: HTMLTextAreaElement,
		private readonly list: HTMLElement,
		private readonly bridge: HostBridge,
	) {
		prompt.addEventListener('input', () => this.update());
		prompt.addEventListener('click', () => this.update());
		prompt.addEventListener('blur', () => this.close());
		// capture: runs before the composer's own Enter-to-send on the same element
		prompt.addEventListener('keydown', (e) => this.keydown(e), true);
		list.addEventListener('mousedown', (e) => {
			const row = (e.target as Element | null)?.closest<HTMLElement>('[data-index]');
			if (row) {
				e.preventDefault(); // keep the focus (and the caret) in the prompt
				this.pick(Number(row.dataset.index));
			}
		});
	}

	get isOpen(): boolean {
		return !this.list.hidden;
	}

	/** The host's answer to a query: shown if it is the latest one. */
	results(queryId: string, items: MentionItem[], complete: boolean): void {
		if (this.current?.queryId !== queryId) {
			return;
		}
		const keep = this.items[this.selected]?.id;
		this.items = items;
		this.selected = Math.max(0, items.findIndex((i) => i.id === keep));
		this.render(complete);
	}

	private update(): void {
		const at = mentionAt(this.prompt.value, this.prompt.selectionStart ?? this.prompt.value.length);
		if (!at) {
			this.close();
			return;
		}
		if (this.current && this.current.start === at.start && this.current.query === at.query) {
			return;
		}
		const queryId = `q${++this.queryCount}`;
		this.current = { queryId, ...at };
		this.bridge.post({ type: 'mention/query', queryId, query: at.query });
	}

	private keydown(e: KeyboardEvent): void {
		if (!this.isOpen || e.isComposing) {
			return;
		}
		const handled = (() => {
			switch (e.key) {
				case 'ArrowDown':
					this.move(1);
					return true;
				case 'ArrowUp':
					this.move(-1);
					return true;
				case 'Enter':
				case 'Tab':
					if (e.shiftKey || this.items.length === 0) {
						return false;
					}
					this.pick(this.selected);
					return true;
				case 'Escape':
					this.close();
					return true;
				default:
					return false;
			}
		})();
		if (handled) {
			e.preventDefault();
			e.stopImmediatePropagation();
		}
	}

	private move(by: number): void {
		if (this.items.length) {
			this.selected = (this.selected + by + this.items.length) % this.items.length;
			this.render(true);
		}
	}

	/** Attaches the item and takes its `@query` out of the prompt. */
	private pick(index: number): void {
		const item = this.items[index];
		const current = this.current;
		if (!item || !current) {
			return;
		}
		this.bridge.post({ type: 'mention/pick', queryId: current.queryId, itemId: item.id });
		const value = this.prompt.value;
		const end = current.start + 1 + current.query.length;
		this.prompt.value = value.slice(0, current.start) + value.slice(end).replace(/^ /, '');
		this.prompt.setSelectionRange(current.start, current.start);
		this.close();
		// as if typed: the composer saves the draft and updates Send
		const EventCtor = this.doc.defaultView?.Event ?? Event;
		this.prompt.dispatchEvent(new EventCtor('input'));
	}

	private close(): void {
		this.current = undefined;
		this.items = [];
		this.list.hidden = true;
		this.list.replaceChildren();
		this.prompt.removeAttribute('aria-activedescendant');
	}

	private render(complete: boolean): void {
		const rows = this.items.map((item, i) => {
			const row = this.doc.createElement('li');
			row.id = `mention-${i}`;
			row.className = `mention mention-${item.kind}`;
			row.setAttribute('role', 'option');
			row.setAttribute('aria-selected', String(i === this.selected));
			row.dataset.index = String(i);
			const kind = this.doc.createElement('span');
			kind.className = 'mention-kind';
			kind.textContent = KIND_NAMES[item.kind];
			const label = this.doc.createElement('span');
			label.className = 'mention-label';
			label.textContent = item.label;
			const detail = this.doc.createElement('span');
			detail.className = 'mention-detail';
			detail.textContent = item.detail;
			row.append(kind, label, detail);
			return row;
		});
		if (rows.length === 0) {
			const empty = this.doc.createElement('li');
			empty.className = 'mention-empty';
			empty.textContent = complete ? 'Nothing matches' : 'Searching…';
			rows.push(empty);
		}
		this.list.replaceChildren(...rows);
		this.list.hidden = false;
		if (this.items.length) {
			this.prompt.setAttribute('aria-activedescendant', `mention-${this.selected}`);
			rows[this.selected].scrollIntoView?.({ block: 'nearest' });
		}
	}
}
