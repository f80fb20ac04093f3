import * as assert from 'node:assert/strict';
import { assistantTurn, click, init, startChat, startRequest, userTurn } from './chatHarness';

describe('webview chat: a large request waiting for Send / Cancel', () => {
	const text = 'Large request: ≈ 48k input tokens ≈ $0.096 to claude-sonnet-5-5 (counted by the API; before cache discounts, plus the answer). Send it?';

	it('shows the estimate in the waiting answer; Send posts chat/confirmSend and removes the box', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'r1');
		chat.bridge.emit({ type: 'chat/confirm', requestId: 'r1', text });
		assert.equal(chat.$('.turn.assistant .send-confirm .send-confirm-text').textContent, text);
		assert.deepEqual(chat.$$('.send-confirm button').map((b) => b.textContent), ['Send', 'Cancel']);
		click(chat.$('.send-confirm .confirm-send'));
		assert.deepEqual(chat.bridge.posted.at(-1), { type: 'chat/confirmSend', requestId: 'r1' });
		assert.equal(chat.doc.querySelector('.send-confirm'), null);
	});

	it('Cancel posts chat/cancel for that request', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'r1');
		chat.bridge.emit({ type: 'chat/confirm', requestId: 'r1', text });
		click(chat.$('.send-confirm .cancel-send'));
		assert.deepEqual(chat.bridge.posted.at(-1), { type: 'chat/cancel', requestId: 'r1' });
	});

	it('ignores an estimate for a request that is not running', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'r1');
		chat.bridge.emit({ type: 'chat/confirm', requestId: 'old', text });
		assert.equal(chat.doc.querySelector('.send-confirm'), null);
	});
});

describe('webview chat: the history marker', () => {
	const turns = [
		userTurn({ id: 'u1', text: 'first' }), assistantTurn({ id: 'a1' }),
		userTurn({ id: 'u2', text: 'second' }), assistantTurn({ id: 'a2' }),
	];
	const order = (chat: Awaited<ReturnType<typeof startChat>>) =>
		Array.from(chat.$('#transcript').children).map((c) => (c.classList.contains('history-marker') ? `[${c.textContent}]` : (c as HTMLElement).dataset.turnId));

	it('state/init draws the divider before the first turn still sent in full', async () => {
		const chat = await startChat();
		init(chat, turns, { snapshot: { turns, historyMarker: { text: '2 earlier messages summarized', beforeTurnId: 'u2' } } });
		assert.deepEqual(order(chat), ['u1', 'a1', '[2 earlier messages summarized]', 'u2', 'a2']);
	});

	it('chat/history moves it, and no marker removes it', async () => {
		const chat = await startChat();
		init(chat, turns);
		assert.equal(chat.doc.querySelector('.history-marker'), null);
		chat.bridge.emit({ type: 'chat/history', marker: { text: '2 earlier messages no longer sent', beforeTurnId: 'u2' } });
		assert.deepEqual(order(chat), ['u1', 'a1', '[2 earlier messages no longer sent]', 'u2', 'a2']);
		chat.bridge.emit({ type: 'chat/history', marker: { text: '4 earlier messages summarized', beforeTurnId: 'a2' } });
		assert.equal(chat.$$('.history-marker').length, 1);
		assert.deepEqual(order(chat), ['u1', 'a1', 'u2', '[4 earlier messages summarized]', 'a2']);
		chat.bridge.emit({ type: 'chat/history' });
		assert.equal(chat.doc.querySelector('.history-marker'), null);
	});
});

describe('webview chat: a rate-limit hold', () => {
	it('reads "Holding: …, sending in 8 s" with Send Now and Cancel', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'r1');
		chat.bridge.emit({ type: 'chat/retrying', requestId: 'r1', attempt: 1, maxAttempts: 5, delayMs: 8_000, reason: '0 requests left this minute', hold: true });
		assert.equal(chat.$('.retry-wait .retry-text').textContent, 'Holding: 0 requests left this minute, sending in 8 s');
		assert.deepEqual(chat.$$('.retry-wait button').map((b) => b.textContent), ['Send Now', 'Cancel']);
		chat.clock.advance(8_000);
		assert.equal(chat.$('.retry-wait .retry-text').textContent, 'Holding: 0 requests left this minute, sending now');
	});
});
