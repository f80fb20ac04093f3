import * as assert from 'node:assert/strict';
import { checkBaseUrl, loadSdk, sdkLoader, type Sdk } from '../../../../src/core/anthropic/client';
import { connectWithKey, createConnector, describeConnectFailure, type ConnectFailure, type ConnectorDeps, type ConnectResult } from '../../../../src/core/anthropic/connect';
import { TEST_KEY, useFakeServer } from '../../fakes/testSession';

/** The connector's failures, each told apart (real SDK, fake server): what the user reads and what the log gets. */
describe('connect: a client for one request, or exactly why not', () => {
	const fake = useFakeServer();

	function connector(deps: Partial<ConnectorDeps> & { baseUrl?: string } = {}) {
		return createConnector({
			getKey: async () => TEST_KEY,
			settings: () => ({ baseUrl: deps.baseUrl ?? fake.server.url, maxRetries: 0 }),
			...deps,
		});
	}
	function failed(result: ConnectResult): ConnectFailure {
		assert.equal(result.ok, false, 'expected a failure');
		return result as ConnectFailure;
	}

	it('connects with the key and base URL: the client reaches the server with that key', async () => {
		const result = await connector()();
		assert.ok(result.ok);
		await result.connection.client.models.list({ limit: 1 });
		assert.equal(fake.server.requests[0].apiKey, TEST_KEY);
		assert.equal(result.connection.apiKey, TEST_KEY);
	});

	it('no key: reason noKey, the Set API Key wording, no cause', async () => {
		const f = failed(await connector({ getKey: async () => undefined })());
		assert.equal(f.reason, 'noKey');
		assert.equal(f.message, 'No API key. Set one with "Claude: Set API Key", then Retry; nothing was sent.');
		assert.equal(f.detail, undefined);
	});

	it('SecretStorage throws: keyStoreUnavailable, not "No API key", with the store\'s error as the cause', async () => {
		const f = failed(await connector({ getKey: () => Promise.reject(new Error('Cannot create an item in a locked collection')) })());
		assert.equal(f.reason, 'keyStoreUnavailable');
		assert.match(f.message, /^Could not read the API key: VS Code's secret storage is unavailable/);
		assert.doesNotMatch(f.message, /No API key/);
		assert.equal(f.detail, 'Error: Cannot create an item in a locked collection');
		assert.equal(describeConnectFailure(f), `keyStoreUnavailable: ${f.message} Cause: Error: Cannot create an item in a locked collection`);
	});

	it('the SDK bundle fails to load: sdkMissing, with the loader\'s error as the cause; the key never shows', async () => {
		const broken = () => Promise.reject(new Error(`Cannot find module './anthropic-sdk.js' (key ${TEST_KEY})`));
		const f = failed(await connector({ loadSdk: broken })());
		assert.equal(f.reason, 'sdkMissing');
		assert.match(f.message, /could not load its bundled Anthropic SDK \(dist\/anthropic-sdk\.js\), so nothing was sent/);
		assert.equal(f.detail, 'Error: Cannot find module \'./anthropic-sdk.js\' (key [redacted])');
		assert.equal(fake.server.requests.length, 0);
	});

	for (const bad of ['not a url', 'localhost:8080', 'ftp://example.com', 'https://']) {
		it(`base URL "${bad}": badBaseUrl naming the value, nothing sent, the SDK not even loaded`, async () => {
			let loads = 0;
			const f = failed(await connector({ baseUrl: bad, loadSdk: () => (loads++, loadSdk()) })());
			assert.equal(f.reason, 'badBaseUrl');
			assert.equal(f.message, `The base URL setting (claudeAssistant.baseUrl) "${bad}" is not a valid http(s) URL, so nothing was sent. Fix it in Settings, or clear it to use the Anthropic API.`);
			assert.match(f.detail ?? '', /TypeError/);
			assert.equal(loads, 0);
			assert.equal(fake.server.requests.length, 0);
		});
	}

	it('a key pasted into the base URL setting is not echoed back', async () => {
		const f = failed(await connectWithKey(TEST_KEY, { baseUrl: `key ${TEST_KEY}`, maxRetries: 0 }));
		assert.equal(f.reason, 'badBaseUrl');
		assert.ok(!f.message.includes(TEST_KEY), f.message);
		assert.ok(!describeConnectFailure(f).includes(TEST_KEY));
	});

	it('accepts empty (the SDK default) and http(s) URLs, dropping a trailing slash or /v1', () => {
		assert.deepEqual(checkBaseUrl(''), { ok: true, baseURL: undefined });
		assert.deepEqual(checkBaseUrl('  '), { ok: true, baseURL: undefined });
		assert.deepEqual(checkBaseUrl('https://gateway.example.com/anthropic/v1/'), { ok: true, baseURL: 'https://gateway.example.com/anthropic' });
		assert.deepEqual(checkBaseUrl(' http://127.0.0.1:8080 '), { ok: true, baseURL: 'http://127.0.0.1:8080' });
	});

	it('reuses the client (and its open connection) while the key and settings stay the same, and only then', async () => {
		const settings = { baseUrl: fake.server.url, maxRetries: 0 };
		const client = async (key: string, s = settings, options = {}) => {
			const result = await connectWithKey(key, s, options);
			assert.ok(result.ok);
			return result.connection.client;
		};
		const first = await client(TEST_KEY);
		assert.equal(await client(TEST_KEY), first, 'same key and settings: the same client');
		const otherKey = `${TEST_KEY}-rotated`;
		const rotated = await client(otherKey);
		assert.notEqual(rotated, first, 'a new key: a new client');
		await rotated.models.list({ limit: 1 }).catch(() => undefined);
		assert.equal(fake.server.requests.at(-1)?.apiKey, otherKey, 'the new key is the one sent');
		const again = await client(TEST_KEY);
		assert.notEqual(again, rotated);
		assert.notEqual(await client(TEST_KEY, { ...settings, maxRetries: 2 }), again, 'another retry setting: a new client');
		assert.notEqual(await client(TEST_KEY, { ...settings, maxRetries: 2 }, { timeoutMs: 5_000 }), again, 'another timeout: a new client');
		const sameUrl = await client(TEST_KEY, { ...settings, baseUrl: `${fake.server.url}/v1/` });
		assert.equal(await client(TEST_KEY, { ...settings, baseUrl: fake.server.url }), sameUrl, 'the same URL spelled differently: reused');
		const kept = await client(TEST_KEY, { ...settings, baseUrl: 'http://127.0.0.1:9' });
		assert.notEqual(kept, sameUrl, 'another base URL: a new client');
		failed(await connector({ getKey: async () => undefined })()); // the key was cleared
		assert.notEqual(await client(TEST_KEY, { ...settings, baseUrl: 'http://127.0.0.1:9' }), kept, 'no client outlives a cleared key');
	});

	it('the SDK loader keeps a loaded SDK but not a failed load: the next request tries again', async () => {
		const real = await loadSdk();
		let calls = 0;
		const load = sdkLoader((): Sdk => {
			calls++;
			if (calls === 1) {
				throw new Error('Cannot find module \'./anthropic-sdk.js\'');
			}
			return real;
		});
		await assert.rejects(load(), /Cannot find module/);
		assert.equal(await load(), real, 'the second request loads it');
		assert.equal(await load(), real);
		assert.equal(calls, 2, 'loaded once it worked');
	});
});
