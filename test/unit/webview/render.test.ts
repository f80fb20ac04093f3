import * as assert from 'node:assert/strict';
import { StreamRenderer } from '../../../src/webview/render';
import { assistantTurn, FakeFrames, init, startChat, userTurn } from './chatHarness';

describe('webview render: one paint per animation frame', () => {
	it('StreamRenderer paints the first text at once, then buffers appends and paints each dirty turn once per frame', () => {
		const frames = new FakeFrames();
		const paints: Array<[string, string]> = [];
		const r = new StreamRenderer(frames, (id, text) => paints.push([id, text]));
		r.reset('a', 'Hel');
		r.append('a', 'l');
		assert.deepEqual(paints, [['a', 'Hell']], 'the first words do not wait for a frame');
		assert.equal(frames.requested, 0);
		for (const piece of ['o', ',', ' ', 'w', 'o', 'r', 'l', 'd']) {
			r.append('a', piece);
		}
		assert.equal(paints.length, 1, 'later text waits for the frame');
		assert.equal(frames.requested, 1, 'a single frame requested');
		frames.run();
		assert.deepEqual(paints, [['a', 'Hell'], ['a', 'Hello, world']]);
		frames.run();
		assert.equal(paints.length, 2, 'nothing left to paint');
	});

	it('tells each paint what was appended since the last one, and nothing after a reset', () => {
		const frames = new FakeFrames();
		const paints: Array<[string, string | undefined]> = [];
		const r = new StreamRenderer(frames, (_id, text, appended) => paints.push([text, appended]));
		r.reset('a', 'Hi');
		r.append('a', ' there'); // painted at once
		r.append('a', ',');
		r.append('a', ' you');
		frames.run();
		r.reset('a', 'New'); // Retry: the painter must compare the whole text
		r.append('a', '!');
		frames.run();
		assert.deepEqual(paints, [['Hi there', undefined], ['Hi there, you', ', you'], ['New!', undefined]]);
	});

	it('finish() drops a pending paint and cancels the frame', () => {
		const frames = new FakeFrames();
		let painted = 0;
		const r = new StreamRenderer(frames, () => painted++);
		r.append('a', 'x');
		r.append('a', 'y');
		assert.equal(frames.pending, 1);
		r.finish('a');
		assert.equal(frames.pending, 0);
		frames.run();
		assert.equal(painted, 1, 'only the first text, painted at once');
	});

	it('coalesces 200 deltas into a handful of markdown renders in the chat', async () => {
		const chat = await startChat();
		init(chat, []);
		chat.bridge.emit({ type: 'chat/started', requestId: 'r1', user: userTurn(), assistant: assistantTurn({ text: '', status: 'streaming' }) });
		const before = chat.renders();
		for (let seq = 1; seq <= 200; seq++) {
			chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq, text: `w${seq} ` });
			if (seq % 100 === 0) {
				chat.frames.run(); // two frames during the stream
			}
		}
		assert.equal(chat.renders() - before, 3, 'the first delta at once, then one render per frame');
		const body = chat.$('.turn.assistant .turn-body').textContent ?? '';
		assert.ok(body.startsWith('w1 w2 ') && body.trim().endsWith('w200'), body.slice(0, 40));
	});

	it('renders the final turn in full on chat/done, replacing streamed text', async () => {
		const chat = await startChat();
		init(chat, []);
		chat.bridge.emit({ type: 'chat/started', requestId: 'r1', user: userTurn(), assistant: assistantTurn({ text: '', status: 'streaming' }) });
		chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq: 1, text: 'partial' });
		chat.bridge.emit({ type: 'chat/done', requestId: 'r1', turn: assistantTurn({ text: 'Final **answer**\n\n```py\nprint(1)\n```' }) });
		assert.equal(chat.frames.pending, 0, 'the pending frame was cancelled');
		assert.equal(chat.$('.turn.assistant strong').textContent, 'answer');
		assert.equal(chat.$('.turn.assistant pre > code.language-py').textContent, 'print(1)\n');
		assert.equal(chat.$$('.turn.assistant').length, 1);
	});

	it('puts a Copy button on each code block that copies the code locally', async () => {
		const chat = await startChat();
		init(chat, [assistantTurn({ text: '```js\nlet a = 1;\n```\n\n```\ntwo\n```' })]);
		const buttons = chat.$$('.code-block button.copy');
		assert.equal(buttons.length, 2);
		buttons[0].click();
		await new Promise((r) => setImmediate(r));
		assert.deepEqual(chat.clipboard, ['let a = 1;\n']);
		assert.equal(buttons[0].textContent, 'Copied');
		assert.equal(chat.bridge.posted.filter((m) => m.type !== 'ready').length, 0, 'copying never involves the host');
	});
});
