import * as assert from 'node:assert/strict';
import type { TokenUsage } from '../../../../src/shared/protocol';
import { EMPTY_USAGE } from '../../../../src/core/pricing/pricing';
import { localDayKey, WindowUsage } from '../../../../src/core/usage/usage';

function usage(partial: Partial<TokenUsage>): TokenUsage {
	return { ...EMPTY_USAGE, ...partial };
}

function assertClose(actual: number | undefined, expected: number): void {
	assert.ok(actual !== undefined, `expected ${expected}, got undefined`);
	assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);
}

const NOV_24_NOON = new Date(2026, 10, 24, 12, 0, 0);

describe('usage: WindowUsage', () => {
	it('starts empty', () => {
		const tally = new WindowUsage({ now: () => NOV_24_NOON.getTime() });
		assert.equal(tally.last, undefined);
		assert.equal(tally.session.requests, 0);
		assert.equal(tally.session.costUsd, 0);
		assert.deepEqual(tally.session.byModel, []);
	});

	it('records the last request with its cost', () => {
		const tally = new WindowUsage({ now: () => NOV_24_NOON.getTime() });
		const rec = tally.record({ model: 'claude-haiku-4-5-20251001', usage: usage({ input: 1000, output: 200 }), command: 'explainSelection', apiRequestId: 'req_1' });
		assertClose(rec.costUsd, 0.001 + 0.001);
		assert.equal(rec.apiRequestId, 'req_1');
		assert.equal(rec.at, NOV_24_NOON.getTime());
		assert.equal(rec.batch, false);
		assert.deepEqual(tally.last, rec);
	});

	it('sums session totals by model and kind', () => {
		const tally = new WindowUsage({ now: () => NOV_24_NOON.getTime() });
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000 }), command: 'chat' });
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ output: 1_000_000, cacheRead: 1_000_000 }), command: 'chat' });
		tally.record({ model: 'claude-sonnet-4-6', usage: usage({ input: 1_000_000, cacheWrite1h: 1_000_000 }), command: 'summarizeFile' });
		const s = tally.session;
		assert.equal(s.requests, 3);
		assert.deepEqual(s.usage, { input: 2_000_000, output: 1_000_000, cacheWrite5m: 0, cacheWrite1h: 1_000_000, cacheRead: 1_000_000 });
		assertClose(s.costUsd, 1 + 5 + 0.1 + 3 + 6);
		assertClose(s.cost.cacheWrite1h, 6);
		assert.deepEqual(s.unknownCostModels, []);
		assert.deepEqual(s.byModel.map((m) => [m.model, m.requests]), [['claude-haiku-4-5', 2], ['claude-sonnet-4-6', 1]]);
		assertClose(s.byModel[0].costUsd, 6.1);
		assertClose(s.byModel[1].costUsd, 9);
	});

	it('keeps the cost the usage event carries instead of pricing the tokens again', () => {
		const tally = new WindowUsage({ now: () => NOV_24_NOON.getTime() });
		const cost = { input: 0.5, output: 0.25, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
		const rec = tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 10 }), command: 'chat', cost });
		assertClose(rec.costUsd, 0.75);
		assertClose(tally.session.costUsd, 0.75);
		const unknown = tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 10 }), command: 'chat', cost: undefined });
		assert.equal(unknown.costUsd, undefined, 'an event without a price stays unknown');
	});

	it('halves batch requests', () => {
		const tally = new WindowUsage({ now: () => NOV_24_NOON.getTime() });
		const rec = tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000, output: 1_000_000 }), command: 'batch', batch: true });
		assertClose(rec.costUsd, 3);
		assert.equal(rec.batch, true);
	});

	it('keeps the known part of the cost and lists models without a price', () => {
		const tally = new WindowUsage({ now: () => NOV_24_NOON.getTime() });
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000 }), command: 'chat' });
		const rec = tally.record({ model: 'claude-fable-5-2', usage: usage({ input: 5000, output: 100 }), command: 'chat' });
		assert.equal(rec.costUsd, undefined);
		assert.equal(rec.cost, undefined);
		const s = tally.session;
		assertClose(s.costUsd, 1);
		assert.deepEqual(s.unknownCostModels, ['claude-fable-5-2']);
		assert.equal(s.byModel[1].costUsd, undefined);
		assert.equal(s.byModel[1].usage.input, 5000);
		assert.equal(s.usage.input, 1_005_000);
	});

	it('does not let callers change the tally through returned totals', () => {
		const tally = new WindowUsage({ now: () => NOV_24_NOON.getTime() });
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 10 }), command: 'chat' });
		tally.session.usage.input = 999;
		tally.session.byModel[0].requests = 50;
		assert.equal(tally.session.usage.input, 10);
		assert.equal(tally.session.byModel[0].requests, 1);
	});

	it('formats the day key from local calendar fields', () => {
		assert.equal(localDayKey(new Date(2026, 0, 5, 0, 0, 0).getTime()), '2026-01-05');
		assert.equal(localDayKey(new Date(2026, 11, 31, 23, 59, 59).getTime()), '2026-12-31');
	});
});
