import * as assert from 'node:assert/strict';
import type { HostToWebview } from '../../../src/shared/protocol';
import { formatWait, retryingText } from '../../../src/webview/format';
import { answerText, assistantTurn, click, init, startChat, startRequest, userTurn, type Chat } from './chatHarness';

type Retrying = Extract<HostToWebview, { type: 'chat/retrying' }>;

function retrying(chat: Chat, overrides: Partial<Retrying> = {}): void {
	chat.bridge.emit({ type: 'chat/retrying', requestId: 'r1', attempt: 2, maxAttempts: 5, delayMs: 12_000, reason: 'Rate limited', ...overrides });
}

const waitText = (chat: Chat) => chat.doc.querySelector('.turn.assistant .retry-wait .retry-text')?.textContent ?? undefined;

describe('webview format: retry countdown text', () => {
	it('reads "Rate limited, retrying in 12 s (attempt 2/5)", then "retrying now" once the wait is over', () => {
		const wait = { reason: 'Rate limited', attempt: 2, maxAttempts: 5 };
		assert.equal(retryingText(wait, 12_000), 'Rate limited, retrying in 12 s (attempt 2/5)');
		assert.equal(retryingText(wait, 11_001), 'Rate limited, retrying in 12 s (attempt 2/5)', 'whole seconds, rounded up');
		assert.equal(retryingText(wait, 300), 'Rate limited, retrying in 1 s (attempt 2/5)');
		assert.equal(retryingText(wait, 0), 'Rate limited, retrying now (attempt 2/5)');
		assert.equal(retryingText({ reason: 'The API is overloaded', attempt: 5, maxAttempts: 5 }, 95_000), 'The API is overloaded, retrying in 1 min 35 s (attempt 5/5)');
	});

	it('formats waits in seconds, then minutes', () => {
		assert.deepEqual([0, 1, 59_000, 60_000, 61_000, 300_000].map(formatWait), ['0 s', '1 s', '59 s', '1 min', '1 min 1 s', '5 min']);
	});
});

describe('webview chat: waiting to retry', () => {
	it('shows the countdown in the streaming answer with Retry Now and Cancel, instead of the dots', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		retrying(chat);
		assert.equal(waitText(chat), 'Rate limited, retrying in 12 s (attempt 2/5)');
		assert.deepEqual(chat.$$('.retry-wait button').map((b) => b.textContent), ['Retry Now', 'Cancel']);
		assert.equal(chat.$('.turn.assistant').dataset.retrying, 'waiting', 'the CSS hides the streaming dots meanwhile');
		assert.equal(chat.$('#stop').hidden, false, 'the request is still running');
	});

	it('counts down once a second, then says "retrying now" and drops Retry Now', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		retrying(chat, { delayMs: 3_000 });
		chat.clock.advance(999);
		assert.equal(waitText(chat), 'Rate limited, retrying in 3 s (attempt 2/5)');
		chat.clock.advance(1);
		assert.equal(waitText(chat), 'Rate limited, retrying in 2 s (attempt 2/5)');
		chat.clock.advance(1_000);
		assert.equal(waitText(chat), 'Rate limited, retrying in 1 s (attempt 2/5)');
		chat.clock.advance(1_000);
		assert.equal(waitText(chat), 'Rate limited, retrying now (attempt 2/5)');
		assert.equal(chat.doc.querySelector('.retry-wait .retry-now'), null);
		assert.ok(chat.doc.querySelector('.retry-wait .cancel-retry'), 'Cancel still stops the attempt');
		assert.equal(chat.$('.turn.assistant').dataset.retrying, 'attempting', 'the dots are back');
		assert.equal(chat.clock.pending, 0, 'the timer stopped');
	});

	it('Retry Now posts chat/retryNow for the waiting request and says "retrying now"', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'r9');
		retrying(chat, { requestId: 'r9' });
		click(chat.$('.retry-wait .retry-now'));
		assert.deepEqual(chat.bridge.last(), { type: 'chat/retryNow', requestId: 'r9' });
		assert.equal(waitText(chat), 'Rate limited, retrying now (attempt 2/5)');
		assert.equal(chat.clock.pending, 0);
	});

	it('Cancel posts chat/cancel for the waiting request; the host answers with a stopped turn', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'r3');
		retrying(chat, { requestId: 'r3' });
		const cancel = chat.$<HTMLButtonElement>('.retry-wait .cancel-retry');
		click(cancel);
		assert.deepEqual(chat.bridge.last(), { type: 'chat/cancel', requestId: 'r3' });
		assert.equal(cancel.disabled, true, 'one cancel per click');
		chat.bridge.emit({ type: 'chat/done', requestId: 'r3', turn: assistantTurn({ status: 'stopped', stopReason: 'stopped', text: '' }) });
		assert.equal(chat.doc.querySelector('.retry-wait'), null);
		assert.equal(chat.$('.turn-status .status-text').textContent, 'Stopped');
		assert.ok(chat.doc.querySelector('.turn-status button.retry'), 'and Retry is offered');
		assert.equal(chat.clock.pending, 0);
	});

	it('a later attempt replaces the countdown; streamed text removes it', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		retrying(chat);
		retrying(chat, { attempt: 3, delayMs: 2_000, reason: 'The API is overloaded' });
		assert.equal(chat.$$('.retry-wait').length, 1);
		assert.equal(waitText(chat), 'The API is overloaded, retrying in 2 s (attempt 3/5)');
		assert.equal(chat.clock.pending, 1, 'one timer');
		chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq: 1, text: 'Finally' });
		assert.equal(chat.doc.querySelector('.retry-wait'), null);
		assert.equal(chat.$('.turn.assistant').dataset.retrying, undefined);
		assert.equal(answerText(chat), 'Finally');
		assert.equal(chat.clock.pending, 0);
	});

	it('when the attempts run out, the error replaces the countdown', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		retrying(chat, { attempt: 5 });
		const error = { kind: 'rateLimit' as const, message: 'Rate limited by the Anthropic API (429). Gave up after 5 attempts.', retryable: true };
		chat.bridge.emit({ type: 'chat/error', requestId: 'r1', turn: assistantTurn({ status: 'error', text: '', error }), error });
		assert.equal(chat.doc.querySelector('.retry-wait'), null);
		assert.equal(chat.$('.turn-error').textContent, error.message);
		assert.equal(chat.clock.pending, 0);
	});

	it('ignores a countdown for a request that is no longer running', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'old');
		startRequest(chat, 'new');
		retrying(chat, { requestId: 'old' });
		assert.equal(chat.doc.querySelector('.retry-wait'), null);
	});

	it('a chat view opened mid-wait shows the time still left', async () => {
		const chat = await startChat();
		init(chat, [userTurn(), assistantTurn({ status: 'streaming', text: '' })], { busy: true });
		chat.bridge.emit({ type: 'chat/started', requestId: 'r5', assistant: assistantTurn({ status: 'streaming', text: '' }) });
		retrying(chat, { requestId: 'r5', delayMs: 4_200 });
		assert.equal(waitText(chat), 'Rate limited, retrying in 5 s (attempt 2/5)');
		init(chat, [userTurn(), assistantTurn({ status: 'streaming', text: '' })], { busy: true });
		assert.equal(chat.clock.pending, 0, 'a rebuilt transcript drops the old timer');
	});
});
