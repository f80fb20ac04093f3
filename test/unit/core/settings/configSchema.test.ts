import * as assert from 'node:assert/strict';
import { CONFIG_DEFAULTS, modelFor, normalizeConfig } from '../../../../src/core/settings/configSchema';

describe('settings normalization', () => {
	it('falls back to the defaults for missing or wrongly typed values', () => {
		assert.deepEqual(normalizeConfig({}), CONFIG_DEFAULTS);
		assert.deepEqual(normalizeConfig({ maxTokens: 'lots', maxRetries: 2.5, model: 42, baseUrl: null, commandModels: 'x' }), CONFIG_DEFAULTS);
	});

	it('clamps numbers to the declared bounds and trims strings', () => {
		const c = normalizeConfig({ maxTokens: 10_000_000, maxRetries: -3, baseUrl: '  http://127.0.0.1:9/ ', model: ' claude-opus-5-5 ' });
		assert.equal(c.maxTokens, 128_000);
		assert.equal(c.maxRetries, 0);
		assert.equal(c.baseUrl, 'http://127.0.0.1:9/');
		assert.equal(c.model, 'claude-opus-5-5');
	});

	it('uses the Haiku tier for explain and summarize and the chat model for chat by default', () => {
		const c = normalizeConfig({});
		assert.equal(modelFor(c, 'explainSelection'), 'claude-haiku-5-5');
		assert.equal(modelFor(c, 'summarizeFile'), 'claude-haiku-5-5');
		assert.equal(modelFor(c, 'chat'), 'claude-sonnet-5-5');
	});

	it('defaults docs to Haiku, fix and tests to the chat model (Sonnet) and Ask Opus to Opus', () => {
		const c = normalizeConfig({});
		assert.equal(modelFor(c, 'addDocs'), 'claude-haiku-5-5');
		assert.equal(modelFor(c, 'fixSelection'), 'claude-sonnet-5-5');
		assert.equal(modelFor(c, 'writeTests'), 'claude-sonnet-5-5');
		assert.equal(modelFor(c, 'askOpus'), 'claude-opus-5-5');
		const custom = normalizeConfig({ model: 'claude-sonnet-4-6', commandModels: { fixSelection: 'claude-opus-5-5', askOpus: ' ', writeTests: 7 } });
		assert.equal(modelFor(custom, 'fixSelection'), 'claude-opus-5-5');
		assert.equal(modelFor(custom, 'writeTests'), 'claude-sonnet-4-6', 'follows the chat model');
		assert.equal(modelFor(custom, 'askOpus'), 'claude-opus-5-5', 'a blank entry keeps the default');
	});

	it('lets a per-command model override the tier, ignoring blank entries', () => {
		const c = normalizeConfig({ commandModels: { explainSelection: 'claude-opus-5-5', summarizeFile: '  ', chat: 'claude-haiku-4-5' } });
		assert.equal(modelFor(c, 'explainSelection'), 'claude-opus-5-5');
		assert.equal(modelFor(c, 'summarizeFile'), 'claude-haiku-5-5');
		assert.equal(modelFor(c, 'chat'), 'claude-haiku-4-5');
	});
});
