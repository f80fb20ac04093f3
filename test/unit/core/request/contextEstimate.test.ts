import * as assert from 'node:assert/strict';
import { contextWindow, estimatePlan, estimateText, inputCostUsd, windowRefusal } from '../../../../src/core/request/contextEstimate';

describe('context estimate and window', () => {
	it('knows the windows of current and legacy models, and admits not knowing others', () => {
		assert.equal(contextWindow('claude-sonnet-5-5'), 1_000_000);
		assert.equal(contextWindow('claude-opus-4-6'), 1_000_000);
		assert.equal(contextWindow('claude-haiku-4-5-20251001'), 200_000);
		assert.equal(contextWindow('claude-sonnet-4-5'), 200_000);
		assert.equal(contextWindow('my-proxy-model'), undefined);
	});

	it('asks to confirm only when the new content reaches the threshold, and counts near the window', () => {
		const base = { model: 'claude-haiku-4-5', maxTokens: 4096, totalTokens: 10_000, confirmAboveTokens: 20_000 };
		assert.deepEqual(estimatePlan({ ...base, newTokens: 19_999 }), { count: false, confirm: false });
		assert.deepEqual(estimatePlan({ ...base, newTokens: 20_000 }), { count: true, confirm: true });
		assert.deepEqual(estimatePlan({ ...base, newTokens: 50_000, confirmAboveTokens: 0 }), { count: false, confirm: false }, '0 = never ask');
		assert.deepEqual(estimatePlan({ ...base, newTokens: 10, totalTokens: 160_000 }), { count: true, confirm: false }, 'within 80% of 200k: count');
	});

	it('refuses what cannot fit, counting room for the answer', () => {
		assert.equal(windowRefusal('claude-haiku-4-5', 195_904, 4096), undefined, 'exactly full fits');
		const refusal = windowRefusal('claude-haiku-4-5', 195_905, 4096);
		assert.equal(refusal?.kind, 'tooLarge');
		assert.equal(refusal?.retryable, false);
		assert.match(refusal?.message ?? '', /≈ 196k tokens.*4.1k-token answer.*claude-haiku-4-5's 200k-token context window\. Nothing was sent\./);
		assert.equal(windowRefusal('unknown-model', 5_000_000, 4096), undefined);
	});

	it('prices the estimate at the uncached input rate and says how it was counted', () => {
		assert.equal(inputCostUsd('claude-sonnet-5-5', 48_000), 0.096);
		assert.equal(inputCostUsd('mystery', 48_000), undefined);
		assert.equal(estimateText({ model: 'claude-sonnet-5-5', tokens: 48_000, exact: true, costUsd: 0.096 }),
			'Large request: ≈ 48k input tokens ≈ $0.096 to claude-sonnet-5-5 (counted by the API; before cache discounts, plus the answer). Send it?');
		assert.match(estimateText({ model: 'mystery', tokens: 48_000, exact: false }), /cost unknown to mystery \(estimated locally;/);
	});
});
