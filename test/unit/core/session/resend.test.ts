import * as assert from 'node:assert/strict';
import type { SessionEvent } from '../../../../src/core/session/types';
import type { AssistantTurn } from '../../../../src/shared/protocol';
import { testSession, useFakeServer, waitFor } from '../../fakes/testSession';

/** The last terminal event (done or error) in `events`. */
function terminals(events: SessionEvent[]): Array<Extract<SessionEvent, { type: 'chat/done' | 'chat/error' }>> {
	return events.filter((e): e is Extract<SessionEvent, { type: 'chat/done' | 'chat/error' }> => e.type === 'chat/done' || e.type === 'chat/error');
}

describe('Regenerate, Edit & resend, and the per-conversation model (real SDK ↔ fake server)', () => {
	const fake = useFakeServer();

	it('Regenerate asks the last question again and replaces the finished answer in place', async () => {
		const events: SessionEvent[] = [];
		const session = testSession(fake.server, events);
		fake.server.enqueue({ text: 'first answer' }, { text: 'second answer' });
		await session.send({ requestId: 'r1', text: 'Name a colour', command: 'chat' });
		const answer = session.snapshot().turns[1] as AssistantTurn;
		assert.equal(await session.retryTurn('r2', answer.id), false, 'Retry is for failed or stopped answers');
		assert.equal(await session.retryTurn('r2', answer.id, { mode: 'regenerate' }), true);
		const turns = session.snapshot().turns;
		assert.equal(turns.length, 2);
		assert.equal(turns[1].id, answer.id);
		assert.equal(turns[1].text, 'second answer');
		const [, second] = fake.server.messageRequests();
		assert.equal(second.body.messages.length, 1, 'the same question, without the replaced answer');
		assert.equal(terminals(events).length, 2);
	});

	it('Regenerate refuses an answer that is not the last one', async () => {
		const session = testSession(fake.server, []);
		await session.send({ requestId: 'r1', text: 'one', command: 'chat' });
		await session.send({ requestId: 'r2', text: 'two', command: 'chat' });
		assert.equal(await session.retryTurn('r3', session.snapshot().turns[1].id, { mode: 'regenerate' }), false);
		assert.equal(fake.server.messageRequests().length, 2);
	});

	it('Edit replaces the last question and its answer, keeping the earlier history', async () => {
		const events: SessionEvent[] = [];
		const session = testSession(fake.server, events);
		fake.server.enqueue({ text: 'A1' }, { text: 'A2' }, { text: 'A2 edited' });
		await session.send({ requestId: 'r1', text: 'Q1', command: 'chat' });
		await session.send({ requestId: 'r2', text: 'Q2 with a typo', command: 'chat' });
		const question = session.snapshot().turns[2];
		assert.equal(await session.retryTurn('r3', question.id, { mode: 'edit', text: 'Q2 fixed' }), true);
		assert.deepEqual(session.snapshot().turns.map((t) => t.text), ['Q1', 'A1', 'Q2 fixed', 'A2 edited']);
		assert.equal(session.snapshot().turns[2].id, question.id, 'the same turns, re-rendered in place');
		const started = events.filter((e) => e.type === 'chat/started').at(-1);
		assert.equal(started?.type === 'chat/started' && started.user?.text, 'Q2 fixed');
		const sent = fake.server.messageRequests()[2].body.messages.map((m: { content: unknown }) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
		assert.equal(sent.length, 3);
		assert.match(sent[0], /Q1/);
		assert.match(sent[1], /A1/);
		assert.match(sent[2], /Q2 fixed/);
		assert.equal(session.persistable().turns.length, 4);
	});

	it('Edit refuses an earlier question, a blank text, a question with attached code, and an answer still streaming', async () => {
		const session = testSession(fake.server, []);
		await session.send({ requestId: 'r1', text: 'one', command: 'chat' });
		await session.send({ requestId: 'r2', text: 'two', command: 'chat' });
		const turns = session.snapshot().turns;
		assert.equal(await session.retryTurn('r3', turns[0].id, { mode: 'edit', text: 'x' }), false);
		assert.equal(await session.retryTurn('r3', turns[2].id, { mode: 'edit', text: '   ' }), false);
		await session.send({ requestId: 'r4', text: 'Explain', prompt: 'full prompt', code: { file: 'a.ts', languageId: 'typescript', text: 'x' }, command: 'explainSelection' });
		assert.equal(await session.retryTurn('r5', session.snapshot().turns[4].id, { mode: 'edit', text: 'changed' }), false);
		fake.server.enqueue({ text: 'slow '.repeat(50), chunkSize: 5, delayMs: 20 });
		const running = session.send({ requestId: 'r6', text: 'long', command: 'chat' });
		await waitFor(() => fake.server.messageRequests().length === 4);
		assert.equal(await session.retryTurn('r7', session.snapshot().turns[6].id, { mode: 'edit', text: 'changed' }), false);
		session.cancel('r6');
		await running;
		assert.equal(fake.server.messageRequests().length, 4);
	});

	it('a conversation\'s own model is used for its chat messages only, persisted and restored with it', async () => {
		const session = testSession(fake.server, [], {}, { settings: (command) => ({ model: command === 'chat' ? 'claude-sonnet-5-5' : 'claude-haiku-5-5', maxTokens: 1000, cacheTtl: '5m', maxHistoryTokens: 60_000 }) });
		session.model = 'claude-opus-5-5';
		await session.send({ requestId: 'r1', text: 'chat', command: 'chat' });
		await session.send({ requestId: 'r2', text: 'Explain', prompt: 'p', command: 'explainSelection' });
		assert.deepEqual(fake.server.messageRequests().map((r) => r.body.model), ['claude-opus-5-5', 'claude-haiku-5-5']);
		assert.equal((session.snapshot().turns[1] as AssistantTurn).model, 'claude-opus-5-5');
		const saved = session.persistable();
		assert.equal(saved.model, 'claude-opus-5-5');

		const other = testSession(fake.server, []);
		other.restore(saved);
		assert.equal(other.model, 'claude-opus-5-5');
		other.restore({ turns: [] });
		assert.equal(other.model, undefined, 'a conversation without a choice follows the setting');
		session.model = 'claude-haiku-5-5';
		await session.retryTurn('r3', session.snapshot().turns[3].id, { mode: 'regenerate' });
		assert.equal(fake.server.messageRequests().at(-1)?.body.model, 'claude-haiku-5-5', 'a command keeps its own tier');
		session.clear();
		assert.equal(session.model, undefined);
	});
});
