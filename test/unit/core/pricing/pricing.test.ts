import * as assert from 'node:assert/strict';
import type { TokenUsage } from '../../../../src/shared/protocol';
import { addUsage, costBreakdownUsd, costUsd, EMPTY_USAGE, fromApiUsage, normalizeModelId, priceFor, PRICING_AS_OF } from '../../../../src/core/pricing/pricing';

const M = 1_000_000;

function usage(partial: Partial<TokenUsage>): TokenUsage {
	return { ...EMPTY_USAGE, ...partial };
}

function assertClose(actual: number | undefined, expected: number): void {
	assert.ok(actual !== undefined, `expected ${expected}, got undefined`);
	assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);
}

const ALL_KINDS = usage({ input: M, output: M, cacheWrite5m: M, cacheWrite1h: M, cacheRead: M });

describe('pricing: the price table', () => {
	it('states its date', () => assert.equal(PRICING_AS_OF, '2026-11'));

	const models = [
		'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5-1', 'claude-mythos-5-1', 'claude-opus-5',
		'claude-sonnet-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5', 'claude-sonnet-4-6',
		'claude-sonnet-4-5', 'claude-haiku-4-5',
	];
	for (const model of models) {
		it(`has a price for ${model}`, () => {
			const p = priceFor(model);
			assert.ok(p);
			assert.equal(p.batchDiscount, 0.5);
			assert.ok(p.input > 0 && p.output > p.input && p.cacheRead < p.input);
		});
	}

	it('prices Haiku 4.5 at 1 / 5 / 1.25 / 2 / 0.1 per MTok: all kinds at 1M tokens = $9.35', () => {
		assertClose(costUsd('claude-haiku-4-5', ALL_KINDS), 1 + 1.25 + 2 + 0.1 + 5);
	});

	it('prices Sonnet 5.5 with its cut cache read ($0.10)', () => {
		assertClose(costUsd('claude-sonnet-5-5', ALL_KINDS), 2 + 10 + 2.5 + 4 + 0.1);
		assertClose(costUsd('claude-sonnet-5-5', usage({ cacheRead: M })), 0.1);
	});

	it('prices Opus 5.5 at $4/$20 with a 0.05× read ($0.20)', () => {
		assertClose(costUsd('claude-opus-5-5', ALL_KINDS), 4 + 20 + 5 + 8 + 0.2);
	});

	it('prices Fable and Mythos 5.1 at 10 / 50 / 12.50 / 20 / 0.25', () => {
		assertClose(costUsd('claude-fable-5-1', ALL_KINDS), 10 + 50 + 12.5 + 20 + 0.25);
		assertClose(costUsd('claude-mythos-5-1', ALL_KINDS), 92.75);
	});

	it('prices Opus 4.6 and Sonnet 4.6 with the standard multipliers', () => {
		assertClose(costUsd('claude-opus-4-6', ALL_KINDS), 5 + 25 + 6.25 + 10 + 0.5);
		assertClose(costUsd('claude-sonnet-4-6', ALL_KINDS), 3 + 15 + 3.75 + 6 + 0.3);
	});

	it('computes realistic small requests exactly', () => {
		// 1,234 input + 567 output on Haiku 4.5 = 0.001234 + 0.002835
		assertClose(costUsd('claude-haiku-4-5', usage({ input: 1234, output: 567 })), 0.004069);
	});

	it('splits cost by token kind', () => {
		const cost = costBreakdownUsd('claude-haiku-4-5', ALL_KINDS);
		assert.deepEqual(cost, { input: 1, output: 5, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 });
	});
});

describe('pricing: model ids', () => {
	it('strips a trailing -YYYYMMDD snapshot date', () => {
		assert.equal(normalizeModelId('claude-haiku-4-5-20251001'), 'claude-haiku-4-5');
		assert.deepEqual(priceFor('claude-haiku-4-5-20251001'), priceFor('claude-haiku-4-5'));
		assertClose(costUsd('claude-sonnet-4-5-20250929', usage({ input: M })), 3);
		assertClose(costUsd('claude-opus-4-5-20251101', usage({ output: M })), 25);
	});

	it('does not strip numbers that are part of the model name', () => {
		assert.equal(normalizeModelId('claude-opus-4-5'), 'claude-opus-4-5');
		assert.equal(priceFor('claude-opus-4-5')?.input, 5);
	});

	it('returns undefined for unknown models instead of inventing a price', () => {
		assert.equal(priceFor('claude-fable-5-2'), undefined);
		assert.equal(costUsd('claude-fable-5-2', ALL_KINDS), undefined);
		assert.equal(costUsd('gpt-5', usage({ input: 10 })), undefined);
		assert.equal(costUsd('toString', usage({ input: 10 })), undefined);
		assert.equal(costUsd('__proto__', usage({ input: 10 })), undefined);
	});
});

