import * as assert from 'node:assert/strict';
import type { MentionItem } from '../../../src/shared/protocol';
import { mentionAt } from '../../../src/webview/mentions';
import { click, init, key, startChat, userTurn, type Chat } from './chatHarness';

/** Types `text` into the prompt with the caret at its end, as a user would. */
function typeInPrompt(chat: Chat, text: string): HTMLTextAreaElement {
	const prompt = chat.$<HTMLTextAreaElement>('#prompt');
	prompt.value = text;
	prompt.setSelectionRange(text.length, text.length);
	prompt.dispatchEvent(new chat.dom.window.Event('input'));
	return prompt;
}

const ITEMS: MentionItem[] = [
	{ id: 'm1', kind: 'file', label: 'app.ts', detail: 'src' },
	{ id: 'm2', kind: 'file', label: 'app.test.ts', detail: 'test/unit' },
	{ id: 'm3', kind: 'symbol', label: 'appendLine', detail: 'function in src/log.ts' },
];

describe('webview: @-mentions in the composer', () => {
	it('finds the @query the caret is in: after a space or at the start, not inside a word', () => {
		assert.deepEqual(mentionAt('@', 1), { start: 0, query: '' });
		assert.deepEqual(mentionAt('look at @src/ap', 15), { start: 8, query: 'src/ap' });
		assert.equal(mentionAt('mail me at a@b.c', 16), undefined);
		assert.equal(mentionAt('@app and more', 13), undefined, 'the caret left the mention');
		assert.deepEqual(mentionAt('@app and more', 4), { start: 0, query: 'app' });
	});

	it('typing @ asks the host; its answer is listed, ↓ moves, Enter attaches and takes @query out of the prompt without sending', async () => {
		const chat = await startChat();
		init(chat, []);
		const prompt = typeInPrompt(chat, 'Explain @ap');
		const query = chat.bridge.last();
		assert.deepEqual(query, { type: 'mention/query', queryId: (query as { queryId: string }).queryId, query: 'ap' });
		const queryId = (query as { queryId: string }).queryId;
		chat.bridge.emit({ type: 'mention/results', queryId, items: ITEMS, complete: false });
		const rows = chat.$$('#mentions .mention');
		assert.deepEqual(rows.map((r) => r.querySelector('.mention-label')?.textContent), ['app.ts', 'app.test.ts', 'appendLine']);
		assert.equal(chat.$('#mentions').hidden, false);
		key(prompt, 'ArrowDown');
		assert.equal(chat.$('#mentions [aria-selected="true"] .mention-label').textContent, 'app.test.ts');
		key(prompt, 'Enter');
		assert.deepEqual(chat.bridge.posted.filter((m) => m.type === 'mention/pick'), [{ type: 'mention/pick', queryId, itemId: 'm2' }]);
		assert.equal(prompt.value, 'Explain ');
		assert.equal(chat.$('#mentions').hidden, true);
		assert.equal(chat.bridge.posted.some((m) => m.type === 'chat/send'), false, 'Enter picked; it did not send');
	});

	it('an answer to an older query is ignored; Escape closes the list and Enter sends again', async () => {
		const chat = await startChat();
		init(chat, []);
		typeInPrompt(chat, '@a');
		const first = (chat.bridge.last() as { queryId: string }).queryId;
		const prompt = typeInPrompt(chat, '@ap');
		const second = (chat.bridge.last() as { queryId: string }).queryId;
		chat.bridge.emit({ type: 'mention/results', queryId: first, items: ITEMS, complete: true });
		assert.equal(chat.$('#mentions').hidden, true);
		chat.bridge.emit({ type: 'mention/results', queryId: second, items: [], complete: false });
		assert.equal(chat.$('#mentions .mention-empty').textContent, 'Searching…');
		chat.bridge.emit({ type: 'mention/results', queryId: second, items: [], complete: true });
		assert.equal(chat.$('#mentions .mention-empty').textContent, 'Nothing matches');
		key(prompt, 'Escape');
		assert.equal(chat.$('#mentions').hidden, true);
		key(prompt, 'Enter');
		assert.equal(chat.bridge.last()?.type, 'chat/send');
	});

	it('the composer shows a chip per attachment with name, lines and ≈ tokens; × removes it, a click opens it', async () => {
		const chat = await startChat();
		init(chat, []);
		chat.bridge.emit({
			type: 'attachments/changed', items: [
				{ id: 'a1', kind: 'selection', label: 'app.ts', file: 'src/app.ts', startLine: 3, endLine: 9, tokens: 120 },
				{ id: 'a2', kind: 'file', label: 'README.md', file: 'README.md', tokens: 12_345 },
			],
		});
		const chips = chat.$$('#attachments .chip');
		assert.deepEqual(chips.map((c) => c.querySelector('.chip-open')?.textContent), ['app.ts:3–9≈ 120 tokens', 'README.md≈ 12k tokens']);
		assert.equal(chips[0].querySelector('.chip-open')?.getAttribute('title'), 'src/app.ts, lines 3–9 (≈ 120 tokens). Click to open.');
		click(chips[1].querySelector('.chip-remove')!);
		assert.deepEqual(chat.bridge.last(), { type: 'attachment/remove', id: 'a2' });
		click(chips[0].querySelector('.chip-open')!);
		assert.deepEqual(chat.bridge.last(), { type: 'attachment/open', id: 'a1' });
		chat.bridge.emit({ type: 'attachments/changed', items: [] });
		assert.equal(chat.$('#attachments').hidden, true);
	});

	it('a sent question shows what was attached, as chips without ×, that open their location', async () => {
		const chat = await startChat();
		init(chat, [userTurn({ id: 'u1', text: 'why?', attachments: [{ id: 'a9', kind: 'symbol', label: 'parseConfig', file: 'src/config.ts', startLine: 10, endLine: 40, tokens: 300 }] })]);
		const chip = chat.$('[data-turn-id="u1"] .chip');
		assert.equal(chip.querySelector('.chip-name')?.textContent, 'parseConfig');
		assert.equal(chip.querySelector('.chip-remove'), null);
		click(chip.querySelector('.chip-open')!);
		assert.deepEqual(chat.bridge.last(), { type: 'attachment/open', id: 'a9' });
	});
});
