import * as assert from 'node:assert/strict';
import { aggregateDashboard, dayKeys, DEFAULT_DASHBOARD_DAYS } from '../../../../src/core/usage/usageDashboard';
import type { LedgerLine } from '../../../../src/core/usage/usageLedgerLine';
import { costUsd } from '../../../../src/core/pricing/pricing';

/** 2026-11-24 15:00 local time: "today" in every example below, whatever the machine's zone. */
const NOW = new Date(2026, 10, 24, 15, 0).getTime();

/** A ledger line recorded at local `y-m-d h:min` (month 1-based), zero tokens unless given. */
function line(at: [number, number, number, number, number], partial: Partial<LedgerLine> = {}): LedgerLine {
	const [y, m, d, h, min] = at;
	return {
		time: new Date(y, m - 1, d, h, min).toISOString(), requestId: 'req', command: 'chat', model: 'claude-sonnet-5-5',
		input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, costUsd: 0, ...partial,
	};
}

function withTz<T>(tz: string, fn: () => T): T {
	const old = process.env.TZ;
	process.env.TZ = tz;
	try {
		return fn();
	} finally {
		if (old === undefined) {
			delete process.env.TZ;
		} else {
			process.env.TZ = old;
		}
	}
}

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≈ ${b}`);

describe('usageDashboard: aggregateDashboard', () => {
	// Worked example: two requests today, one late yesterday, one unpriced three days ago, one just outside the
	// 30-day window and one "tomorrow" (a wrong clock).
	const lines = [
		line([2026, 11, 24, 9, 0], { input: 1000, output: 200, cacheWrite5m: 100, cacheRead: 700, costUsd: 0.005 }),
		line([2026, 11, 24, 10, 0], { command: 'explainSelection', model: 'claude-haiku-5-5', input: 500, output: 100, costUsd: 0.001 }),
		line([2026, 11, 23, 23, 30], { input: 2000, cacheWrite1h: 300, costUsd: 0.01 }),
		line([2026, 11, 21, 12, 0], { command: 'summarizeFile', model: 'claude-unknown-9', input: 100, output: 10, costUsd: null }),
		line([2026, 10, 25, 12, 0], { input: 99_999, costUsd: 9 }),
		line([2026, 11, 25, 8, 0], { input: 99_999, costUsd: 9 }),
	];
	const data = aggregateDashboard(lines, { now: NOW });

	it('covers the last 30 local days, oldest first, ending today, with empty days as zeros', () => {
		assert.equal(DEFAULT_DASHBOARD_DAYS, 30);
		assert.equal(data.days.length, 30);
		assert.equal(data.days[0].day, '2026-10-26');
		assert.equal(data.days[29].day, '2026-11-24');
		assert.deepEqual(data.days[10], { day: '2026-11-05', byModel: {}, tokens: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 }, requests: 0 });
	});

	it('sums cost per day by model and tokens per day by kind (both cache-write lifetimes together)', () => {
		const today = data.days[29];
		assert.equal(today.requests, 2);
		assert.deepEqual(today.byModel, { 'claude-sonnet-5-5': 0.005, 'claude-haiku-5-5': 0.001 });
		assert.deepEqual(today.tokens, { input: 1500, output: 300, cacheWrite: 100, cacheRead: 700 });
		const yesterday = data.days[28];
		assert.deepEqual(yesterday.byModel, { 'claude-sonnet-5-5': 0.01 });
		assert.deepEqual(yesterday.tokens, { input: 2000, output: 0, cacheWrite: 300, cacheRead: 0 });
	});

	it('counts an unknown price as a request with unknown cost, never as spend', () => {
		const day = data.days.find((d) => d.day === '2026-11-21');
		assert.deepEqual(day?.byModel, { 'claude-unknown-9': 0 });
		assert.equal(day?.requests, 1);
		assert.equal(data.totals.requests, 4);
		close(data.totals.costUsd, 0.016);
		assert.equal(data.totals.unknownCostRequests, 1);
	});

	it('shows batch spend and what batching saved against the interactive price', () => {
		assert.deepEqual([data.totals.batchUsd, data.totals.batchSavedUsd], [0, 0], 'no batch lines: nothing');
		const usage = { input: 10_000, output: 2000, cacheWrite5m: 0, cacheWrite1h: 1000, cacheRead: 4000 };
		const interactive = costUsd('claude-sonnet-5-5', usage) ?? NaN;
		const billed = costUsd('claude-sonnet-5-5', usage, { batch: true }) ?? NaN;
		const withBatch = aggregateDashboard([
			...lines,
			line([2026, 11, 24, 11, 0], { command: 'batchReview', serviceTier: 'batch', ...usage, costUsd: billed }),
			line([2026, 11, 24, 11, 0], { command: 'batchReview', serviceTier: 'batch', model: 'claude-unknown-9', costUsd: null }),
		], { now: NOW });
		close(withBatch.totals.batchUsd, billed);
		close(withBatch.totals.batchSavedUsd, interactive - billed);
		close(withBatch.totals.batchSavedUsd, billed);
		close(withBatch.totals.costUsd, 0.016 + billed);
		assert.deepEqual(withBatch.byCommand.find((c) => c.command === 'batchReview'), { command: 'batchReview', costUsd: billed, requests: 2 });
	});

	it('orders models and commands by cost, most expensive first', () => {
		assert.deepEqual(data.models, ['claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-unknown-9']);
		assert.deepEqual(data.byCommand.map((c) => [c.command, c.requests]), [['chat', 2], ['explainSelection', 1], ['summarizeFile', 1]]);
		close(data.byCommand[0].costUsd, 0.015);
		assert.equal(data.byCommand[2].costUsd, 0);
	});

	it('computes the cache hit rate over prompt tokens: 700 read of 1800 + 500 + 2300 + 100', () => {
		close(data.cacheHitRate, 700 / 4700);
	});

	it('ties in cost are broken by requests, then name', () => {
		const d = aggregateDashboard([
			line([2026, 11, 24, 9, 0], { command: 'b' }), line([2026, 11, 24, 9, 0], { command: 'a' }), line([2026, 11, 24, 9, 0], { command: 'c' }),
			line([2026, 11, 24, 9, 0], { command: 'c' }),
		], { now: NOW });
		assert.deepEqual(d.byCommand.map((c) => c.command), ['c', 'a', 'b']);
	});

	it('has an all-zero month and a 0 hit rate for an empty ledger', () => {
		const empty = aggregateDashboard([], { now: NOW });
		assert.equal(empty.days.length, 30);
		assert.ok(empty.days.every((d) => d.requests === 0 && Object.keys(d.byModel).length === 0));
		assert.deepEqual({ ...empty, days: [] }, { days: [], models: [], byCommand: [], cacheHitRate: 0, totals: { requests: 0, costUsd: 0, unknownCostRequests: 0, batchUsd: 0, batchSavedUsd: 0 } });
	});

	it('takes the window length as an option (at least one day)', () => {
		const week = aggregateDashboard(lines, { now: NOW, days: 7 });
		assert.deepEqual(week.days.map((d) => d.day), ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
		assert.equal(week.totals.requests, 4);
		assert.equal(aggregateDashboard(lines, { now: NOW, days: 1 }).totals.requests, 2);
		assert.equal(aggregateDashboard(lines, { now: NOW, days: 0 }).days.length, 1);
	});

	it('buckets by LOCAL day: 02:00 UTC is the previous evening in Los Angeles', () => {
		withTz('America/Los_Angeles', () => {
			const now = Date.parse('2026-11-24T20:00:00Z'); // 12:00 in Los Angeles
			const d = aggregateDashboard([{ ...line([2026, 1, 1, 0, 0]), time: '2026-11-24T02:00:00.000Z', costUsd: 1 }], { now, days: 2 });
			assert.deepEqual(d.days.map((x) => [x.day, x.requests]), [['2026-11-23', 1], ['2026-11-24', 0]]);
		});
	});

	it('never skips or repeats a day across a DST change', () => {
		withTz('Europe/Berlin', () => {
			// clocks went back on 2026-10-25 (a 25-hour day) and go forward on 2027-03-28 (a 23-hour day)
			const autumn = dayKeys(new Date(2026, 9, 27, 0, 30).getTime(), 4);
			assert.deepEqual(autumn, ['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
			const spring = dayKeys(new Date(2027, 2, 29, 23, 30).getTime(), 3);
			assert.deepEqual(spring, ['2027-03-27', '2027-03-28', '2027-03-29']);
		});
	});
});