describe('pricing: batch and long-context tiers', () => {
	it('halves every kind for batch requests', () => {
		assertClose(costUsd('claude-haiku-4-5', ALL_KINDS, { batch: true }), 9.35 / 2);
		assertClose(costUsd('claude-opus-5-5', usage({ input: M, output: M }), { batch: true }), 12);
		assertClose(costUsd('claude-haiku-4-5', ALL_KINDS, { batch: false }), 9.35);
	});

	it('bills Haiku 5.5 at the small-prompt tier up to 100k prompt tokens', () => {
		// exactly 100,000 prompt tokens: 100k × $0.10 + 1,000 output × $0.50
		assertClose(costUsd('claude-haiku-5-5', usage({ input: 100_000, output: 1000 })), 0.01 + 0.0005);
		assertClose(costUsd('claude-haiku-5-5', usage({ cacheWrite5m: 50_000, cacheWrite1h: 25_000, cacheRead: 25_000 })),
			0.05 * 0.125 + 0.025 * 0.2 + 0.025 * 0.01);
	});

	it('switches Haiku 5.5 to the long-context tier above 100k prompt tokens', () => {
		assertClose(costUsd('claude-haiku-5-5', usage({ input: 100_001, output: 1000 })), (100_001 * 0.5) / M + 0.0025);
	});

	it('decides the tier on input + cache writes + cache reads together', () => {
		// 40k input + 30k 5m + 20k 1h + 20k read = 110k > 100k → long tier: 0.5 / 0.625 / 1 / 0.05 per MTok
		const u = usage({ input: 40_000, cacheWrite5m: 30_000, cacheWrite1h: 20_000, cacheRead: 20_000, output: 2000 });
		assertClose(costUsd('claude-haiku-5-5', u), 0.04 * 0.5 + 0.03 * 0.625 + 0.02 * 1 + 0.02 * 0.05 + 0.002 * 2.5);
	});

	it('applies batch on top of the long-context tier', () => {
		assertClose(costUsd('claude-haiku-5-5', usage({ input: 200_000 }), { batch: true }), 0.05);
	});
});

describe('pricing: fromApiUsage', () => {
	it('converts a full usage object with a cache breakdown', () => {
		assert.deepEqual(fromApiUsage({
			input_tokens: 12, output_tokens: 34, cache_creation_input_tokens: 300, cache_read_input_tokens: 56,
			cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 }, service_tier: 'standard',
		}), { input: 12, output: 34, cacheWrite5m: 100, cacheWrite1h: 200, cacheRead: 56 });
	});

	it('counts all cache writes as 5-minute writes when the breakdown is absent or null', () => {
		assert.deepEqual(fromApiUsage({ input_tokens: 1, output_tokens: 2, cache_creation_input_tokens: 70, cache_read_input_tokens: 3 }),
			{ input: 1, output: 2, cacheWrite5m: 70, cacheWrite1h: 0, cacheRead: 3 });
		assert.deepEqual(fromApiUsage({ input_tokens: 1, output_tokens: 2, cache_creation_input_tokens: 70, cache_creation: null }),
			{ input: 1, output: 2, cacheWrite5m: 70, cacheWrite1h: 0, cacheRead: 0 });
	});

	it('keeps written tokens the breakdown does not account for, as 5-minute writes', () => {
		assert.deepEqual(fromApiUsage({ cache_creation_input_tokens: 100, cache_creation: { ephemeral_1h_input_tokens: 60 } }),
			{ input: 0, output: 0, cacheWrite5m: 40, cacheWrite1h: 60, cacheRead: 0 });
	});

	it('treats null, missing and garbage fields as zero', () => {
		assert.deepEqual(fromApiUsage({ input_tokens: 5, output_tokens: null, cache_creation_input_tokens: null, cache_read_input_tokens: 'x' }),
			{ input: 5, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 });
		assert.deepEqual(fromApiUsage(undefined), EMPTY_USAGE);
		assert.deepEqual(fromApiUsage(null), EMPTY_USAGE);
		assert.deepEqual(fromApiUsage({ input_tokens: -4, output_tokens: Number.NaN }), EMPTY_USAGE);
	});
});

describe('pricing: addUsage and EMPTY_USAGE', () => {
	it('adds kind by kind', () => {
		assert.deepEqual(addUsage(usage({ input: 1, output: 2, cacheWrite5m: 3, cacheWrite1h: 4, cacheRead: 5 }),
			usage({ input: 10, output: 20, cacheWrite5m: 30, cacheWrite1h: 40, cacheRead: 50 })),
		{ input: 11, output: 22, cacheWrite5m: 33, cacheWrite1h: 44, cacheRead: 55 });
	});

	it('keeps EMPTY_USAGE zero and frozen', () => {
		assert.deepEqual(EMPTY_USAGE, { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 });
		assert.ok(Object.isFrozen(EMPTY_USAGE));
		const sum = addUsage(EMPTY_USAGE, usage({ input: 3 }));
		assert.equal(sum.input, 3);
		assert.equal(EMPTY_USAGE.input, 0);
	});
});
