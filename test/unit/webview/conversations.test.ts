import * as assert from 'node:assert/strict';
import { relativeTime } from '../../../src/webview/relativeTime';
import { assistantTurn, click, init, key, startChat, userTurn, type Chat } from './chatHarness';

const HOUR = 3_600_000;

/** MutationObserver callbacks run as microtasks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function showList(chat: Chat, currentId = 'c2'): void {
	const now = Date.now();
	chat.bridge.emit({
		type: 'conversations/list',
		currentId,
		items: [
			{ id: 'c2', title: 'Reading JSON in Node', updatedAt: now - 5 * 60_000 },
			{ id: 'c1', title: 'Why does the build fail?', updatedAt: now - 3 * HOUR },
		],
	});
}

describe('webview chat header: the History list', () => {
	it('opens and closes with the History button, listing titles with relative dates, the open one marked', async () => {
		const chat = await startChat();
		showList(chat);
		const toggle = chat.$('#history-toggle');
		assert.equal(chat.$('#history').hidden, true);
		click(toggle);
		assert.equal(chat.$('#history').hidden, false);
		assert.equal(toggle.getAttribute('aria-expanded'), 'true');
		assert.deepEqual(chat.$$('.conversation-title').map((t) => t.textContent), ['Reading JSON in Node', 'Why does the build fail?']);
		assert.deepEqual(chat.$$('.conversation-date').map((t) => t.textContent), ['5 min ago', '3 h ago']);
		assert.equal(chat.$('.conversation[data-id="c2"] .conversation-open').getAttribute('aria-current'), 'true');
		assert.equal(chat.$('.conversation[data-id="c1"] .conversation-open').getAttribute('aria-current'), null);
		assert.equal(chat.$('#history-empty').hidden, true);
		key(chat.$('#history'), 'Escape');
		assert.equal(chat.$('#history').hidden, true);
		assert.equal(toggle.getAttribute('aria-expanded'), 'false');
	});

	it('switches on click (not to the open one), and posts rename, export and delete for the row', async () => {
		const chat = await startChat();
		showList(chat);
		click(chat.$('#history-toggle'));
		click(chat.$('.conversation[data-id="c2"] .conversation-open'));
		assert.equal(chat.bridge.posted.some((m) => m.type === 'conversation/switch'), false);
		click(chat.$('#history-toggle'));
		const row = chat.$('.conversation[data-id="c1"]');
		for (const action of ['rename', 'export', 'delete'] as const) {
			const button = row.querySelector<HTMLButtonElement>(`.conversation-${action}`);
			assert.ok(button);
			assert.equal(button.getAttribute('aria-label'), `${action[0].toUpperCase()}${action.slice(1)} “Why does the build fail?”`);
			click(button);
			assert.deepEqual(chat.bridge.last(), { type: `conversation/${action}`, id: 'c1' });
		}
		click(row.querySelector('.conversation-open') as Element);
		assert.deepEqual(chat.bridge.last(), { type: 'conversation/switch', id: 'c1' });
		assert.equal(chat.$('#history').hidden, true, 'the panel closes on switch');
	});

	it('says so when there is nothing to list, and New Chat posts chat/new', async () => {
		const chat = await startChat();
		chat.bridge.emit({ type: 'conversations/list', items: [], currentId: 'c9' });
		click(chat.$('#history-toggle'));
		assert.equal(chat.$('#history-empty').hidden, false);
		click(chat.$('#history-new'));
		assert.deepEqual(chat.bridge.last(), { type: 'chat/new' });
	});
});

describe('webview chat header: the model picker', () => {
	it('offers the models with their prices, shows this conversation\'s model and posts a new choice', async () => {
		const chat = await startChat();
		chat.bridge.emit({
			type: 'models/list',
			selected: 'claude-sonnet-5-5',
			models: [
				{ id: 'claude-opus-5-5', label: 'claude-opus-5-5 — $4 / $20 per MTok' },
				{ id: 'claude-sonnet-5-5', label: 'claude-sonnet-5-5 — $2 / $10 per MTok · default' },
			],
		});
		const picker = chat.$<HTMLSelectElement>('#model-picker');
		assert.deepEqual(Array.from(picker.options).map((o) => o.textContent), ['claude-opus-5-5 — $4 / $20 per MTok', 'claude-sonnet-5-5 — $2 / $10 per MTok · default']);
		assert.equal(picker.value, 'claude-sonnet-5-5');
		assert.equal(chat.doc.querySelector('label[for="model-picker"]')?.textContent, 'Model for this conversation');
		picker.value = 'claude-opus-5-5';
		picker.dispatchEvent(new chat.dom.window.Event('change', { bubbles: true }));
		assert.deepEqual(chat.bridge.last(), { type: 'model/select', model: 'claude-opus-5-5' });
	});
});

describe('webview chat: Edit the last question, Regenerate the last answer', () => {
	async function twoExchanges(): Promise<Chat> {
		const chat = await startChat();
		init(chat, [
			userTurn({ id: 'u1', text: 'first' }), assistantTurn({ id: 'a1' }),
			userTurn({ id: 'u2', text: 'second **question**' }), assistantTurn({ id: 'a2' }),
		]);
		await settle();
		return chat;
	}

	it('puts Edit and Regenerate on the last exchange only', async () => {
		const chat = await twoExchanges();
		assert.deepEqual(chat.$$('.edit-question').map((b) => b.closest<HTMLElement>('.turn')?.dataset.turnId), ['u2']);
		assert.deepEqual(chat.$$('.regenerate').map((b) => b.closest<HTMLElement>('.turn')?.dataset.turnId), ['a2']);
		// a new exchange moves them
		chat.bridge.emit({ type: 'chat/started', requestId: 'r3', user: userTurn({ id: 'u3', text: 'third' }), assistant: assistantTurn({ id: 'a3', text: '', status: 'streaming' }) });
		await settle();
		assert.equal(chat.$$('.edit-question').length, 0, 'nothing to edit while the answer streams');
		assert.equal(chat.$$('.regenerate').length, 0);
		chat.bridge.emit({ type: 'chat/done', requestId: 'r3', turn: assistantTurn({ id: 'a3', text: 'done' }) });
		await settle();
		assert.deepEqual(chat.$$('.edit-question').map((b) => b.closest<HTMLElement>('.turn')?.dataset.turnId), ['u3']);
		assert.deepEqual(chat.$$('.regenerate').map((b) => b.closest<HTMLElement>('.turn')?.dataset.turnId), ['a3']);
	});

	it('offers Retry rather than Regenerate after an error, and no Edit for a question with attached code', async () => {
		const chat = await startChat();
		init(chat, [
			userTurn({ id: 'u1', text: 'Explain', code: { file: 'a.ts', languageId: 'typescript', text: 'x' } }),
			assistantTurn({ id: 'a1', status: 'error', error: { kind: 'overloaded', message: 'busy', retryable: true } }),
		]);
		await settle();
		assert.equal(chat.$$('.regenerate').length, 0);
		assert.equal(chat.$$('.turn.assistant .retry').length, 1);
		assert.equal(chat.$$('.edit-question').length, 0);
	});

	it('Regenerate posts chat/regenerate for the last answer, once', async () => {
		const chat = await twoExchanges();
		const button = chat.$<HTMLButtonElement>('.regenerate');
		click(button);
		click(button);
		const posted = chat.bridge.posted.filter((m) => m.type === 'chat/regenerate');
		assert.equal(posted.length, 1);
		assert.equal(posted[0].type === 'chat/regenerate' && posted[0].turnId, 'a2');
	});

	it('Edit opens the question\'s text in an inline editor; Enter sends chat/edit, Escape cancels', async () => {
		const chat = await twoExchanges();
		click(chat.$('.edit-question'));
		const box = chat.$<HTMLTextAreaElement>('.turn.user .exchange-editor textarea');
		assert.equal(box.value, 'second **question**', 'the text as typed, not as rendered');
		assert.equal(chat.$('.turn[data-turn-id="u2"] .turn-body').hidden, true);
		key(box, 'Escape');
		assert.equal(chat.$$('.exchange-editor').length, 0);
		assert.equal(chat.$('.turn[data-turn-id="u2"] .turn-body').hidden, false);
		assert.equal(chat.bridge.posted.some((m) => m.type === 'chat/edit'), false);

		click(chat.$('.edit-question'));
		const again = chat.$<HTMLTextAreaElement>('.exchange-editor textarea');
		again.value = 'second question, fixed';
		key(again, 'Enter');
		const edit = chat.bridge.last();
		assert.equal(edit?.type, 'chat/edit');
		assert.deepEqual(edit?.type === 'chat/edit' && { turnId: edit.turnId, text: edit.text }, { turnId: 'u2', text: 'second question, fixed' });
		// the host replaces both turns in place
		chat.bridge.emit({ type: 'chat/started', requestId: edit?.type === 'chat/edit' ? edit.requestId : '', user: userTurn({ id: 'u2', text: 'second question, fixed' }), assistant: assistantTurn({ id: 'a2', text: '', status: 'streaming' }) });
		await settle();
		assert.equal(chat.$$('.turn').length, 4);
		assert.equal(chat.$('.turn[data-turn-id="u2"] .turn-body').textContent?.trim(), 'second question, fixed');
	});

	it('the Send button of the editor sends too, and a blank edit is not sent', async () => {
		const chat = await twoExchanges();
		click(chat.$('.edit-question'));
		chat.$<HTMLTextAreaElement>('.exchange-editor textarea').value = '   ';
		click(chat.$('.exchange-editor .send-edit'));
		assert.equal(chat.bridge.posted.some((m) => m.type === 'chat/edit'), false);
		chat.$<HTMLTextAreaElement>('.exchange-editor textarea').value = 'better';
		click(chat.$('.exchange-editor .send-edit'));
		assert.equal(chat.bridge.last()?.type, 'chat/edit');
	});
});

describe('webview relative dates', () => {
	it('reads "just now", minutes, hours, "yesterday", days, then the date', () => {
		const now = Date.UTC(2026, 10, 24, 12);
		assert.deepEqual([0, 59_000, 60_000, 59 * 60_000, HOUR, 23 * HOUR, 24 * HOUR, 47 * HOUR, 48 * HOUR, 6 * 24 * HOUR, 7 * 24 * HOUR, -5_000].map((ago) => relativeTime(now - ago, now)),
			['just now', 'just now', '1 min ago', '59 min ago', '1 h ago', '23 h ago', 'yesterday', 'yesterday', '2 days ago', '6 days ago', '2026-11-17', 'just now']);
	});
});
