import * as assert from 'node:assert/strict';
import { loadSdk } from '../../../../src/core/anthropic/client';
import type { ConnectOptions } from '../../../../src/core/anthropic/connect';
import { ChatSession } from '../../../../src/core/session/chatSession';
import type { ChatSessionDeps, SessionEvent } from '../../../../src/core/session/types';
import { CONTINUE_PROMPT, SYSTEM_PROMPT } from '../../../../src/core/prompts/prompts';
import type { AssistantTurn, ChatTurn } from '../../../../src/shared/protocol';
import { FakeAnthropicServer } from '../../../fake-anthropic/server';
import { FakeClock } from '../../fakes/fakeClock';
import { MemoryLogger } from '../../fakes/memoryLogger';
import { testConnector, waitFor } from '../../fakes/testSession';

const KEY = 'sk-ant-test-key';

describe('ChatSession against the fake Anthropic server (real SDK over HTTP)', function () {
	let server: FakeAnthropicServer;
	let logger: MemoryLogger;
	let events: SessionEvent[];
	let key: string | undefined;
	let baseUrl: string;
	/** What the session asked `connect` for, per request. */
	let connects: Array<ConnectOptions | undefined>;
	/** Retry waits cost no real time: every sleep moves this clock forward at once. */
	let clock: FakeClock;
	/** When set, the SDK retries of every client built, whatever the session asks for (a client that would retry). */
	let clientRetries: number | undefined;

	before(async () => {
		server = await FakeAnthropicServer.start();
	});
	after(async () => {
		await server.close();
	});
	beforeEach(() => {
		server.reset();
		logger = new MemoryLogger();
		events = [];
		key = KEY;
		baseUrl = server.url;
		connects = [];
		clock = new FakeClock(true);
		clientRetries = undefined;
	});

	interface SessionOptions {
		cacheTtl?: '5m' | '1h';
		maxHistoryTokens?: number;
		retryMaxAttempts?: number;
		retryMaxDelayMs?: number;
		idleTimeoutMs?: number;
		deps?: Partial<ChatSessionDeps>;
	}

	/** A session over the real SDK; retry jitter is fixed at random() = 0.5 and waits go through `clock`. */
	function makeSession(maxTokens = 1000, extra: SessionOptions = {}): ChatSession {
		let n = 0;
		const session = new ChatSession({
			logger,
			connect: (options) => {
				connects.push(options);
				return testConnector({ baseUrl: () => baseUrl, key: () => key, forceRetries: clientRetries })(options);
			},
			settings: (command) => ({
				model: command === 'chat' ? 'claude-sonnet-5-5' : 'claude-haiku-5-5', maxTokens, cacheTtl: extra.cacheTtl ?? '5m', maxHistoryTokens: extra.maxHistoryTokens ?? 60_000,
				retryMaxAttempts: extra.retryMaxAttempts, retryMaxDelayMs: extra.retryMaxDelayMs, idleTimeoutMs: extra.idleTimeoutMs,
			}),
			newId: () => `id${++n}`,
			flushIntervalMs: 20,
			random: () => 0.5,
			sleep: clock.sleep,
			...extra.deps,
		});
		session.onEvent((e) => events.push(e));
		return session;
	}
	const terminal = () => events.filter((e) => e.type === 'chat/done' || e.type === 'chat/error') as Array<Extract<SessionEvent, { turn: AssistantTurn }>>;
	const retrying = () => (events.filter((e) => e.type === 'retrying') as Array<Extract<SessionEvent, { type: 'retrying' }>>).map(({ attempt, maxAttempts, delayMs, kind }) => ({ attempt, maxAttempts, delayMs, kind }));
	const lastTurn = (s: ChatSession) => s.snapshot().turns.at(-1) as AssistantTurn;

	it('streams an answer: started, the first delta alone at once, later ones coalesced in order, one terminal done with usage', async () => {
		const text = 'The quick brown fox jumps over the lazy dog. '.repeat(10);
		server.enqueue({ text, chunkSize: 3 });
		const s = makeSession();
		await s.send({ requestId: 'r1', text: 'hi', command: 'chat' });
		const deltas = events.filter((e) => e.type === 'chat/delta') as Array<Extract<SessionEvent, { type: 'chat/delta' }>>;
		assert.equal(deltas.map((d) => d.text).join(''), text);
		assert.deepEqual(deltas.map((d) => d.seq), deltas.map((_, i) => i + 1));
		assert.equal(deltas[0].text, text.slice(0, 3), 'the first delta is not held for the coalescing interval');
		assert.ok(deltas.length < Math.ceil(text.length / 3), `deltas were not coalesced: ${deltas.length}`);
		assert.equal(terminal().length, 1);
		const turn = lastTurn(s);
		assert.equal(turn.status, 'complete');
		assert.equal(turn.text, text);
		assert.equal(turn.usage?.output, Math.ceil(text.length / 4));
		assert.ok(typeof turn.costUsd === 'number' && turn.costUsd > 0);
		assert.equal(s.busy, false);
	});

	it('fails a started answer that goes silent after the idle timeout setting, keeping its text and sending it once', async () => {
		server.enqueue({ chunks: ['Half ', 'an answer'], fault: { kind: 'stall', afterDeltas: 1 } });
		const s = makeSession(1000, { idleTimeoutMs: 200 });
		await s.send({ requestId: 'r1', text: 'hi', command: 'chat' });
		const [end] = terminal();
		assert.equal(end.type === 'chat/error' && end.error.kind, 'timeout');
		assert.equal(lastTurn(s).text, 'Half ');
		assert.equal(server.messageRequests().length, 1);
	});

	it('sends the configured model, max_tokens, the system prompt, the key and the whole history', async () => {
		const s = makeSession(777);
		server.enqueue({ text: 'first answer' }, { text: 'second answer' });
		await s.send({ requestId: 'r1', text: 'first question', command: 'chat' });
		await s.send({ requestId: 'r2', text: 'Explain `a.ts` line 1', prompt: 'Explain this code: x()', command: 'explainSelection', code: { file: 'a.ts', languageId: 'typescript', text: 'x()' } });
		const [first, second] = server.messageRequests();
		assert.equal(first.body.model, 'claude-sonnet-5-5');
		assert.equal(second.body.model, 'claude-haiku-5-5');
		assert.equal(second.body.max_tokens, 777);
		assert.equal(second.apiKey, KEY);
		assert.equal(second.headers.authorization, `Bearer ${KEY}`);
		assert.deepEqual(second.body.system, [{ type: 'text', text: SYSTEM_PROMPT }], 'a short system prompt gets no breakpoint');
		assert.deepEqual(second.body.messages, [
			{ role: 'user', content: 'first question' },
			{ role: 'assistant', content: 'first answer' },
			{ role: 'user', content: 'Explain this code: x()' },
		]);
		assert.equal(second.body.stream, true);
		assert.equal('temperature' in second.body, false);
	});

	it('marks max_tokens answers truncated, and Continue appends to the same answer', async () => {
		const s = makeSession(50);
		server.enqueue({ text: 'part one, ', stopReason: 'max_tokens' }, { text: 'part two.' });
		await s.send({ requestId: 'r1', text: 'long please', command: 'chat' });
		const truncated = lastTurn(s);
		assert.equal(truncated.status, 'truncated');
		assert.equal(truncated.stopReason, 'max_tokens');
		assert.equal(truncated.maxTokens, 50);
		assert.equal(await s.continueTurn('r2', truncated.id), true);
		const continued = lastTurn(s);
		assert.equal(continued.id, truncated.id);
		assert.equal(continued.text, 'part one, part two.');
		assert.equal(continued.status, 'complete');
		const body = server.messageRequests()[1].body;
		assert.deepEqual(body.messages.slice(-2), [
			{ role: 'assistant', content: 'part one, ' },
			{ role: 'user', content: CONTINUE_PROMPT },
		]);
		assert.equal(s.snapshot().turns.length, 2, 'continue adds no visible turn');
		assert.ok((continued.usage?.input ?? 0) > (truncated.usage?.input ?? 0), 'usage adds up over both requests');
	});

	it('Continue goes on with a paused answer (pause_turn), but not with one that filled the context window', async () => {
		const s = makeSession();
		server.enqueue({ text: 'Looking it up. ', stopReason: 'pause_turn' }, { text: 'Found it.' });
		await s.send({ requestId: 'r1', text: 'search please', command: 'chat' });
		const paused = lastTurn(s);
		assert.equal(await s.continueTurn('r2', paused.id), true);
		assert.equal(lastTurn(s).text, 'Looking it up. Found it.');
		assert.equal(lastTurn(s).status, 'complete');
		server.enqueue({ text: 'So much', stopReason: 'model_context_window_exceeded' });
		await s.send({ requestId: 'r3', text: 'more', command: 'chat' });
		assert.equal(await s.continueTurn('r4', lastTurn(s).id), false);
		assert.equal(server.messageRequests().length, 3);
	});

	it('auto-truncation by the server (no scripted stop reason) is also marked truncated', async () => {
		const s = makeSession(5);
		server.enqueue({ text: 'x'.repeat(400) });
		await s.send({ requestId: 'r1', text: 'go', command: 'chat' });
		assert.equal(lastTurn(s).status, 'truncated');
		assert.equal(lastTurn(s).text.length, 20);
	});

	for (const [stopReason, status] of [['refusal', 'refused'], ['stop_sequence', 'complete'], ['pause_turn', 'other'], ['model_context_window_exceeded', 'other']] as const) {
		it(`maps stop_reason ${stopReason} to ${status}`, async () => {
			const s = makeSession();
			server.enqueue({ text: 'some text', stopReason });
			await s.send({ requestId: 'r', text: 'q', command: 'chat' });
			assert.equal(lastTurn(s).status, status);
			assert.equal(lastTurn(s).stopReason, stopReason);
		});
	}

	it('replays the thinking and refusal fixtures: thinking is ignored, refusal is shown for what it is', async () => {
		const s = makeSession();
		server.enqueue({ fixture: 'thinking' });
		await s.send({ requestId: 'r1', text: 'What is 27 * 453?', command: 'chat' });
		assert.equal(lastTurn(s).text, '27 * 453 = 12,231');
		assert.equal(lastTurn(s).status, 'complete');
		server.enqueue({ fixture: 'refusal' });
		await s.send({ requestId: 'r2', text: 'eclipse?', command: 'chat' });
		assert.equal(lastTurn(s).text, 'Hi');
		assert.equal(lastTurn(s).status, 'refused');
	});

	it('ignores unknown content block types without breaking the stream', async () => {
		const s = makeSession();
		server.enqueue({ text: 'visible answer', unknownBlock: true, thinking: 'hmm' });
		await s.send({ requestId: 'r', text: 'q', command: 'chat' });
		assert.equal(lastTurn(s).text, 'visible answer');
		assert.equal(lastTurn(s).status, 'complete');
	});

	it('Stop aborts the request, keeps the partial answer marked stopped, and records usage', async () => {
		const s = makeSession();
		server.enqueue({ text: 'a'.repeat(300), chunkSize: 10, delayMs: 15 });
		const usageEvents: SessionEvent[] = [];
		s.onEvent((e) => e.type === 'usage' && usageEvents.push(e));
		const done = s.send({ requestId: 'r1', text: 'q', command: 'chat' });
		await waitFor(() => events.some((e) => e.type === 'chat/delta'));
		assert.equal(s.cancel('r1'), true);
		await done;
		const turn = lastTurn(s);
		assert.equal(turn.status, 'stopped');
		assert.ok(turn.text.length > 0 && turn.text.length < 300, `partial length ${turn.text.length}`);
		assert.equal(terminal().length, 1);
		assert.equal(terminal()[0].type, 'chat/done');
		assert.equal(usageEvents.length, 1, 'input tokens of a stopped request are still counted');
	});

	it('with no key nothing is sent and the prompt survives with a noKey error; Retry works once a key exists', async () => {
		const s = makeSession();
		key = undefined;
		await s.send({ requestId: 'r1', text: 'my precious prompt', command: 'chat' });
		assert.equal(server.messageRequests().length, 0);
		const [user, answer] = s.snapshot().turns;
		assert.equal(user.text, 'my precious prompt');
		assert.equal((answer as AssistantTurn).error?.kind, 'noKey');
		key = KEY;
		server.enqueue({ text: 'now it works' });
		assert.equal(await s.retryTurn('r2', answer.id), true);
		assert.equal(lastTurn(s).text, 'now it works');
		assert.equal(server.messageRequests()[0].body.messages[0].content, 'my precious prompt');
	});

	describe('when there is no client, the answer says what failed (not "No API key"), logged once with its cause', () => {
		const failedTurn = (s: ChatSession) => {
			const turn = lastTurn(s);
			assert.equal(turn.status, 'error');
			assert.equal(server.requests.length, 0, 'nothing was sent');
			assert.equal(s.snapshot().turns[0].text, 'my prompt', 'the prompt is kept');
			assert.equal(terminal().length, 1);
			return turn;
		};
		const notSentLines = () => logger.lines.filter((l) => l.includes('r1 not sent'));

		it('no key: noKey, logged once', async () => {
			key = undefined;
			const s = makeSession();
			await s.send({ requestId: 'r1', text: 'my prompt', command: 'chat' });
			const turn = failedTurn(s);
			assert.equal(turn.error?.kind, 'noKey');
			assert.equal(turn.error?.message, 'No API key. Set one with "Claude: Set API Key", then Retry; nothing was sent.');
			assert.deepEqual(notSentLines(), [`error [request] r1 not sent: noKey: ${turn.error?.message}`]);
		});

		it('SecretStorage throws: keyStoreUnavailable, with the store\'s error in the log', async () => {
			const s = makeSession(1000, { deps: { connect: testConnector({ baseUrl: () => baseUrl, key: () => { throw new Error('The keyring is locked'); } }) } });
			await s.send({ requestId: 'r1', text: 'my prompt', command: 'chat' });
			const turn = failedTurn(s);
			assert.equal(turn.error?.kind, 'keyStoreUnavailable');
			assert.match(turn.error?.message ?? '', /^Could not read the API key: VS Code's secret storage is unavailable/);
			assert.equal(turn.error?.retryable, true, 'Retry once the store works again');
			const [line, ...more] = notSentLines();
			assert.deepEqual(more, []);
			assert.ok(line.startsWith('error [request] r1 not sent: keyStoreUnavailable: ') && line.endsWith(' Cause: Error: The keyring is locked'), line);
		});

		it('the SDK bundle fails to load: sdkMissing, the loader\'s error logged with the key redacted; Retry loads it again', async () => {
			let broken = true;
			const load = () => (broken ? Promise.reject(new Error(`Cannot find module './anthropic-sdk.js' near ${KEY}`)) : loadSdk());
			const s = makeSession(1000, { deps: { connect: testConnector({ baseUrl: () => baseUrl, loadSdk: load }) } });
			await s.send({ requestId: 'r1', text: 'my prompt', command: 'chat' });
			const turn = failedTurn(s);
			assert.equal(turn.error?.kind, 'sdkMissing');
			assert.match(turn.error?.message ?? '', /could not load its bundled Anthropic SDK/);
			const [line, ...more] = notSentLines();
			assert.deepEqual(more, []);
			assert.ok(line.endsWith(' Cause: Error: Cannot find module \'./anthropic-sdk.js\' near [redacted]'), line);
			assert.ok(!logger.lines.some((l) => l.includes(KEY)));
			broken = false;
			server.enqueue({ text: 'loaded now' });
			assert.equal(await s.retryTurn('r2', turn.id), true);
			assert.equal(lastTurn(s).text, 'loaded now');
		});

		it('a base URL that is not a URL: badBaseUrl naming it, logged once', async () => {
			baseUrl = 'not a url';
			const s = makeSession();
			await s.send({ requestId: 'r1', text: 'my prompt', command: 'chat' });
			const turn = failedTurn(s);
			assert.equal(turn.error?.kind, 'badBaseUrl');
			assert.equal(turn.error?.message, 'The base URL setting (claudeAssistant.baseUrl) "not a url" is not a valid http(s) URL, so nothing was sent. Fix it in Settings, or clear it to use the Anthropic API.');
			const [line, ...more] = notSentLines();
			assert.deepEqual(more, []);
			assert.match(line, /^error \[request\] r1 not sent: badBaseUrl: .* Cause: TypeError: Invalid URL$/);
		});

		it('a connector that throws (a bug) still ends the answer, as unknown', async () => {
			const s = makeSession(1000, { deps: { connect: () => Promise.reject(new Error('boom')) } });
			await s.send({ requestId: 'r1', text: 'my prompt', command: 'chat' });
			const turn = failedTurn(s);
			assert.equal(turn.error?.kind, 'unknown');
			assert.equal(turn.error?.message, 'Could not start the request (Error: boom); nothing was sent. Show Logs has the details.');
			assert.equal(s.busy, false);
		});
	});

	const errorCases: Array<[string, Parameters<FakeAnthropicServer['enqueue']>[0], string, boolean]> = [
		['401', { fault: { kind: 'http', status: 401 } }, 'auth', false],
		['429', { fault: { kind: 'http', status: 429, retryAfterMs: 5 } }, 'rateLimit', true],
		['529', { fault: { kind: 'http', status: 529, retryAfterMs: 5 } }, 'overloaded', true],
		['400', { fault: { kind: 'http', status: 400, message: 'messages: bad shape' } }, 'badRequest', false],
		['500', { fault: { kind: 'http', status: 500 } }, 'server', true],
	];
	for (const [name, reply, kind, retryable] of errorCases) {
		it(`classifies HTTP ${name} as ${kind} after the session's visible retries`, async () => {
			const s = makeSession(1000, { retryMaxAttempts: 2 });
			server.enqueue(reply, reply);
			await s.send({ requestId: 'r', text: 'q', command: 'chat' });
			const err = terminal()[0];
			assert.equal(terminal().length, 1);
			assert.equal(err.type, 'chat/error');
			assert.equal(err.turn.error?.kind, kind);
			assert.equal(err.turn.error?.retryable, retryable);
			assert.match(err.turn.error?.requestId ?? '', /^req_/);
			assert.equal(server.messageRequests().length, retryable ? 2 : 1, 'only retryable statuses are retried');
			assert.deepEqual(retrying(), retryable ? [{ attempt: 2, maxAttempts: 2, delayMs: 500, kind }] : []);
			if (retryable) {
				assert.match(err.turn.error?.message ?? '', / Gave up after 2 attempts\.$/);
			}
			assert.ok(!JSON.stringify(err).includes(KEY), 'the key never reaches error text');
			assert.ok(logger.at('error').some((l) => l.includes(`kind=${kind}`)));
		});
	}

	it('a mid-stream error event keeps the partial answer, is not retried automatically, and offers Retry', async () => {
		const s = makeSession();
		server.enqueue({ text: 'Hello there, this is partial', chunkSize: 6, fault: { kind: 'errorEvent', afterDeltas: 2 } });
		await s.send({ requestId: 'r', text: 'q', command: 'chat' });
		const turn = lastTurn(s);
		assert.equal(turn.status, 'error');
		assert.equal(turn.error?.kind, 'overloaded');
		assert.equal(turn.error?.message, 'The Anthropic API stopped the answer part-way with an error (overloaded_error): Overloaded', 'no HTTP status is claimed: the response was a 200');
		assert.equal(turn.error?.retryable, true);
		assert.equal(turn.text, 'Hello there,');
		assert.equal(server.messageRequests().length, 1, 'a fresh attempt would repeat the text on screen');
		assert.deepEqual(retrying(), []);
	});

	it('a socket dropped mid-stream after some text: sent once, the partial answer kept, a network error that says so, no retry', async () => {
		clientRetries = 2; // even a client that would retry does not send it again
		const s = makeSession();
		server.enqueue({ text: 'abcdefghijklmnopqrstuvwxyz', chunkSize: 4, fault: { kind: 'destroy', afterDeltas: 3 } }, { text: 'a second, billed answer' });
		await s.send({ requestId: 'r', text: 'q', command: 'chat' });
		const turn = lastTurn(s);
		assert.equal(turn.status, 'error');
		assert.equal(turn.error?.kind, 'network');
		assert.equal(turn.error?.message, 'The connection to the Anthropic API dropped before the answer finished (network error).');
		assert.equal(turn.error?.retryable, true, 'the user may Retry');
		assert.equal(turn.text, 'abcdefghijkl');
		assert.equal(server.messageRequests().length, 1);
		assert.deepEqual(retrying(), [], 'text on screen is never silently re-sent');
		assert.equal(terminal().length, 1);
	});

	it('a socket dropped mid-stream before any text is sent again only by the visible policy', async () => {
		clientRetries = 2;
		const s = makeSession();
		server.enqueue({ text: 'never shown', fault: { kind: 'destroy', afterDeltas: 0 } }, { text: 'second try' });
		await s.send({ requestId: 'r', text: 'q', command: 'chat' });
		assert.deepEqual(retrying(), [{ attempt: 2, maxAttempts: 5, delayMs: 500, kind: 'network' }], 'the user saw the retry');
		assert.equal(server.messageRequests().length, 2, 'one attempt each, none hidden in the SDK');
		assert.deepEqual(server.messageRequests().map((r) => r.headers['x-stainless-retry-count']), ['0', '0']);
		assert.equal(lastTurn(s).status, 'complete');
		assert.equal(lastTurn(s).text, 'second try');
	});

	it('network down (connection refused) is a network error after 5 attempts by default, the prompt survives', async () => {
		baseUrl = 'http://127.0.0.1:9';
		const s = makeSession();
		await s.send({ requestId: 'r', text: 'survive me', command: 'chat' });
		assert.equal(lastTurn(s).error?.kind, 'network');
		assert.deepEqual(retrying().map((r) => `${r.attempt}/${r.maxAttempts}`), ['2/5', '3/5', '4/5', '5/5']);
		assert.deepEqual(clock.sleeps, [500, 1000, 2000, 4000]);
		assert.equal(s.snapshot().turns[0].text, 'survive me');
	});

	it('a new request stops the running one and keeps its partial answer', async () => {
		const s = makeSession();
		server.enqueue({ text: 'b'.repeat(400), chunkSize: 10, delayMs: 15 }, { text: 'second' });
		const first = s.send({ requestId: 'r1', text: 'one', command: 'chat' });
		await waitFor(() => events.some((e) => e.type === 'chat/delta'));
		await s.send({ requestId: 'r2', text: 'two', command: 'chat' });
		await first;
		const turns = s.snapshot().turns as AssistantTurn[];
		assert.equal(turns[1].status, 'stopped');
		assert.equal(turns[3].text, 'second');
		assert.deepEqual(terminal().map((t) => t.requestId).sort(), ['r1', 'r2']);
	});

	it('logs one info line per request with tokens, cost and timings, and prompt text only at trace', async () => {
		const s = makeSession();
		server.enqueue({ text: 'ok' });
		await s.send({ requestId: 'r', text: 'secret-ish prompt text', command: 'chat' });
		const info = logger.at('info').filter((l) => l.includes('command=chat'));
		assert.equal(info.length, 1);
		assert.match(info[0], /model=claude-sonnet-5-5 stop=end_turn in=\d+ out=1 cacheWrite5m=0 cacheWrite1h=0 cacheRead=0 cost=\$\d+\.\d+ ttft=\d+ms total=\d+ms/);
		assert.match(info[0], /api-request-id=req_/);
		assert.ok(logger.lines.filter((l) => l.includes('secret-ish')).every((l) => l.startsWith('trace ')));
		assert.ok(!logger.lines.some((l) => l.includes(KEY)));
	});

	it('builds the trace of what is sent only when tracing is on', async () => {
		const s = makeSession();
		server.enqueue({ text: 'ok' }, { text: 'ok' });
		await s.send({ requestId: 'r1', text: 'traced question', command: 'chat' });
		assert.equal(logger.at('trace').filter((l) => l.includes('r1 messages=') && l.includes('traced question')).length, 1);
		logger.tracing = false;
		await s.send({ requestId: 'r2', text: 'untraced question', command: 'chat' });
		assert.equal(server.messageRequests().length, 2, 'both were sent');
		assert.ok(!logger.lines.some((l) => l.includes('r2 messages=')), 'no trace line, none built');
	});

	describe('visible retries (our policy on top of an SDK client with maxRetries 0)', () => {
		const limited = (retryAfterMs?: number) => ({ fault: { kind: 'http' as const, status: 429, retryAfterMs } });

		it('retries failures before any text with events, policy delays and no hidden SDK retries, then answers', async () => {
			const s = makeSession();
			server.enqueue(limited(5), { fault: { kind: 'http', status: 529, retryAfterMs: 5 } }, { fault: { kind: 'http', status: 429, retryAfter: '3' } }, { text: 'ok' });
			await s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			assert.deepEqual(retrying(), [
				{ attempt: 2, maxAttempts: 5, delayMs: 500, kind: 'rateLimit' }, // 0.5 × 1 s (the server's 5 ms is shorter)
				{ attempt: 3, maxAttempts: 5, delayMs: 1000, kind: 'overloaded' }, // 0.5 × 2 s
				{ attempt: 4, maxAttempts: 5, delayMs: 3000, kind: 'rateLimit' }, // retry-after: 3 beats 0.5 × 4 s
			]);
			assert.deepEqual(clock.sleeps, [500, 1000, 3000], 'the session waited exactly what it announced');
			const requests = server.messageRequests();
			assert.equal(requests.length, 4);
			assert.deepEqual(requests.map((r) => r.headers['x-stainless-retry-count']), ['0', '0', '0', '0'], 'the SDK itself never retried');
			assert.deepEqual(connects, [{ maxRetries: 0 }], 'one client per request, built without SDK retries');
			assert.equal(new Set(requests.map((r) => JSON.stringify(r.body))).size, 1, 'every attempt sends the same request');
			const turn = lastTurn(s);
			assert.equal(turn.status, 'complete');
			assert.equal(turn.text, 'ok');
			assert.equal(terminal().length, 1, 'one terminal event for the whole request');
			assert.equal(logger.at('warn').filter((l) => /attempt \d\/5 failed: .* retrying in \d+ms$/.test(l)).length, 3);
			assert.equal(logger.at('error').length, 0);
		});

		it('gives up after maxAttempts with the last error, and says so', async () => {
			const s = makeSession(1000, { retryMaxAttempts: 3 });
			const overloaded = { fault: { kind: 'http' as const, status: 529 } };
			server.enqueue(overloaded, overloaded, overloaded, { text: 'never sent' });
			await s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			assert.equal(server.messageRequests().length, 3);
			assert.deepEqual(retrying().map((r) => r.attempt), [2, 3]);
			const turn = lastTurn(s);
			assert.equal(turn.status, 'error');
			assert.equal(turn.error?.message, 'The Anthropic API is overloaded (529). Try again in a moment. Gave up after 3 attempts.');
			assert.equal(turn.error?.retryable, true, 'the user can still Retry by hand');
		});

		it('caps its own backoff at retryMaxDelayMs but honours a longer retry-after from the server', async () => {
			const s = makeSession(1000, { retryMaxDelayMs: 700, deps: { random: () => 0.99 } });
			server.enqueue(limited(), limited(), limited(2000), { text: 'ok' });
			await s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			assert.deepEqual(retrying().map((r) => r.delayMs), [693, 693, 2000]);
		});

		it('does not retry when the server asks for more than 5 minutes, and tells the user why', async () => {
			const s = makeSession();
			server.enqueue(limited(600_000), { text: 'never sent' });
			await s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			assert.equal(server.messageRequests().length, 1);
			assert.deepEqual(retrying(), []);
			assert.match(lastTurn(s).error?.message ?? '', /The API asked to wait 10 min; automatic retries wait at most 5 min, so Retry when you are ready\.$/);
		});

		it('a failure before the first text of a started stream is retried too', async () => {
			const s = makeSession();
			server.enqueue({ text: 'never shown', fault: { kind: 'errorEvent', afterDeltas: 0 } }, { text: 'second try' });
			await s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			assert.deepEqual(retrying(), [{ attempt: 2, maxAttempts: 5, delayMs: 500, kind: 'overloaded' }]);
			assert.equal(lastTurn(s).text, 'second try');
			assert.equal(lastTurn(s).status, 'complete');
		});

		it('retryNow skips the wait: the next attempt goes out at once', async () => {
			clock = new FakeClock(false); // time stands still: only retryNow can end the wait
			const s = makeSession();
			server.enqueue(limited(60_000), { text: 'ok' });
			const done = s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			await waitFor(() => retrying().length === 1);
			assert.deepEqual(retrying(), [{ attempt: 2, maxAttempts: 5, delayMs: 60_000, kind: 'rateLimit' }]);
			assert.equal(s.busy, true);
			assert.equal(lastTurn(s).status, 'streaming');
			assert.equal(s.retryNow('other'), false, 'only the waiting request');
			assert.equal(s.retryNow('r1'), true);
			await done;
			assert.equal(lastTurn(s).text, 'ok');
			assert.equal(server.messageRequests().length, 2);
			assert.equal(clock.now(), 0, 'no time had to pass');
			assert.equal(clock.pending, 0, 'the skipped wait left no timer behind');
			assert.equal(s.retryNow('r1'), false, 'nothing to skip once the request is over');
		});

		it('Cancel during the wait ends the answer stopped, keeps the prompt and sends nothing more', async () => {
			clock = new FakeClock(false);
			const s = makeSession();
			server.enqueue(limited(60_000));
			const done = s.send({ requestId: 'r1', text: 'keep me', command: 'chat' });
			await waitFor(() => retrying().length === 1);
			assert.equal(s.cancel('r1'), true);
			await done;
			clock.advance(120_000);
			await new Promise((r) => setTimeout(r, 20));
			assert.equal(server.messageRequests().length, 1);
			const [user, answer] = s.snapshot().turns as [ChatTurn, AssistantTurn];
			assert.equal(user.text, 'keep me');
			assert.equal(answer.status, 'stopped');
			assert.equal(answer.stopReason, 'stopped');
			assert.deepEqual(terminal().map((t) => t.type), ['chat/done']);
			assert.equal(s.busy, false);
			server.enqueue({ text: 'by hand' });
			assert.equal(await s.retryTurn('r2', answer.id), true, 'Retry works on the stopped answer');
			assert.equal(lastTurn(s).text, 'by hand');
		});

		it('a new message during the wait stops the waiting request', async () => {
			clock = new FakeClock(false);
			const s = makeSession();
			server.enqueue(limited(60_000), { text: 'second question answered' });
			const first = s.send({ requestId: 'r1', text: 'one', command: 'chat' });
			await waitFor(() => retrying().length === 1);
			await s.send({ requestId: 'r2', text: 'two', command: 'chat' });
			await first;
			const turns = s.snapshot().turns as AssistantTurn[];
			assert.equal(turns[1].status, 'stopped');
			assert.equal(turns[3].text, 'second question answered');
			assert.equal(server.messageRequests().length, 2);
		});

		it('reports the wait still left, for a chat view that opens mid-wait', async () => {
			clock = new FakeClock(false);
			const s = makeSession(1000, { deps: { now: clock.now } });
			server.enqueue(limited(10_000), { text: 'ok' });
			const done = s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			await waitFor(() => retrying().length === 1);
			clock.advance(4_000);
			assert.deepEqual(s.activeRetryWait(), { type: 'retrying', requestId: 'r1', attempt: 2, maxAttempts: 5, delayMs: 6_000, kind: 'rateLimit' });
			clock.advance(6_000);
			await done;
			assert.equal(s.activeRetryWait(), undefined);
			assert.equal(lastTurn(s).text, 'ok');
		});

		it('with the default timer: waits for real, and Cancel ends a long wait at once', async () => {
			const s = makeSession(1000, { deps: { sleep: undefined, random: () => 0 } });
			server.enqueue(limited(30), { text: 'ok' });
			const started = Date.now();
			await s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			assert.ok(Date.now() - started >= 30, 'the retry-after was honoured');
			assert.equal(lastTurn(s).text, 'ok');

			server.enqueue(limited(60_000));
			const done = s.send({ requestId: 'r2', text: 'q2', command: 'chat' });
			await waitFor(() => retrying().length === 2);
			const cancelled = Date.now();
			s.cancel('r2');
			await done;
			assert.ok(Date.now() - cancelled < 1000);
			assert.equal(lastTurn(s).status, 'stopped');
		});

		it('maxAttempts 1 turns automatic retries off', async () => {
			const s = makeSession(1000, { retryMaxAttempts: 1 });
			server.enqueue(limited(5), { text: 'never sent' });
			await s.send({ requestId: 'r1', text: 'q', command: 'chat' });
			assert.equal(server.messageRequests().length, 1);
			assert.deepEqual(retrying(), []);
			assert.equal(lastTurn(s).error?.kind, 'rateLimit');
		});
	});

	describe('prompt caching and the history cap', () => {
		const bigFile = Array.from({ length: 400 }, (_, i) => `export const value${i} = computeSomething(${i}); // line ${i}`).join('\n');

		it('marks the attached file and the last message as cache breakpoints; the follow-up reads them from the cache', async () => {
			const s = makeSession();
			server.enqueue({ text: 'It defines 400 constants.' }, { text: 'Yes.' }, { text: 'No.' });
			await s.send({ requestId: 'r1', text: 'Summarize `big.ts`', prompt: `Summarize this file:\n${bigFile}`, command: 'summarizeFile', code: { file: 'big.ts', languageId: 'typescript', text: bigFile } });
			await s.send({ requestId: 'r2', text: 'Is value3 used?', command: 'summarizeFile' });
			await s.send({ requestId: 'r3', text: 'And value4?', command: 'summarizeFile' });
			const [first, second, third] = server.messageRequests();
			assert.deepEqual(first.body.messages[0].content[0].cache_control, { type: 'ephemeral' });
			const controls = (body: { messages: Array<{ content: unknown }> }) => body.messages.map((m) => Array.isArray(m.content) && m.content.some((b: { cache_control?: unknown }) => b.cache_control));
			assert.deepEqual(controls(second.body), [true, false, true], 'the file and the newest message');
			assert.deepEqual(controls(third.body), [true, false, false, false, true]);
			const usages = events.filter((e) => e.type === 'usage').map((e) => (e as Extract<SessionEvent, { type: 'usage' }>).usage.usage);
			assert.ok(usages[0].cacheWrite5m > 1000 && usages[0].cacheRead === 0, JSON.stringify(usages[0]));
			assert.ok(usages[1].cacheRead >= usages[0].cacheWrite5m, `second request reads the file from the cache: ${JSON.stringify(usages[1])}`);
			assert.ok(usages[2].cacheRead > usages[1].cacheRead, 'the third reads the whole earlier conversation');
		});

		it('honours the 1-hour TTL setting', async () => {
			const s = makeSession(1000, { cacheTtl: '1h' });
			await s.send({ requestId: 'r1', text: 'Summarize', prompt: bigFile, command: 'summarizeFile' });
			const [req] = server.messageRequests();
			assert.deepEqual(req.body.messages[0].content[0].cache_control, { type: 'ephemeral', ttl: '1h' });
			const usage = (events.find((e) => e.type === 'usage') as Extract<SessionEvent, { type: 'usage' }>).usage.usage;
			assert.ok(usage.cacheWrite1h > 0 && usage.cacheWrite5m === 0);
		});

		it('places no breakpoint below the model\'s minimum cacheable length', async () => {
			const s = makeSession();
			await s.send({ requestId: 'r1', text: 'tiny question', command: 'chat' });
			assert.equal(typeof server.messageRequests()[0].body.messages[0].content, 'string');
		});

		it('caps the history by tokens, leaves out the oldest messages, says so, and keeps the cut stable', async () => {
			const s = makeSession(1000, { maxHistoryTokens: 1000 });
			const capped: number[] = [];
			s.onEvent((e) => e.type === 'history' && capped.push(e.state.start));
			const long = 'x'.repeat(1200); // ≈ 300 tokens a message
			for (let i = 0; i < 5; i++) {
				server.enqueue({ text: `answer ${i} ${long}` });
				await s.send({ requestId: `r${i}`, text: `question ${i} ${long}`, command: 'chat' });
			}
			const sent = server.messageRequests().map((r) => r.body.messages.length);
			assert.deepEqual(sent.slice(0, 2), [1, 3], 'under the cap everything is sent');
			assert.ok(capped.length >= 1, 'the user is told');
			const last = server.messageRequests().at(-1)!.body.messages;
			assert.equal(last[0].role, 'user');
			assert.match(JSON.stringify(last.at(-1)), /question 4/);
			assert.ok(!JSON.stringify(last).includes('question 0'), 'the oldest question is left out');
			assert.ok(capped.length < 4, `the cut moves in steps, not every turn: ${capped.join(',')}`);
		});
	});

	it('a budget guard stops the request before anything is sent; Send anyway sends that one request', async () => {
		let over = true;
		let n = 0;
		const s = new ChatSession({
			logger,
			connect: testConnector({ baseUrl: () => baseUrl }),
			settings: () => ({ model: 'claude-sonnet-5-5', maxTokens: 100, cacheTtl: '5m', maxHistoryTokens: 60_000 }),
			guard: async () => (over ? { kind: 'budget', message: 'Budget reached: daily budget $1.00 reached', retryable: false } : undefined),
			newId: () => `b${++n}`,
		});
		s.onEvent((e) => events.push(e));
		await s.send({ requestId: 'r1', text: 'expensive question', command: 'chat' });
		assert.equal(server.messageRequests().length, 0, 'nothing was sent');
		const stopped = lastTurn(s);
		assert.equal(stopped.error?.kind, 'budget');
		assert.equal(s.snapshot().turns[0].text, 'expensive question', 'the prompt is kept');
		assert.equal(await s.retryTurn('r2', stopped.id), true);
		assert.equal(server.messageRequests().length, 0, 'a plain Retry is still stopped by the budget');
		server.enqueue({ text: 'worth it' });
		assert.equal(await s.retryTurn('r3', stopped.id, { sendAnyway: true }), true);
		assert.equal(lastTurn(s).text, 'worth it');
		assert.equal(server.messageRequests().length, 1);
		over = false;
	});

	it('restores a persisted conversation; an answer streaming at shutdown comes back as interrupted', () => {
		const s = makeSession();
		s.restore({ turns: [
			{ id: 'u1', role: 'user', text: 'q', prompt: 'full prompt' },
			{ id: 'a1', role: 'assistant', text: 'partial', status: 'streaming', model: 'm' },
			{ bogus: true },
		] });
		const turns = s.snapshot().turns;
		assert.equal(turns.length, 2);
		assert.equal((turns[1] as AssistantTurn).status, 'interrupted');
		assert.equal('prompt' in turns[0], false, 'API-only prompt text is not sent to the webview');
		assert.equal((s.persistable().turns[0] as { prompt?: string }).prompt, 'full prompt');
	});
});
