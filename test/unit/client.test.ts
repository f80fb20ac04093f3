import * as assert from 'node:assert/strict';
import { createClient, loadSdk, streamMessage, StreamFailure, verifyKey } from '../../src/core/anthropic/client';
import { classifyError, redactSecrets } from '../../src/core/anthropic/errors';
import { FakeAnthropicServer } from '../fake-anthropic/server';

const KEY = 'sk-ant-test-key';

describe('SDK client wrapper and error classification (real SDK, fake server)', () => {
	let server: FakeAnthropicServer;
	before(async () => {
		server = await FakeAnthropicServer.start({ apiKeys: [KEY] });
	});
	after(() => server.close());
	beforeEach(() => server.reset());

	it('verifyKey: valid with one models call, rejected for a wrong key, unreachable when the network is down', async () => {
		assert.equal(await verifyKey({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 }), 'valid');
		assert.equal(server.requests.filter((r) => r.path === '/v1/models').length, 1);
		assert.equal(await verifyKey({ apiKey: 'sk-ant-wrong', baseUrl: server.url, maxRetries: 0 }), 'rejected');
		assert.equal(await verifyKey({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', maxRetries: 0 }), 'unreachable');
	});

	it('accepts a base URL with a trailing /v1 or slash (users paste those)', async () => {
		assert.equal(await verifyKey({ apiKey: KEY, baseUrl: `${server.url}/v1/`, maxRetries: 0 }), 'valid');
		assert.equal(server.requests[0].path, '/v1/models');
	});

	async function failureOf(reply: Parameters<FakeAnthropicServer['enqueue']>[0], opts: { idleTimeoutMs?: number; abortAfterMs?: number } = {}) {
		server.enqueue(reply);
		const { client, sdk } = await createClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
		const controller = new AbortController();
		if (opts.abortAfterMs !== undefined) {
			setTimeout(() => controller.abort(), opts.abortAfterMs);
		}
		try {
			await streamMessage(client, { model: 'claude-haiku-4-5', maxTokens: 100, system: 's', messages: [{ role: 'user', content: 'hi' }], signal: controller.signal, idleTimeoutMs: opts.idleTimeoutMs }, () => undefined);
		} catch (err) {
			assert.ok(err instanceof StreamFailure);
			return { failure: err, classified: classifyError(err.cause, sdk, KEY) };
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
		const { failure, classified } = await failureOf({ text: 'abcdefghij', chunkSize: 5, fault: { kind: 'stall', afterDeltas: 1 } }, { idleTimeoutMs: 300 });
		assert.equal(classified.kind, 'timeout');
		assert.equal(failure.partial.text, 'abcde');
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
