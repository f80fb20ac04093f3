import * as assert from 'node:assert/strict';
import { CONFIG_DEFAULTS, modelFor, normalizeConfig } from '../../src/core/configSchema';

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

	it('lets a per-command model override the tier, ignoring blank entries', () => {
		const c = normalizeConfig({ commandModels: { explainSelection: 'claude-opus-5-5', summarizeFile: '  ', chat: 'claude-haiku-4-5' } });
		assert.equal(modelFor(c, 'explainSelection'), 'claude-opus-5-5');
		assert.equal(modelFor(c, 'summarizeFile'), 'claude-haiku-5-5');
		assert.equal(modelFor(c, 'chat'), 'claude-haiku-4-5');
	});
});
