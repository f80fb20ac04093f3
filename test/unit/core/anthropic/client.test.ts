import * as assert from 'node:assert/strict';
import { createClient, loadSdk, streamMessage, StreamFailure, verifyKey } from '../../../../src/core/anthropic/client';
import { briefMessage, classifyError, redactSecrets } from '../../../../src/core/anthropic/errors';
import { FakeAnthropicServer } from '../../../fake-anthropic/server';

const KEY = 'sk-ant-test-key';

describe('SDK client wrapper and error classification (real SDK, fake server)', () => {
	let server: FakeAnthropicServer;
	before(async () => {
		server = await FakeAnthropicServer.start({ apiKeys: [KEY] });
	});
	after(() => server.close());
	beforeEach(() => server.reset());

	const check = async (apiKey: string, baseUrl: string) => verifyKey(await createClient({ apiKey, baseUrl, maxRetries: 0 }));

	it('verifyKey: valid with one models call, rejected for a wrong key, unreachable when the network is down', async () => {
		assert.equal(await check(KEY, server.url), 'valid');
		assert.equal(server.requests.filter((r) => r.path === '/v1/models').length, 1);
		assert.equal(await check('sk-ant-wrong', server.url), 'rejected');
		assert.equal(await check(KEY, 'http://127.0.0.1:9'), 'unreachable');
	});

	it('accepts a base URL with a trailing /v1 or slash (users paste those)', async () => {
		assert.equal(await check(KEY, `${server.url}/v1/`), 'valid');
		assert.equal(server.requests[0].path, '/v1/models');
	});

	async function failureOf(reply: Parameters<FakeAnthropicServer['enqueue']>[0], opts: { idleTimeoutMs?: number; abortAfterMs?: number; maxRetries?: number; baseUrl?: string } = {}) {
		server.enqueue(reply);
		const { client, sdk } = await createClient({ apiKey: KEY, baseUrl: opts.baseUrl ?? server.url, maxRetries: opts.maxRetries ?? 0 });
		const controller = new AbortController();
		if (opts.abortAfterMs !== undefined) {
			setTimeout(() => controller.abort(), opts.abortAfterMs);
		}
		let streamed = '';
		try {
			await streamMessage(client, { model: 'claude-haiku-4-5', maxTokens: 100, system: 's', messages: [{ role: 'user', content: 'hi' }], signal: controller.signal, idleTimeoutMs: opts.idleTimeoutMs }, (delta) => (streamed += delta));
		} catch (err) {
			assert.ok(err instanceof StreamFailure);
			return { failure: err, streamed, classified: classifyError(err.cause, sdk, KEY, { responseStarted: err.responseStarted }) };
		}
		throw new Error('expected the stream to fail');
	}

	it('classifies 403 as permission, 413 as tooLarge, neither retryable', async () => {
		assert.equal((await failureOf({ fault: { kind: 'http', status: 403 } })).classified.kind, 'permission');
		const tooLarge = (await failureOf({ fault: { kind: 'http', status: 413 } })).classified;
		assert.equal(tooLarge.kind, 'tooLarge');
		assert.equal(tooLarge.retryable, false);
	});

	it('carries the server\'s retry-after-ms on a 429', async () => {
		const { classified } = await failureOf({ fault: { kind: 'http', status: 429, retryAfterMs: 1234 } });
		assert.equal(classified.kind, 'rateLimit');
		assert.equal(classified.retryAfterMs, 1234);
	});

	it('a stream that stalls mid-way becomes a timeout (idle watchdog), with the text that arrived kept', async () => {
		const { streamed, classified } = await failureOf({ text: 'abcdefghij', chunkSize: 5, fault: { kind: 'stall', afterDeltas: 1 } }, { idleTimeoutMs: 300 });
		assert.equal(classified.kind, 'timeout');
		assert.equal(classified.message, 'The answer stalled: no data from the API for 0.3 s');
		assert.equal(streamed, 'abcde');
	});

	it('a stream that ends without message_stop says the answer ended early (not a dropped connection); the text is kept', async () => {
		const { streamed, classified } = await failureOf({ chunks: ['abcd', 'efgh'], fault: { kind: 'noMessageStop' } });
		assert.equal(classified.kind, 'network');
		assert.equal(classified.message, 'The answer ended before it was complete: the API closed the stream early (network error).');
		assert.equal(streamed, 'abcdefgh');
	});

	it('a connection dropped mid-stream (SDK 1.17 APIConnectionError) is a network error that says so; the text is kept', async () => {
		const { failure, streamed, classified } = await failureOf({ text: 'abcdefghijklmnop', chunkSize: 4, fault: { kind: 'destroy', afterDeltas: 2 } }, { maxRetries: 2 });
		assert.equal(failure.cause instanceof (await loadSdk()).APIConnectionError, true);
		assert.equal(classified.kind, 'network');
		assert.equal(classified.message, 'The connection to the Anthropic API dropped before the answer finished (network error).');
		assert.equal(streamed, 'abcdefgh');
		assert.equal(server.messageRequests().length, 1, 'sent once, on a client that would retry');
	});

	it('a server that cannot be reached is a network error that does not claim an answer had started', async () => {
		const { failure, classified } = await failureOf({ text: 'unused' }, { baseUrl: 'http://127.0.0.1:9' });
		assert.equal(failure.responseStarted, false);
		assert.equal(classified.kind, 'network');
		assert.equal(classified.message, 'Could not reach the Anthropic API (network error).');
	});

	it('streamMessage never lets the SDK send the request again, even on a client with SDK retries', async () => {
		const { classified } = await failureOf({ fault: { kind: 'http', status: 529, retryAfterMs: 1 } }, { maxRetries: 2 });
		assert.equal(classified.kind, 'overloaded');
		assert.equal(server.messageRequests().length, 1, 'only the caller\'s visible policy may repeat a billed request');
	});

	it('CredentialsError (SDK 1.17: no key could be resolved) is the no-key error, and nothing is sent', async () => {
		const sdk = await loadSdk();
		const keyless = new sdk.default({ apiKey: null, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
		const err = await keyless.models.list().then(() => undefined, (e: unknown) => e);
		assert.ok(err instanceof sdk.CredentialsError, String(err));
		const c = classifyError(err, sdk);
		assert.equal(c.kind, 'noKey');
		assert.equal(c.message, 'No API key. Set one with "Claude: Set API Key".');
		assert.equal(c.retryable, false, 'not retried automatically: a key has to be set first');
		assert.equal(server.requests.length, 0);
	});

	it('shows the API\'s own message, not SDK 1.17\'s message with request id and path, and never the key', async () => {
		const { classified } = await failureOf({ fault: { kind: 'http', status: 400, message: `model: unknown for key ${KEY}` } });
		assert.equal(classified.kind, 'badRequest');
		assert.equal(classified.message, 'The API rejected the request: model: unknown for key [redacted]');
		assert.equal(classified.requestId, server.messageRequests()[0].requestId, 'the request id travels on its own');
	});

	it('briefMessage: the status and the API\'s message for a notice, the kind\'s wording for a dropped connection', async () => {
		const sdk = await loadSdk();
		const { failure } = await failureOf({ fault: { kind: 'http', status: 500, message: `backend down ${KEY}`, shouldRetry: false } });
		assert.match(failure.cause instanceof Error ? failure.cause.message : '', /request_id: req_/, 'the SDK\'s own message is long');
		assert.equal(briefMessage(failure.cause, sdk, KEY), '500 backend down [redacted]');
		const dropped = await failureOf({ text: 'abcdefgh', chunkSize: 2, fault: { kind: 'destroy', afterDeltas: 1 } });
		assert.equal(briefMessage(dropped.failure.cause, sdk, KEY), 'The connection to the Anthropic API dropped before the answer finished (network error).');
	});

	it('a user abort is "cancelled", not an error to show', async () => {
		const { classified } = await failureOf({ text: 'x'.repeat(200), chunkSize: 5, delayMs: 20 }, { abortAfterMs: 60 });
		assert.equal(classified.cancelled, true);
	});

	it('a message that somehow contains the key is redacted', async () => {
		const sdk = await loadSdk();
		const err = new sdk.BadRequestError(400, { type: 'error', error: { type: 'invalid_request_error', message: `bad key ${KEY}` } }, undefined, new Headers());
		const c = classifyError(err, sdk, KEY);
		assert.equal(c.kind, 'badRequest');
		assert.ok(!c.message.includes(KEY), c.message);
		assert.equal(redactSecrets(`Authorization: Bearer ${KEY} and sk-ant-api03-abcdef`), 'Authorization: Bearer [redacted] and sk-ant-[redacted]');
	});
});
