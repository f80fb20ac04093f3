import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../../src/core/session/chatSession';
import type { SessionEvent } from '../../../../src/core/session/types';
import { abortableSleep } from '../../../../src/core/request/retry';
import type { AssistantTurn } from '../../../../src/shared/protocol';
import type { FakeAnthropicServer } from '../../../fake-anthropic/server';
import { testSession, useFakeServer, waitFor } from '../../fakes/testSession';

/** Pacing by the anthropic-ratelimit-* headers: hold a request that would get a 429, visibly, instead of sending it. */
describe('ChatSession: rate-limit pacing (real SDK, fake server headers)', function () {
	const fake = useFakeServer();
	let server: FakeAnthropicServer;
	let events: SessionEvent[];
	/** Every wait the session asked for, and what the server had received when it began. */
	let sleeps: Array<{ ms: number; requestsSoFar: number }>;

	beforeEach(() => {
		server = fake.server;
		events = [];
		sleeps = [];
	});

	function makeSession(sleep: (ms: number, signal: AbortSignal) => Promise<void> = async () => undefined): ChatSession {
		return testSession(server, events, {}, {
			sleep: (ms, signal) => {
				sleeps.push({ ms, requestsSoFar: server.messageRequests().length });
				return sleep(ms, signal);
			},
		});
	}
	const holds = () => events.filter((e) => e.type === 'retrying') as Array<Extract<SessionEvent, { type: 'retrying' }>>;

	it('holds the next request until the reset when the last response said 0 requests are left, then sends it', async () => {
		const s = makeSession();
		server.setRateLimits({ requestsRemaining: 0, resetInMs: 5000 });
		await s.send({ requestId: 'r1', text: 'first', command: 'chat' });
		assert.equal(holds().length, 0, 'nothing known before the first response');
		await s.send({ requestId: 'r2', text: 'second', command: 'chat' });
		const [hold] = holds();
		assert.equal(hold.hold, '0 requests left this minute');
		assert.equal(hold.attempt, 1, 'a hold is not a retry');
		assert.ok(hold.delayMs > 3000 && hold.delayMs <= 6500, `until the reset: ${hold.delayMs} ms`);
		assert.deepEqual(sleeps.map((x) => x.requestsSoFar), [1], 'held before the second request was sent');
		assert.equal(server.messageRequests().length, 2);
		assert.equal((s.snapshot().turns.at(-1) as AssistantTurn).status, 'complete');
	});

	it('holds when the input-token budget left is smaller than what the message adds', async () => {
		const s = makeSession();
		server.setRateLimits({ inputTokensRemaining: 1000, resetInMs: 20_000 });
		await s.send({ requestId: 'r1', text: 'short', command: 'chat' });
		await s.send({ requestId: 'r2', text: 'Summarize', prompt: 'word '.repeat(4000), command: 'summarizeFile' });
		assert.match(holds()[0]?.hold ?? '', /^input-token limit nearly used \(1k left, this request ≈ 5k\)$/);
	});

	it('does not hold while there is budget left', async () => {
		const s = makeSession();
		server.setRateLimits({ requestsRemaining: 50, resetInMs: 5000 });
		await s.send({ requestId: 'r1', text: 'first', command: 'chat' });
		await s.send({ requestId: 'r2', text: 'second', command: 'chat' });
		assert.equal(holds().length, 0);
		assert.deepEqual(sleeps, []);
	});

	it('Cancel during a hold sends nothing and keeps the question', async () => {
		const s = makeSession(abortableSleep);
		server.setRateLimits({ requestsRemaining: 0, resetInMs: 30_000 });
		await s.send({ requestId: 'r1', text: 'first', command: 'chat' });
		const held = s.send({ requestId: 'r2', text: 'second', command: 'chat' });
		await waitFor(() => s.activeRetryWait()?.hold !== undefined);
		assert.equal(s.cancel('r2'), true);
		await held;
		assert.equal(server.messageRequests().length, 1);
		const turns = s.snapshot().turns;
		assert.equal(turns.at(-2)?.text, 'second');
		assert.equal((turns.at(-1) as AssistantTurn).status, 'stopped');
	});

	it('Send Now (retryNow) ends the hold at once', async () => {
		const s = makeSession(abortableSleep);
		server.setRateLimits({ requestsRemaining: 0, resetInMs: 30_000 });
		await s.send({ requestId: 'r1', text: 'first', command: 'chat' });
		const held = s.send({ requestId: 'r2', text: 'second', command: 'chat' });
		await waitFor(() => s.activeRetryWait() !== undefined);
		assert.equal(s.retryNow('r2'), true);
		await held;
		assert.equal(server.messageRequests().length, 2);
	});
});
