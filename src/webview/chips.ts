import type { AttachmentChip } from '../shared/protocol';

/** `≈ 850 tokens`, `≈ 12.3k tokens`. */
export function tokensText(tokens: number): string {
	return tokens < 1000 ? `≈ ${tokens} tokens` : `≈ ${(tokens / 1000).toFixed(tokens < 10_000 ? 1 : 0)}k tokens`;
}

/** A chip's visible name: `app.ts`, `app.ts:3–9`, `parseConfig` (a symbol), `Problems in app.ts`. */
export function chipText(chip: AttachmentChip): string {
	if (chip.startLine === undefined || chip.kind === 'symbol') {
		return chip.label;
	}
	const end = chip.endLine ?? chip.startLine;
	return `${chip.label}:${chip.startLine}${end === chip.startLine ? '' : `–${end}`}`;
}

/** The tooltip: where it is, and what it adds to the request. */
export function chipTitle(chip: AttachmentChip): string {
	const lines = chip.startLine === undefined ? '' : `, lines ${chip.startLine}–${chip.endLine ?? chip.startLine}`;
	const where = chip.file ? `${chip.file}${lines}` : chip.label;
	return `${where} (${tokensText(chip.tokens)}). Click to open.`;
}

/**
 * Chips for attachments, text set through textContent: a button that opens the attachment's location and, on chips
 * not sent yet, a × that removes it. Clicks go through the chat's delegated `data-action` handler.
 */
export function renderChips(doc: Document, container: HTMLElement, chips: readonly AttachmentChip[], removable: boolean): void {
	container.replaceChildren(...chips.map((chip) => {
		const node = doc.createElement('span');
		node.className = `chip chip-${chip.kind}`;
		node.dataset.attachmentId = chip.id;
		const open = doc.createElement('button');
		open.type = 'button';
		open.className = 'chip-open';
		open.dataset.action = 'attachmentOpen';
		open.title = chipTitle(chip);
		const name = doc.createElement('span');
		name.className = 'chip-name';
		name.textContent = chipText(chip);
		const size = doc.createElement('span');
		size.className = 'chip-tokens';
		size.textContent = tokensText(chip.tokens);
		open.append(name, size);
		node.append(open);
		if (removable) {
			const remove = doc.createElement('button');
			remove.type = 'button';
			remove.className = 'chip-remove';
			remove.dataset.action = 'attachmentRemove';
			remove.setAttribute('aria-label', `Remove ${chipText(chip)}`);
			remove.title = 'Remove (not sent)';
			remove.textContent = '×';
			node.append(remove);
		}
		return node;
	}));
	container.hidden = chips.length === 0;
}
