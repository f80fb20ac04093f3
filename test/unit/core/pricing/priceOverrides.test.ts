import * as assert from 'node:assert/strict';
import { parsePriceOverrides } from '../../../../src/core/pricing/priceOverrides';
import { costUsd, listPrice, priceFor, setPriceOverrides } from '../../../../src/core/pricing/pricing';
import { EMPTY_USAGE } from '../../../../src/core/pricing/pricing';

const million = { ...EMPTY_USAGE, input: 1_000_000, output: 1_000_000, cacheRead: 1_000_000 };

describe('price overrides (claudeAssistant.pricing)', () => {
	afterEach(() => setPriceOverrides({}));

	it('prices a model the table does not know, with standard cache multipliers', () => {
		assert.equal(costUsd('claude-new-model', million), undefined);
		const { prices, errors } = parsePriceOverrides({ 'claude-new-model': { input: 4, output: 20 } }, listPrice);
		assert.deepEqual(errors, []);
		setPriceOverrides(prices);
		// 4 + 20 + 0.1 × 4
		assert.ok(Math.abs((costUsd('claude-new-model', million) ?? NaN) - 24.4) < 1e-9);
		assert.equal(priceFor('claude-new-model-20270101')?.cacheWrite1h, 8, 'dated ids resolve to the override too');
	});

	it('changes only the given rates of a listed model', () => {
		const { prices } = parsePriceOverrides({ 'claude-haiku-4-5': { output: 4 } }, listPrice);
		setPriceOverrides(prices);
		assert.equal(priceFor('claude-haiku-4-5')?.input, 1);
		assert.equal(priceFor('claude-haiku-4-5')?.output, 4);
		assert.equal(priceFor('claude-haiku-4-5')?.cacheRead, 0.1);
		setPriceOverrides({});
		assert.equal(priceFor('claude-haiku-4-5')?.output, 5, 'clearing the setting restores the list price');
	});

	it('rejects invalid entries whole, and keeps the valid ones', () => {
		const { prices, errors } = parsePriceOverrides({
			'claude-a': { input: -1, output: 2 },
			'claude-b': { input: 1 },
			'claude-c': { input: 1, output: 2, bogus: 3 },
			'claude-d': { input: 1, output: 2 },
		}, listPrice);
		assert.deepEqual(Object.keys(prices), ['claude-d']);
		assert.equal(errors.length, 3);
		assert.match(errors.join(' '), /claude-b: needs input and output/);
		assert.deepEqual(parsePriceOverrides(['x'], listPrice).errors.length, 1);
		assert.deepEqual(parsePriceOverrides(undefined, listPrice), { prices: {}, errors: [] });
	});
});
