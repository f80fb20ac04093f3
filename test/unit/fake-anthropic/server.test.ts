import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import Anthropic, { APIConnectionError, APIError, APIUserAbortError, AuthenticationError, BadRequestError, NotFoundError, OverloadedError } from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { FakeAnthropicServer } from '../../fake-anthropic/server';

// The SDK reads ANTHROPIC_* (key, base URL, custom headers, profiles); a developer's real settings must not leak in.
for (const name of Object.keys(process.env)) {
	if (name.startsWith('ANTHROPIC_')) {
		delete process.env[name];
	}
}

const KEY = 'sk-ant-test-key';
const MODEL = 'claude-sonnet-5-5';

function params(content = 'Hello', extra: Partial<MessageCreateParamsNonStreaming> = {}): MessageCreateParamsNonStreaming {
	return { model: MODEL, max_tokens: 1000, messages: [{ role: 'user', content }], ...extra };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
	try {
		await p;
	} catch (err) {
		return err;
	}
	assert.fail('expected the call to fail');
}

describe('FakeAnthropicServer (real SDK over HTTP)', function () {
	this.timeout(10_000);
	let server: FakeAnthropicServer;
	let client: Anthropic;

	before(async () => {
		server = await FakeAnthropicServer.start();
	});
	after(async () => {
		await server.close();
	});
	beforeEach(() => {
		server.reset();
		client = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
	});

	it('binds 127.0.0.1 and exposes a base URL without /v1 or trailing slash', () => {
		assert.equal(server.url, `http://127.0.0.1:${server.port}`);
		assert.ok(server.port > 0);
	});

	it('answers messages.create with the full 2026 Message shape and deterministic usage', async () => {
		server.enqueue({ text: 'Sixteen chars!!!' });
		const msg = await client.messages.create(params('12345678'));
		assert.deepEqual(msg.content, [{ type: 'text', text: 'Sixteen chars!!!', citations: null }]);
		assert.equal(msg.role, 'assistant');
		assert.equal(msg.model, MODEL);
		assert.equal(msg.stop_reason, 'end_turn');
		assert.equal(msg.stop_details, null);
		assert.match(msg.id, /^msg_/);
		assert.equal(msg.usage.input_tokens, 2, '8 chars / 4');
		assert.equal(msg.usage.output_tokens, 4, '16 chars / 4');
		assert.equal(msg.usage.service_tier, 'standard');
		assert.deepEqual(msg.usage.cache_creation, { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 });
		assert.equal(msg._request_id, server.requests[0].requestId);
		assert.match(msg._request_id ?? '', /^req_/);
	});

	it('uses the default reply when the queue is empty, and setDefault changes it', async () => {
		const first = await client.messages.create(params());
		assert.deepEqual(first.content.map((b) => (b.type === 'text' ? b.text : b.type)), ['Hello from the fake Anthropic server.']);
		server.setDefault({ text: 'new default' });
		const second = await client.messages.create(params());
		assert.equal(second.content[0].type === 'text' && second.content[0].text, 'new default');
	});

	it('streams with messages.stream(): text deltas in chunks and final usage', async () => {
		server.enqueue({ text: 'abcdefghij', chunkSize: 4 });
		const stream = client.messages.stream(params('x'.repeat(40)));
		const deltas: string[] = [];
		stream.on('text', (d) => deltas.push(d));
		const final = await stream.finalMessage();
		assert.deepEqual(deltas, ['abcd', 'efgh', 'ij']);
		assert.equal(await stream.finalText(), 'abcdefghij');
		assert.equal(final.usage.input_tokens, 10);
		assert.equal(final.usage.output_tokens, 3);
		assert.equal(final.usage.cache_read_input_tokens, 0);
		const [req] = server.messageRequests();
		assert.equal(req.body.stream, true);
		assert.equal(req.headers['x-stainless-helper-method'], 'stream');
	});

	it('firstDeltaDelayMs holds the first text delta back (time to first token), not the message start', async () => {
		server.enqueue({ text: 'abcdefgh', chunkSize: 4, firstDeltaDelayMs: 150 });
		const t0 = performance.now();
		const stream = client.messages.stream(params());
		let started = 0;
		let firstText = 0;
		stream.on('streamEvent', (e) => {
			if (e.type === 'message_start') {
				started = performance.now() - t0;
			}
		});
		stream.once('text', () => (firstText = performance.now() - t0));
		await stream.finalMessage();
		assert.ok(firstText >= 145, `first text after ${firstText} ms`);
		assert.ok(started > 0 && started <= firstText);
		// what the server wrote when: a busy client may read message_start and the first delta in one go
		const written = server.requests[0].sse ?? [];
		const at = (event: string) => written.find((w) => w.event === event)?.at ?? NaN;
		assert.ok(at('content_block_delta') - at('message_start') >= 145, JSON.stringify(written));
	});

	it('frames SSE exactly: event line, data line whose type matches, blank line; SSE and rate-limit headers', async () => {
		server.enqueue({ chunks: ['He', 'llo'] });
		const res = await fetch(`${server.url}/v1/messages`, {
			method: 'POST',
			headers: { 'x-api-key': KEY, 'anthropic-version': '2026-10-21', 'content-type': 'application/json' },
			body: JSON.stringify({ ...params(), stream: true }),
		});
		assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
		assert.equal(res.headers.get('cache-control'), 'no-cache');
		assert.match(res.headers.get('request-id') ?? '', /^req_/);
		assert.ok(Number(res.headers.get('anthropic-ratelimit-requests-limit')) > 0);
		const text = await res.text();
		assert.ok(text.endsWith('\n\n'));
		const events = text.slice(0, -2).split('\n\n');
		const names = events.map((e) => {
			const m = /^event: (\w+)\ndata: (.*)$/.exec(e);
			assert.ok(m, `bad frame: ${JSON.stringify(e)}`);
			assert.equal(JSON.parse(m[2]).type, m[1]);
			return m[1];
		});
		assert.deepEqual(names, ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
		const start = JSON.parse(events[0].split('\ndata: ')[1]);
		assert.deepEqual(Object.keys(start.message.usage).slice(0, 5), ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'cache_creation', 'output_tokens']);
		assert.equal(start.message.usage.output_tokens, 1);
		const delta = JSON.parse(events[6].split('\ndata: ')[1]);
		assert.deepEqual(delta.delta, { stop_reason: 'end_turn', stop_sequence: null, stop_details: null, container: null });
		assert.equal(delta.usage.output_tokens, 2);
		assert.equal(delta.usage.input_tokens, 2);
	});

	it('accepts the SDK\'s Authorization: Bearer and a raw x-api-key; x-api-key wins when both are sent', async () => {
		await client.messages.create(params());
		assert.equal(server.requests[0].headers.authorization, `Bearer ${KEY}`);
		assert.equal(server.requests[0].apiKey, KEY);
		const headers = { 'anthropic-version': '2026-10-21', 'content-type': 'application/json' };
		const body = JSON.stringify(params());
		const viaHeader = await fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { ...headers, 'x-api-key': KEY }, body });
		assert.equal(viaHeader.status, 200);
		const both = await fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { ...headers, 'x-api-key': 'sk-wrong', authorization: `Bearer ${KEY}` }, body });
		assert.equal(both.status, 401);
		assert.equal(server.requests[2].apiKey, 'sk-wrong');
	});

	it('rejects an unknown key with 401 AuthenticationError carrying the request id, without consuming the queue', async () => {
		server.enqueue({ text: 'kept for later' });
		const bad = new Anthropic({ apiKey: 'sk-ant-nope', baseURL: server.url, maxRetries: 0 });
		const err = await rejection(bad.messages.create(params()));
		assert.ok(err instanceof AuthenticationError);
		assert.equal(err.status, 401);
		assert.equal(err.type, 'authentication_error');
		assert.equal(err.requestID, server.requests[0].requestId);
		const ok = await client.messages.create(params());
		assert.equal(ok.content[0].type === 'text' && ok.content[0].text, 'kept for later');
	});

	it('answers a missing key with 401 and a missing anthropic-version with 400, with the API\'s error body', async () => {
		const noKey = await fetch(`${server.url}/v1/models`, { headers: { 'anthropic-version': '2026-10-21' } });
		assert.equal(noKey.status, 401);
		const body = await noKey.json();
		assert.deepEqual(Object.keys(body), ['type', 'error', 'request_id']);
		assert.equal(body.error.type, 'authentication_error');
		assert.equal(body.request_id, noKey.headers.get('request-id'));
		const noVersion = await fetch(`${server.url}/v1/models`, { headers: { 'x-api-key': KEY } });
		assert.equal(noVersion.status, 400);
		assert.equal(noVersion.headers.get('content-type'), 'application/json');
		assert.equal((await noVersion.json()).error.type, 'invalid_request_error');
	});

	it('lets the SDK retry a 529 with retry-after-ms: 3 attempts recorded, then OverloadedError', async () => {
		const overloaded = { fault: { kind: 'http', status: 529, retryAfterMs: 10 } } as const;
		server.enqueue(overloaded, overloaded, overloaded, { text: 'never reached' });
		const retrying = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 2 });
		const err = await rejection(retrying.messages.create(params()));
		assert.ok(err instanceof OverloadedError);
		assert.equal(err.type, 'overloaded_error');
		const attempts = server.messageRequests();
		assert.equal(attempts.length, 3);
		assert.deepEqual(attempts.map((r) => r.headers['x-stainless-retry-count']), ['0', '1', '2']);
		assert.equal(err.requestID, attempts[2].requestId);
	});

	it('error bodies read as SDK 1.17 messages: the API\'s message, then code, request id, path and type', async () => {
		server.enqueue({ fault: { kind: 'http', status: 400, message: 'An image is too large.', errorCode: 'image_dimensions_too_large' } });
		const err = await rejection(client.messages.create(params()));
		assert.ok(err instanceof Anthropic.ImageDimensionsTooLargeError, 'the SDK picks the class by status and error code');
		const [req] = server.messageRequests();
		assert.equal(err.message, `400 An image is too large. (error_code: image_dimensions_too_large, request_id: ${req.requestId}, path: /v1/messages, type: invalid_request_error)`);
		assert.equal(err.apiMessage, 'An image is too large.');
		assert.deepEqual(err.request, { method: 'post', url: `${server.url}/v1/messages` });
	});

	it('maps each HTTP fault status to the API\'s error type', async () => {
		const table: Array<[number, string]> = [[400, 'invalid_request_error'], [403, 'permission_error'], [404, 'not_found_error'], [413, 'request_too_large'], [429, 'rate_limit_error'], [500, 'api_error'], [504, 'timeout_error']];
		for (const [status, type] of table) {
			server.enqueue({ fault: { kind: 'http', status, shouldRetry: false } });
			const err = await rejection(client.messages.create(params()));
			assert.ok(err instanceof APIError);
			assert.equal(err.status, status);
			assert.equal(err.type, type, `status ${status}`);
		}
	});

	it('sends all twelve anthropic-ratelimit-* headers; setRateLimits and a reply\'s rateLimits script them, reset() restores the default', async () => {
		const headersOf = async () => (await client.messages.create(params()).withResponse()).response.headers;
		const values = (h: Headers, name: string) => ['limit', 'remaining', 'reset'].map((f) => h.get(`anthropic-ratelimit-${name}-${f}`));
		const isoSecond = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

		const plain = await headersOf();
		for (const name of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
			const [limit, remaining, reset] = values(plain, name);
			assert.ok(Number(limit) > 0 && Number(remaining) > 0 && Number(remaining) <= Number(limit), name);
			assert.match(reset ?? '', isoSecond);
			assert.ok(Date.parse(reset!) > Date.now() && Date.parse(reset!) <= Date.now() + 60_000, name);
		}
		assert.deepEqual(values(plain, 'tokens').slice(0, 2), ['400000', '400000'], 'tokens-*: the tighter of input and output');

		server.setRateLimits({ requestsRemaining: 0, inputTokensRemaining: 12_345, resetInMs: 5000 });
		const before = Date.now();
		const scripted = await headersOf();
		assert.deepEqual(values(scripted, 'requests').slice(0, 2), ['4000', '0']);
		assert.equal(scripted.get('anthropic-ratelimit-input-tokens-remaining'), '12345');
		assert.equal(scripted.get('anthropic-ratelimit-tokens-remaining'), '12000', 'rounded to the nearest thousand');
		assert.equal(scripted.get('anthropic-ratelimit-output-tokens-remaining'), '400000');
		const resetIn = Date.parse(scripted.get('anthropic-ratelimit-requests-reset')!) - before;
		assert.ok(resetIn >= 5000 && resetIn <= 7000, `reset in ${resetIn} ms`);
		assert.equal((await headersOf()).get('anthropic-ratelimit-requests-remaining'), '0', 'the script stays until changed');

		server.enqueue({ rateLimits: { outputTokensRemaining: 10 }, fault: { kind: 'http', status: 429, shouldRetry: false } });
		const limited = await rejection(client.messages.create(params()));
		assert.ok(limited instanceof APIError);
		assert.equal(limited.headers?.get('anthropic-ratelimit-output-tokens-remaining'), '10', 'a reply\'s own script');
		assert.equal(limited.headers?.get('anthropic-ratelimit-requests-remaining'), '0', 'over the server-wide one');

		server.reset();
		assert.ok(Number((await headersOf()).get('anthropic-ratelimit-requests-remaining')) > 0);
	});

	it('a mid-stream error event surfaces as APIError overloaded_error after the partial text', async () => {
		server.enqueue({ text: 'Hello there, this is partial', chunkSize: 6, fault: { kind: 'errorEvent', afterDeltas: 2 } });
		const stream = client.messages.stream(params());
		let text = '';
		stream.on('text', (d) => (text += d));
		const err = await rejection(stream.finalMessage());
		assert.ok(err instanceof APIError);
		assert.equal(err.status, undefined);
		assert.equal(err.type, 'overloaded_error');
		assert.equal(text, 'Hello there,');
		assert.equal(server.messageRequests().length, 1, 'mid-stream errors are not retried');
	});

	it('a socket destroyed mid-stream rejects the stream with APIConnectionError after the partial text, never re-sent', async () => {
		server.enqueue({ text: 'abcdefghijklmnop', chunkSize: 4, fault: { kind: 'destroy', afterDeltas: 2 } }, { text: 'a second answer' });
		const retrying = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 2 });
		const stream = retrying.messages.stream(params());
		let text = '';
		stream.on('text', (d) => (text += d));
		const err = await rejection(stream.finalMessage());
		assert.ok(err instanceof APIConnectionError, String(err));
		assert.ok(err.cause instanceof TypeError && err.cause.message === 'terminated', 'SDK ≥ 1.17 wraps undici\'s "terminated" as the cause');
		assert.equal(text, 'abcdefgh');
		assert.equal(server.messageRequests().length, 1, 'the SDK does not send a stream it has handed over again');
	});

	it('a JSON answer cut part-way: the SDK sends it again within maxRetries, and not at all with maxRetries 0 on the call', async () => {
		const cut = { text: 'cut off', fault: { kind: 'destroy', afterDeltas: 1 } } as const;
		server.enqueue(cut, { text: 'second copy' });
		const retrying = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 2 });
		const resent = await retrying.messages.create(params());
		assert.equal(resent.content[0].type === 'text' && resent.content[0].text, 'second copy');
		assert.equal(server.messageRequests().length, 2, 'the POST went out twice: both answers are billed');

		server.reset();
		server.enqueue(cut, { text: 'never sent' });
		const err = await rejection(retrying.messages.create(params(), { maxRetries: 0 }));
		assert.ok(err instanceof APIConnectionError, String(err));
		assert.equal(server.messageRequests().length, 1);
	});

	it('a JSON request dropped before any response is a connection error (afterDeltas 0)', async () => {
		server.enqueue({ fault: { kind: 'destroy', afterDeltas: 0 } });
		const err = await rejection(client.messages.create(params()));
		assert.ok(err instanceof APIConnectionError, String(err));
		assert.match(err.message, /^Connection to 127\.0\.0\.1:\d+ failed/, 'SDK 1.17 names the host');
	});

	it('a stream without message_stop fails in the SDK', async () => {
		server.enqueue({ text: 'almost', fault: { kind: 'noMessageStop' } });
		const err = await rejection(client.messages.stream(params()).finalMessage());
		assert.match(String(err), /stream ended without producing a Message/);
	});

	it('a stalled stream stays open until the client aborts; the server keeps serving', async () => {
		server.enqueue({ text: 'abcdefgh', chunkSize: 2, fault: { kind: 'stall', afterDeltas: 1 } });
		const stream = client.messages.stream(params());
		const seen: string[] = [];
		const firstDelta = new Promise<void>((resolve) => stream.on('text', (d) => {
			seen.push(d);
			resolve();
		}));
		await firstDelta;
		await new Promise((r) => setTimeout(r, 50));
		assert.equal(stream.ended, false, 'still waiting on the stalled server');
		stream.abort();
		const err = await rejection(stream.finalMessage());
		assert.ok(err instanceof APIUserAbortError);
		assert.deepEqual(seen, ['ab']);
		const next = await client.messages.create(params());
		assert.equal(next.stop_reason, 'end_turn');
	});

	it('close() ends a stalled stream instead of hanging', async () => {
		const other = await FakeAnthropicServer.start();
		other.enqueue({ fault: { kind: 'stall', afterDeltas: 0 } });
		const c = new Anthropic({ apiKey: KEY, baseURL: other.url, maxRetries: 0 });
		const stream = c.messages.stream(params());
		const failed = rejection(stream.finalMessage());
		await new Promise<void>((resolve) => stream.on('connect', () => resolve()));
		const started = Date.now();
		await other.close();
		assert.ok(Date.now() - started < 1000);
		assert.ok((await failed) instanceof Error);
	});

	it('replays the text fixture (text.sse) verbatim', async () => {
		server.enqueue({ fixture: 'text' });
		const stream = client.messages.stream(params());
		const deltas: string[] = [];
		stream.on('text', (d) => deltas.push(d));
		const final = await stream.finalMessage();
		assert.deepEqual(deltas, ['Hello', '!']);
		assert.equal(final.id, 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY');
		assert.equal(final.usage.input_tokens, 25);
		assert.equal(final.usage.output_tokens, 15);
	});

	it('replays the thinking fixture (thinking.sse): thinking and signature events, content [thinking, text]', async () => {
		server.enqueue({ fixture: 'thinking' });
		const stream = client.messages.stream(params());
		let thinking = '';
		const signatures: string[] = [];
		stream.on('thinking', (d) => (thinking += d));
		stream.on('signature', (s) => signatures.push(s));
		const final = await stream.finalMessage();
		assert.match(thinking, /10,800 \+ 1,350 \+ 81 = 12,231/);
		assert.equal(signatures.length, 1);
		assert.deepEqual(final.content.map((b) => b.type), ['thinking', 'text']);
		assert.equal(final.usage.output_tokens, 120);
	});

	it('replays the refusal fixture (D) with stop_reason refusal and stop_details', async () => {
		server.enqueue({ fixture: 'refusal' });
		const final = await client.messages.stream(params()).finalMessage();
		assert.equal(final.stop_reason, 'refusal');
		assert.equal(final.stop_details?.type, 'refusal');
		assert.deepEqual(final.content.map((b) => b.type), ['thinking', 'text']);
		assert.equal(final.content[1].type === 'text' && final.content[1].text, 'Hi');
	});

	it('replays the error fixture (C) as an APIError, and a fixture also serves a JSON request', async () => {
		server.enqueue({ fixture: 'error' }, { fixture: 'text' });
		const err = await rejection(client.messages.stream(params()).finalMessage());
		assert.ok(err instanceof APIError);
		assert.equal(err.type, 'overloaded_error');
		const json = await client.messages.create(params());
		assert.deepEqual(json.content, [{ type: 'text', text: 'Hello!' }]);
		assert.equal(json.usage.output_tokens, 15);
	});

	it('an unknown content block type does not break the SDK stream', async () => {
		server.enqueue({ text: 'visible answer', unknownBlock: true, thinking: 'hmm' });
		const stream = client.messages.stream(params());
		const final = await stream.finalMessage();
		assert.equal(await stream.finalText(), 'visible answer');
		assert.deepEqual(final.content.map((b) => b.type), ['thinking', 'mystery_block', 'text']);
		assert.equal(final.stop_reason, 'end_turn');
	});

	it('cuts an over-long answer to max_tokens * 4 chars with stop_reason max_tokens, unless a stop reason is scripted', async () => {
		server.enqueue({ text: 'x'.repeat(400) }, { text: 'y'.repeat(400), stopReason: 'end_turn' });
		const cut = await client.messages.stream(params('q', { max_tokens: 5 })).finalMessage();
		assert.equal(cut.stop_reason, 'max_tokens');
		assert.equal(cut.content[0].type === 'text' && cut.content[0].text.length, 20);
		assert.equal(cut.usage.output_tokens, 5);
		const scripted = await client.messages.create(params('q', { max_tokens: 5 }));
		assert.equal(scripted.stop_reason, 'end_turn');
		assert.equal(scripted.content[0].type === 'text' && scripted.content[0].text.length, 400);
	});

	it('passes scripted stop reasons and stop sequences through', async () => {
		server.enqueue({ text: 'a', stopReason: 'stop_sequence' }, { text: 'b', stopReason: 'pause_turn' });
		const first = await client.messages.create(params('q', { stop_sequences: ['END'] }));
		assert.equal(first.stop_reason, 'stop_sequence');
		assert.equal(first.stop_sequence, 'END');
		const second = await client.messages.stream(params()).finalMessage();
		assert.equal(second.stop_reason, 'pause_turn');
	});

	describe('prompt caching', () => {
		const longSystem = 's'.repeat(4000); // 1000 tokens: above Sonnet 5.5's 512 minimum, below Haiku 4.5's 4096
		const cached = (ttl?: '1h', model = MODEL): MessageCreateParamsNonStreaming => ({
			...params('question'),
			model,
			system: [{ type: 'text', text: longSystem, cache_control: ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' } }],
		});

		it('writes the cached prefix on the first call and reads it on the second', async () => {
			const first = await client.messages.create(cached());
			assert.equal(first.usage.cache_creation_input_tokens, 1000);
			assert.equal(first.usage.cache_creation?.ephemeral_5m_input_tokens, 1000);
			assert.equal(first.usage.cache_read_input_tokens, 0);
			assert.equal(first.usage.input_tokens, 2, 'only the uncached tail');
			const second = await client.messages.stream(cached()).finalMessage();
			assert.equal(second.usage.cache_read_input_tokens, 1000);
			assert.equal(second.usage.cache_creation_input_tokens, 0);
			assert.equal(second.usage.input_tokens, 2);
		});

		it('puts ttl 1h writes into ephemeral_1h_input_tokens', async () => {
			const msg = await client.messages.create(cached('1h'));
			assert.deepEqual(msg.usage.cache_creation, { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1000 });
		});

		it('caches nothing below the model minimum', async () => {
			const msg = await client.messages.create(cached(undefined, 'claude-haiku-4-5'));
			assert.equal(msg.usage.cache_creation_input_tokens, 0);
			assert.equal(msg.usage.cache_read_input_tokens, 0);
			assert.equal(msg.usage.input_tokens, 1002);
		});

		it('top-level cache_control caches up to the last block, and entries expire by the injected clock', async () => {
			let now = 1_000_000;
			const timed = await FakeAnthropicServer.start({ now: () => now });
			try {
				const c = new Anthropic({ apiKey: KEY, baseURL: timed.url, maxRetries: 0 });
				const auto = { ...params('u'.repeat(4000)), cache_control: { type: 'ephemeral' as const } };
				assert.equal((await c.messages.create(auto)).usage.cache_creation_input_tokens, 1000);
				now += 4 * 60_000;
				assert.equal((await c.messages.create(auto)).usage.cache_read_input_tokens, 1000, 'hit within 5 minutes');
				now += 4 * 60_000;
				assert.equal((await c.messages.create(auto)).usage.cache_read_input_tokens, 1000, 'the hit refreshed the TTL');
				now += 6 * 60_000;
				const expired = await c.messages.create(auto);
				assert.equal(expired.usage.cache_read_input_tokens, 0);
				assert.equal(expired.usage.cache_creation_input_tokens, 1000);
			} finally {
				await timed.close();
			}
		});

		it('reset() forgets the cache', async () => {
			await client.messages.create(cached());
			server.reset();
			assert.equal((await client.messages.create(cached())).usage.cache_read_input_tokens, 0);
		});
	});

	it('rejects invalid bodies with 400, as the API does', async () => {
		const cc = { type: 'ephemeral' } as const;
		const bad: Array<[string, object]> = [
			['max_tokens', { model: MODEL, messages: [{ role: 'user', content: 'x' }] }],
			['model', { max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }],
			['messages', { model: MODEL, max_tokens: 10 }],
			['temperature', { ...params(), temperature: 0.5 }],
			['maximum of 4', { ...params(), system: [1, 2, 3, 4, 5].map((n) => ({ type: 'text', text: `s${n}`, cache_control: cc })) }],
			['budget_tokens', { ...params(), thinking: { type: 'enabled', budget_tokens: 100 } }],
			['budget_tokens', { ...params(), max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 4000 } }],
		];
		for (const [expected, body] of bad) {
			const err = await rejection(client.messages.create(body as MessageCreateParamsNonStreaming));
			assert.ok(err instanceof BadRequestError, expected);
			assert.match(err.message, new RegExp(expected));
		}
		assert.equal(server.messageRequests().length, bad.length);
	});

	it('counts tokens without caching', async () => {
		const body = { model: MODEL, system: 'abcd'.repeat(10), messages: [{ role: 'user' as const, content: 'efgh'.repeat(5) }] };
		assert.deepEqual(await client.messages.countTokens(body), { input_tokens: 15 });
		const withTool = await client.messages.countTokens({ ...body, tools: [{ name: 't', input_schema: { type: 'object' } }] });
		assert.ok(withTool.input_tokens > 15, 'tool definitions count as input');
	});

	it('lists models with auto-pagination and retrieves one; unknown ids are 404', async () => {
		const ids: string[] = [];
		for await (const m of client.models.list({ limit: 2 })) {
			ids.push(m.id);
		}
		for (const id of ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-7']) {
			assert.ok(ids.includes(id), id);
		}
		assert.equal(new Set(ids).size, ids.length, 'no duplicates across pages');
		const pages = server.requests.filter((r) => r.path === '/v1/models');
		assert.equal(pages.length, Math.ceil(ids.length / 2));
		assert.equal(pages[1].query.after_id, ids[1]);
		const info = await client.models.retrieve('claude-opus-4-7');
		assert.equal(info.display_name, 'Claude Opus 4.7');
		assert.ok(await rejection(client.models.retrieve('claude-nope')) instanceof NotFoundError);
	});

	it('runs a batch: create (in_progress) → retrieve (ended) → results with service_tier batch', async () => {
		server.enqueue({ text: 'first result' }, { fault: { kind: 'http', status: 500 } });
		const created = await client.messages.batches.create({ requests: [
			{ custom_id: 'a', params: params('one') },
			{ custom_id: 'b', params: params('two') },
		] });
		assert.equal(created.processing_status, 'in_progress');
		assert.equal(created.results_url, null);
		assert.match(created.id, /^msgbatch_/);
		const done = await client.messages.batches.retrieve(created.id);
		assert.equal(done.processing_status, 'ended');
		assert.deepEqual(done.request_counts, { processing: 0, succeeded: 1, errored: 1, canceled: 0, expired: 0 });
		assert.equal(done.results_url, `${server.url}/v1/messages/batches/${created.id}/results`);
		const lines = [];
		for await (const line of await client.messages.batches.results(created.id)) {
			lines.push(line);
		}
		assert.equal(lines.length, 2);
		const [a, b] = lines;
		assert.equal(a.custom_id, 'a');
		assert.equal(a.result.type === 'succeeded' && a.result.message.usage.service_tier, 'batch');
		assert.equal(a.result.type === 'succeeded' && a.result.message.content[0].type === 'text' && a.result.message.content[0].text, 'first result');
		assert.equal(b.result.type === 'errored' && b.result.error.error.type, 'api_error');
		assert.deepEqual(await client.messages.batches.delete(created.id), { id: created.id, type: 'message_batch_deleted' });
		assert.ok(await rejection(client.messages.batches.retrieve(created.id)) instanceof NotFoundError);
	});

	it('keeps a batch in progress for batchDelayMs and cancels it into canceled results', async () => {
		let now = 0;
		const slow = await FakeAnthropicServer.start({ batchDelayMs: 60_000, now: () => now });
		try {
			const c = new Anthropic({ apiKey: KEY, baseURL: slow.url, maxRetries: 0 });
			const first = await c.messages.batches.create({ requests: [{ custom_id: 'x', params: params() }] });
			now += 30_000;
			assert.equal((await c.messages.batches.retrieve(first.id)).processing_status, 'in_progress');
			now += 30_000;
			assert.equal((await c.messages.batches.retrieve(first.id)).processing_status, 'ended');
			const second = await c.messages.batches.create({ requests: [{ custom_id: 'y', params: params() }] });
			assert.equal((await c.messages.batches.cancel(second.id)).processing_status, 'canceling');
			const ended = await c.messages.batches.retrieve(second.id);
			assert.equal(ended.request_counts.canceled, 1);
			const listed = [];
			for await (const b of c.messages.batches.list()) {
				listed.push(b.id);
			}
			assert.deepEqual(listed, [second.id, first.id], 'newest first');
		} finally {
			await slow.close();
		}
	});

	it('keeps a canceled batch canceling for batchCancelDelayMs, then ends it with every request canceled', async () => {
		let now = 0;
		const slow = await FakeAnthropicServer.start({ batchDelayMs: 60_000, batchCancelDelayMs: 5_000, now: () => now });
		try {
			const c = new Anthropic({ apiKey: KEY, baseURL: slow.url, maxRetries: 0 });
			const b = await c.messages.batches.create({ requests: [{ custom_id: 'x', params: params() }, { custom_id: 'y', params: params() }] });
			const canceling = await c.messages.batches.cancel(b.id);
			assert.equal(canceling.processing_status, 'canceling');
			assert.ok(canceling.cancel_initiated_at);
			now += 4_999;
			const still = await c.messages.batches.retrieve(b.id);
			assert.deepEqual([still.processing_status, still.results_url, still.request_counts.processing], ['canceling', null, 2]);
			now += 1;
			const ended = await c.messages.batches.retrieve(b.id);
			assert.deepEqual([ended.processing_status, ended.request_counts.canceled, ended.request_counts.processing], ['ended', 2, 0]);
		} finally {
			await slow.close();
		}
	});

	it('setBatchDelay holds batches open, then lets them end; reset() restores the delay it was started with', async () => {
		server.setBatchDelay(60_000);
		const b = await client.messages.batches.create({ requests: [{ custom_id: 'x', params: params() }] });
		assert.equal((await client.messages.batches.retrieve(b.id)).processing_status, 'in_progress');
		server.setBatchDelay(0);
		assert.equal((await client.messages.batches.retrieve(b.id)).processing_status, 'ended');
		server.setBatchDelay(60_000);
		server.reset();
		const c = await client.messages.batches.create({ requests: [{ custom_id: 'y', params: params() }] });
		assert.equal((await client.messages.batches.retrieve(c.id)).processing_status, 'ended');
	});

	it('records method, path, query, headers and parsed body of every request', async () => {
		await client.messages.create(params('log me', { metadata: { user_id: 'u1' } }));
		await client.models.list({ limit: 3 });
		const [msg, models] = server.requests;
		assert.equal(msg.method, 'POST');
		assert.equal(msg.path, '/v1/messages');
		assert.equal(msg.body.model, MODEL);
		assert.deepEqual(msg.body.messages, [{ role: 'user', content: 'log me' }]);
		assert.equal(msg.headers['anthropic-version'], '2026-10-21');
		assert.equal(msg.headers['content-type'], 'application/json');
		assert.equal(models.method, 'GET');
		assert.deepEqual(models.query, { limit: '3' });
		assert.equal(models.body, undefined);
		assert.deepEqual(server.messageRequests(), [msg]);
	});

	it('answers unknown routes with a 404 not_found_error', async () => {
		const res = await fetch(`${server.url}/v1/v1/messages`, { method: 'POST', headers: { 'x-api-key': KEY, 'anthropic-version': '2026-10-21' }, body: '{}' });
		assert.equal(res.status, 404);
		assert.equal((await res.json()).error.type, 'not_found_error');
	});

	it('demo mode accepts any key and streams a clearly labelled offline answer', async () => {
		const demo = await FakeAnthropicServer.start({ demo: true });
		try {
			const c = new Anthropic({ apiKey: 'anything-at-all', baseURL: demo.url, maxRetries: 0 });
			const stream = c.messages.stream(params('Explain the `add` function please'));
			let deltas = 0;
			stream.on('text', () => deltas++);
			const started = Date.now();
			const text = await stream.finalText();
			assert.ok(text.startsWith('**Offline demo**'), text.slice(0, 40));
			assert.match(text, /local fake server, not from Claude/);
			assert.match(text, /Explain the `add` function please/);
			assert.match(text, /```ts\n[\s\S]+\n```/);
			assert.match(text, /\n- /);
			assert.ok(text.length >= 600 && text.length <= 1200, `length ${text.length}`);
			assert.ok(deltas > 20, 'small chunks');
			assert.ok(Date.now() - started > 20 * 25, 'visibly paced');
		} finally {
			await demo.close();
		}
	});

	it('demo mode answers batches too, with the same labelled offline answer per request (the offline demo\'s Batch…)', async () => {
		let now = 0;
		const demo = await FakeAnthropicServer.start({ demo: true, batchDelayMs: 20_000, now: () => now });
		try {
			const c = new Anthropic({ apiKey: 'anything-at-all', baseURL: demo.url, maxRetries: 0 });
			const b = await c.messages.batches.create({ requests: [{ custom_id: 'file-0', params: params('Summarize the file `a.ts`') }] });
			assert.equal((await c.messages.batches.retrieve(b.id)).processing_status, 'in_progress');
			now += 20_000;
			assert.equal((await c.messages.batches.retrieve(b.id)).processing_status, 'ended');
			const lines = [];
			for await (const line of await c.messages.batches.results(b.id)) {
				lines.push(line);
			}
			const [line] = lines;
			assert.ok(line.result.type === 'succeeded');
			const text = line.result.message.content.flatMap((x) => (x.type === 'text' ? [x.text] : [])).join('');
			assert.ok(text.startsWith('**Offline demo**'), text.slice(0, 40));
			assert.equal(line.result.message.usage.service_tier, 'batch');
		} finally {
			await demo.close();
		}
	});

	it('the CLI prints exactly one FAKE_ANTHROPIC_URL line and serves until SIGTERM', async () => {
		const cli = path.join(__dirname, '..', '..', 'fake-anthropic', 'cli.js');
		const child = spawn(process.execPath, [cli, '--key', 'sk-cli'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (d: Buffer) => {
				stdout += d.toString();
				const m = /^FAKE_ANTHROPIC_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
				if (m) {
					resolve(m[1]);
				}
			});
			child.once('exit', () => reject(new Error(`CLI exited early: ${stderr}`)));
		});
		const c = new Anthropic({ apiKey: 'sk-cli', baseURL: url, maxRetries: 0 });
		assert.equal((await c.messages.create(params())).stop_reason, 'end_turn');
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		child.kill('SIGTERM');
		assert.equal(await exited, 0);
		assert.equal(stdout, `FAKE_ANTHROPIC_URL=${url}\n`);
		assert.match(stderr, /POST \/v1\/messages -> 200/);
	});
});
