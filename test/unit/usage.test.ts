import * as assert from 'node:assert/strict';
import type { TokenUsage } from '../../src/shared/protocol';
import { EMPTY_USAGE } from '../../src/core/pricing';
import { localDayKey, UsageLedger, type DayTotals } from '../../src/core/usage';

function usage(partial: Partial<TokenUsage>): TokenUsage {
	return { ...EMPTY_USAGE, ...partial };
}

function assertClose(actual: number | undefined, expected: number): void {
	assert.ok(actual !== undefined, `expected ${expected}, got undefined`);
	assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);
}

/** A settable clock; local-time construction keeps the tests independent of the machine's time zone. */
function fakeClock(start: Date): { now: () => number; set(d: Date): void } {
	let t = start.getTime();
	return { now: () => t, set: (d: Date) => { t = d.getTime(); } };
}

const NOV_24_NOON = new Date(2026, 10, 24, 12, 0, 0);

describe('usage: UsageLedger', () => {
	it('starts empty', () => {
		const ledger = new UsageLedger({ now: () => NOV_24_NOON.getTime() });
		assert.equal(ledger.last, undefined);
		assert.equal(ledger.session.requests, 0);
		assert.equal(ledger.session.costUsd, 0);
		assert.deepEqual(ledger.today.byModel, []);
	});

	it('records the last request with its cost', () => {
		const ledger = new UsageLedger({ now: () => NOV_24_NOON.getTime() });
		const rec = ledger.record({ model: 'claude-haiku-4-5-20251001', usage: usage({ input: 1000, output: 200 }), command: 'explainSelection', requestId: 'req_1' });
		assertClose(rec.costUsd, 0.001 + 0.001);
		assert.equal(rec.requestId, 'req_1');
		assert.equal(rec.at, NOV_24_NOON.getTime());
		assert.equal(rec.batch, false);
		assert.deepEqual(ledger.last, rec);
	});

	it('sums session totals by model and kind', () => {
		const ledger = new UsageLedger({ now: () => NOV_24_NOON.getTime() });
		ledger.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000 }), command: 'chat' });
		ledger.record({ model: 'claude-haiku-4-5', usage: usage({ output: 1_000_000, cacheRead: 1_000_000 }), command: 'chat' });
		ledger.record({ model: 'claude-sonnet-4-6', usage: usage({ input: 1_000_000, cacheWrite1h: 1_000_000 }), command: 'summarizeFile' });
		const s = ledger.session;
		assert.equal(s.requests, 3);
		assert.deepEqual(s.usage, { input: 2_000_000, output: 1_000_000, cacheWrite5m: 0, cacheWrite1h: 1_000_000, cacheRead: 1_000_000 });
		assertClose(s.costUsd, 1 + 5 + 0.1 + 3 + 6);
		assertClose(s.cost.cacheWrite1h, 6);
		assert.deepEqual(s.unknownCostModels, []);
		assert.deepEqual(s.byModel.map((m) => [m.model, m.requests]), [['claude-haiku-4-5', 2], ['claude-sonnet-4-6', 1]]);
		assertClose(s.byModel[0].costUsd, 6.1);
		assertClose(s.byModel[1].costUsd, 9);
	});

	it('halves batch requests', () => {
		const ledger = new UsageLedger({ now: () => NOV_24_NOON.getTime() });
		const rec = ledger.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000, output: 1_000_000 }), command: 'batch', batch: true });
		assertClose(rec.costUsd, 3);
		assert.equal(rec.batch, true);
	});

	it('keeps the known part of the cost and lists models without a price', () => {
		const ledger = new UsageLedger({ now: () => NOV_24_NOON.getTime() });
		ledger.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000 }), command: 'chat' });
		const rec = ledger.record({ model: 'claude-fable-5-2', usage: usage({ input: 5000, output: 100 }), command: 'chat' });
		assert.equal(rec.costUsd, undefined);
		assert.equal(rec.cost, undefined);
		const s = ledger.session;
		assertClose(s.costUsd, 1);
		assert.deepEqual(s.unknownCostModels, ['claude-fable-5-2']);
		assert.equal(s.byModel[1].costUsd, undefined);
		assert.equal(s.byModel[1].usage.input, 5000);
		assert.equal(s.usage.input, 1_005_000);
	});

	it('does not let callers change the ledger through returned totals', () => {
		const ledger = new UsageLedger({ now: () => NOV_24_NOON.getTime() });
		ledger.record({ model: 'claude-haiku-4-5', usage: usage({ input: 10 }), command: 'chat' });
		ledger.session.usage.input = 999;
		ledger.today.byModel[0].requests = 50;
		assert.equal(ledger.session.usage.input, 10);
		assert.equal(ledger.today.byModel[0].requests, 1);
	});

	it('resets today at local midnight but keeps the session', () => {
		const clock = fakeClock(new Date(2026, 10, 24, 23, 59, 0));
		const ledger = new UsageLedger({ now: clock.now });
		ledger.record({ model: 'claude-haiku-4-5', usage: usage({ input: 100 }), command: 'chat' });
		assert.equal(ledger.today.requests, 1);
		clock.set(new Date(2026, 10, 25, 0, 1, 0));
		assert.equal(ledger.today.requests, 0, 'today rolls over even before a new request');
		ledger.record({ model: 'claude-haiku-4-5', usage: usage({ input: 50 }), command: 'chat' });
		assert.equal(ledger.today.requests, 1);
		assert.equal(ledger.today.usage.input, 50);
		assert.equal(ledger.session.requests, 2);
		assert.equal(ledger.session.usage.input, 150);
		assert.equal(ledger.toDayTotals().day, '2026-11-25');
	});

	it('persists today as JSON and restores it on the same day', () => {
		const clock = fakeClock(new Date(2026, 10, 24, 9, 0, 0));
		const first = new UsageLedger({ now: clock.now });
		first.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000 }), command: 'chat' });
		first.record({ model: 'mystery-model', usage: usage({ input: 7 }), command: 'chat' });
		const stored = JSON.parse(JSON.stringify(first.toDayTotals())) as DayTotals;
		assert.equal(stored.day, '2026-11-24');
		clock.set(new Date(2026, 10, 24, 18, 0, 0));
		const second = new UsageLedger({ now: clock.now, initialDay: stored });
		assert.equal(second.today.requests, 2);
		assertClose(second.today.costUsd, 1);
		assert.deepEqual(second.today.unknownCostModels, ['mystery-model']);
		assert.equal(second.session.requests, 0, 'the session starts fresh');
		second.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000 }), command: 'chat' });
		assertClose(second.today.costUsd, 2);
	});

	it('ignores restored totals from another day', () => {
		const yesterday = new UsageLedger({ now: () => new Date(2026, 10, 23, 20, 0, 0).getTime() });
		yesterday.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1000 }), command: 'chat' });
		const ledger = new UsageLedger({ now: () => NOV_24_NOON.getTime(), initialDay: yesterday.toDayTotals() });
		assert.equal(ledger.today.requests, 0);
		assert.equal(ledger.toDayTotals().day, '2026-11-24');
	});

	it('ignores malformed restored totals', () => {
		const bad: unknown[] = [
			'nonsense',
			{ version: 1, day: '2026-11-24' },
			{ version: 2, day: '2026-11-24', totals: { requests: 1 } },
			{ version: 1, day: '2026-11-24', totals: { requests: 'many', usage: { ...EMPTY_USAGE }, cost: { ...EMPTY_USAGE }, costUsd: 0, unknownCostModels: [], byModel: [] } },
			{ version: 1, day: '2026-11-24', totals: { requests: 1, usage: { ...EMPTY_USAGE, input: -1 }, cost: { ...EMPTY_USAGE }, costUsd: 0, unknownCostModels: [], byModel: [] } },
			{ version: 1, day: '2026-11-24', totals: { requests: 1, usage: { ...EMPTY_USAGE }, cost: { ...EMPTY_USAGE }, costUsd: 0, unknownCostModels: [], byModel: [{ model: 42 }] } },
		];
		for (const initialDay of bad) {
			const ledger = new UsageLedger({ now: () => NOV_24_NOON.getTime(), initialDay: initialDay as DayTotals });
			assert.equal(ledger.today.requests, 0, JSON.stringify(initialDay));
		}
	});

	it('formats the day key from local calendar fields', () => {
		assert.equal(localDayKey(new Date(2026, 0, 5, 0, 0, 0).getTime()), '2026-01-05');
		assert.equal(localDayKey(new Date(2026, 11, 31, 23, 59, 59).getTime()), '2026-12-31');
	});
});
