import * as assert from 'node:assert/strict';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol';
import { answerText, assistantTurn, click, init, startChat, startRequest, userTurn } from './chatHarness';

describe('webview chat: boot and state/init', () => {
	it('posts ready with the protocol version and restores the draft from getState', async () => {
		const chat = await startChat({ draft: 'half-typed', scrollTop: 0, expanded: [] });
		assert.deepEqual(chat.bridge.posted, [{ type: 'ready', protocolVersion: PROTOCOL_VERSION }]);
		assert.equal(chat.$<HTMLTextAreaElement>('#prompt').value, 'half-typed');
	});

	it('shows the empty hint until there are turns', async () => {
		const chat = await startChat();
		init(chat, []);
		assert.equal(chat.$('#empty').hidden, false);
		assert.match(chat.$('#empty').textContent ?? '', /Ask Claude anything, or select code and run Explain Selection/);
		init(chat, [userTurn(), assistantTurn()]);
		assert.equal(chat.$('#empty').hidden, true);
	});

	it('rebuilds the whole transcript on every state/init', async () => {
		const chat = await startChat();
		init(chat, [userTurn({ id: 'u1' }), assistantTurn({ id: 'a1' }), userTurn({ id: 'u2' }), assistantTurn({ id: 'a2' })]);
		assert.equal(chat.$$('#transcript > .turn').length, 4);
		init(chat, [userTurn({ id: 'u9', text: 'fresh' }), assistantTurn({ id: 'a9', text: 'new *answer*' })]);
		assert.deepEqual(chat.$$('#transcript > .turn').map((t) => t.dataset.turnId), ['u9', 'a9']);
		assert.equal(chat.$('.turn.assistant[data-turn-id="a9"] em').textContent, 'answer');
		assert.equal(chat.$('#transcript').getAttribute('role'), 'log');
	});

	it('shows a user turn heading as inline markdown and its code collapsed, as text', async () => {
		const chat = await startChat();
		const code = { file: 'src/x.ts', languageId: 'typescript', startLine: 10, endLine: 24, text: '<script>alert(1)</script>\nconst a = 1;' };
		init(chat, [userTurn({ text: 'Explain `src/x.ts` lines 10–24', code })]);
		const turn = chat.$('.turn.user');
		assert.equal(turn.querySelector('.turn-body code')?.textContent, 'src/x.ts');
		const details = chat.$<HTMLDetailsElement>('details.code-attachment');
		assert.equal(details.open, false);
		assert.equal(details.querySelector('summary')?.textContent, 'src/x.ts · lines 10–24');
		assert.equal(details.querySelector('pre > code')?.textContent, code.text);
		assert.equal(chat.doc.querySelector('#transcript script'), null);
	});

	it('remembers expanded attachments in the UI state, not the conversation', async () => {
		const chat = await startChat();
		init(chat, [userTurn({ code: { file: 'a.ts', languageId: 'ts', text: 'x' } })]);
		const details = chat.$<HTMLDetailsElement>('details.code-attachment');
		details.open = true;
		details.dispatchEvent(new chat.dom.window.Event('toggle'));
		assert.deepEqual(chat.bridge.state, { draft: '', scrollTop: 0, pinned: true, expanded: ['u1'] });
		init(chat, [userTurn({ code: { file: 'a.ts', languageId: 'ts', text: 'x' } })]);
		assert.equal(chat.$<HTMLDetailsElement>('details.code-attachment').open, true);
	});
});

describe('webview chat: streaming', () => {
	it('shows the streaming indicator and Stop while a request streams', async () => {
		const chat = await startChat();
		init(chat, []);
		assert.equal(chat.$('#stop').hidden, true);
		startRequest(chat);
		assert.ok(chat.doc.querySelector('.turn.assistant[data-turn-id="a1"] .streaming'));
		assert.equal(chat.$('#stop').hidden, false);
		chat.bridge.emit({ type: 'chat/done', requestId: 'r1', turn: assistantTurn() });
		assert.equal(chat.doc.querySelector('.streaming'), null);
		assert.equal(chat.$('#stop').hidden, true);
	});

	it('drops deltas for a stale requestId', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'old');
		startRequest(chat, 'new');
		chat.bridge.emit({ type: 'chat/delta', requestId: 'new', seq: 1, text: 'fresh ' });
		chat.bridge.emit({ type: 'chat/delta', requestId: 'old', seq: 2, text: 'STALE ' });
		chat.bridge.emit({ type: 'chat/delta', requestId: 'new', seq: 2, text: 'text' });
		assert.equal(answerText(chat), 'fresh text');
	});

	it('drops duplicate and out-of-order seq', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		for (const [seq, text] of [[1, 'a'], [2, 'b'], [2, 'B'], [1, 'A'], [3, 'c']] as const) {
			chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq, text });
		}
		assert.equal(answerText(chat), 'abc');
	});

	it('Stop cancels the active request', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'r7');
		click(chat.$('#stop'));
		assert.deepEqual(chat.bridge.last(), { type: 'chat/cancel', requestId: 'r7' });
	});

	it('a late terminal for a replaced request updates its turn but not the running one', async () => {
		const chat = await startChat();
		init(chat, []);
		chat.bridge.emit({ type: 'chat/started', requestId: 'r1', user: userTurn({ id: 'u1' }), assistant: assistantTurn({ id: 'a1', status: 'streaming', text: '' }) });
		chat.bridge.emit({ type: 'chat/started', requestId: 'r2', user: userTurn({ id: 'u2' }), assistant: assistantTurn({ id: 'a2', status: 'streaming', text: '' }) });
		chat.bridge.emit({ type: 'chat/done', requestId: 'r1', turn: assistantTurn({ id: 'a1', status: 'stopped', text: 'part' }) });
		assert.equal(chat.$('.turn[data-turn-id="a1"] .status-text').textContent, 'Stopped');
		assert.equal(chat.$('#stop').hidden, false, 'r2 is still streaming');
		assert.ok(chat.doc.querySelector('.turn[data-turn-id="a2"] .streaming'));
	});

	it('after a busy state/init, continues the streaming turn with the next deltas', async () => {
		const chat = await startChat();
		const streaming = assistantTurn({ status: 'streaming', text: 'Already ' });
		init(chat, [userTurn(), streaming], { busy: true });
		assert.equal(chat.$('#stop').hidden, false);
		// what ChatViewProvider.sendInit sends right after a busy state/init: the running request's id
		chat.bridge.emit({ type: 'chat/started', requestId: 'rX', assistant: streaming });
		chat.bridge.emit({ type: 'chat/delta', requestId: 'rX', seq: 5, text: 'streamed' });
		assert.equal(answerText(chat), 'Already streamed');
		chat.bridge.emit({ type: 'chat/done', requestId: 'rX', turn: assistantTurn({ text: 'Already streamed.' }) });
		assert.equal(chat.$('#stop').hidden, true);
	});
});
