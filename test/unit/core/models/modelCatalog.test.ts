import * as assert from 'node:assert/strict';
import { MODEL_LIST_MAX_AGE_MS, ModelCatalog, modelOptions, parseModelListCache } from '../../../../src/core/models/modelCatalog';
import { knownModelIds } from '../../../../src/core/pricing/pricing';
import { MemoryLogger } from '../../fakes/memoryLogger';
import { TEST_KEY, testConnector, useFakeServer } from '../../fakes/testSession';

describe('ModelCatalog: the picker\'s models from GET /v1/models (real SDK ↔ fake server), cached a day', () => {
	const fake = useFakeServer();
	let stored: unknown;
	let clock: number;
	let key: string | undefined;
	let baseUrl: string;
	let logger: MemoryLogger;

	const catalog = () => new ModelCatalog({
		connect: () => testConnector({ baseUrl: () => baseUrl, key: () => key })({ maxRetries: 0, timeoutMs: 2_000 }),
		cache: { get: () => stored, set: async (value) => { stored = JSON.parse(JSON.stringify(value)); } },
		baseUrl: () => baseUrl,
		logger,
		now: () => clock,
	});
	const listCalls = () => fake.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/models').length;

	beforeEach(() => {
		stored = undefined;
		clock = 1_000_000;
		key = TEST_KEY;
		baseUrl = fake.server.url;
		logger = new MemoryLogger();
	});

	it('offers the built-in list (the pricing table) before anything was fetched', () => {
		assert.deepEqual(catalog().models(), { ids: knownModelIds(), source: 'builtin' });
	});

	it('fetches every model the API lists, caches it with a timestamp, and does not fetch again within a day', async () => {
		const models = catalog();
		assert.equal(await models.refresh(), true);
		const { ids, source } = models.models();
		assert.equal(source, 'api');
		assert.equal(ids[0], 'claude-opus-5-5', 'newest first, as the API lists them');
		assert.ok(ids.includes('claude-sonnet-4-5'));
		assert.ok(!ids.includes('claude-mythos-5-1'), 'not the built-in list');
		assert.deepEqual(parseModelListCache(stored), { fetchedAt: clock, baseUrl, models: ids });
		assert.equal(listCalls(), 1);
		assert.equal(fake.server.requests[0].apiKey, TEST_KEY);

		clock += MODEL_LIST_MAX_AGE_MS - 1;
		assert.equal(await catalog().refresh(), false, 'a new catalog (a new window) reuses the cached list');
		assert.equal(listCalls(), 1);
		clock += 2;
		assert.equal(await catalog().refresh(), false, 'a day later it is fetched again (unchanged)');
		assert.equal(listCalls(), 2);
	});

	it('refetches for another endpoint, and concurrent refreshes make one call', async () => {
		await catalog().refresh();
		baseUrl = `${fake.server.url}/`;
		const models = catalog();
		assert.equal(models.models().source, 'builtin', 'a list from another endpoint is not reused');
		await Promise.all([models.refresh(), models.refresh()]);
		assert.equal(listCalls(), 2);
	});

	it('keeps the built-in list without a key, with a rejected key, and offline', async () => {
		key = undefined;
		assert.equal(await catalog().refresh(), false);
		assert.equal(listCalls(), 0);
		key = 'sk-ant-wrong';
		assert.equal(await catalog().refresh(), false);
		assert.equal(catalog().models().source, 'builtin');
		key = TEST_KEY;
		baseUrl = 'http://127.0.0.1:9';
		assert.equal(await catalog().refresh(), false);
		assert.deepEqual(catalog().models().ids, knownModelIds());
		assert.equal(logger.at('warn').length, 2, logger.lines.join('\n'));
	});

	it('says in the log what stood in the way (a bad base URL, the key store), without the key; no key is not worth a line', async () => {
		key = undefined;
		await catalog().refresh();
		assert.equal(logger.lines.length, 0, 'no key yet is normal');
		key = TEST_KEY;
		baseUrl = 'not a url';
		assert.equal(await catalog().refresh(), false);
		assert.equal(listCalls(), 0);
		assert.equal(catalog().models().source, 'builtin');
		const [line, ...more] = logger.at('warn');
		assert.deepEqual(more, []);
		assert.match(line, /^warn \[models\] could not list models \(badBaseUrl: The base URL setting \(claudeAssistant\.baseUrl\) "not a url" is not a valid http\(s\) URL.* Cause: TypeError: Invalid URL\); using the built-in list$/);
		const locked = new ModelCatalog({
			connect: () => testConnector({ baseUrl: () => fake.server.url, key: () => { throw new Error(`keyring locked for ${TEST_KEY}`); } })(),
			cache: { get: () => undefined, set: async () => undefined },
			baseUrl: () => fake.server.url,
			logger,
		});
		assert.equal(await locked.refresh(), false);
		assert.match(logger.at('warn')[1], /keyStoreUnavailable: .* Cause: Error: keyring locked for sk-ant-\[redacted\]\)/);
		assert.ok(!logger.lines.some((l) => l.includes(TEST_KEY)));
	});

	it('labels each model with its price per MTok, marks the default, and always offers the selected model', () => {
		const options = modelOptions(['claude-sonnet-5-5', 'claude-haiku-5-5'], 'my-custom-model', 'claude-sonnet-5-5');
		assert.deepEqual(options, [
			{ id: 'my-custom-model', label: 'my-custom-model — price unknown' },
			{ id: 'claude-sonnet-5-5', label: 'claude-sonnet-5-5 — $2 / $10 per MTok · default' },
			{ id: 'claude-haiku-5-5', label: 'claude-haiku-5-5 — $0.10 / $0.50 per MTok' },
		]);
		assert.equal(parseModelListCache({ fetchedAt: 1, baseUrl: '', models: [] }), undefined, 'an empty list is no list');
	});
});
