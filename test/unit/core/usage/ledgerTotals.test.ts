import * as assert from 'node:assert/strict';
import { LedgerTotals, lineCost } from '../../../../src/core/usage/ledgerTotals';
import { costUsd, sumCost } from '../../../../src/core/pricing/pricing';
import { aggregateDashboard } from '../../../../src/core/usage/usageDashboard';
import { toJsonl, type LedgerLine } from '../../../../src/core/usage/usageLedgerLine';

/** Local-time dates keep these tests independent of the machine's time zone. */
const NOV_24_NOON = new Date(2026, 10, 24, 12).getTime();

function line(at: Date, costUsd: number | null, extra: Partial<LedgerLine> = {}): LedgerLine {
	return {
		time: at.toISOString(), requestId: null, command: 'chat', model: 'claude-haiku-4-5',
		input: 1000, output: 100, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, costUsd, ...extra,
	};
}

function close(actual: number, expected: number): void {
	assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);
}

describe('LedgerTotals (spend from the usage ledger, read in pieces)', () => {
	it('sums this month\'s known cost, skipping other months and unknown prices', () => {
		const totals = new LedgerTotals(() => NOV_24_NOON);
		totals.push(toJsonl([
			line(new Date(2026, 10, 1, 9), 1.5),
			line(new Date(2026, 10, 23, 9), 2.25),
			line(new Date(2026, 10, 23, 9), null, { model: 'claude-mystery-1' }),
			line(new Date(2026, 9, 31, 9), 100),
		]));
		close(totals.monthUsd(), 3.75);
		assert.equal(totals.today().requests, 0, 'none of these is from today');
	});

	it('today holds today\'s lines, in any window, with the cost each line carries', () => {
		const totals = new LedgerTotals(() => NOV_24_NOON);
		totals.push(toJsonl([line(new Date(2026, 10, 24, 8), 0.5), line(new Date(2026, 10, 23, 22), 7)]));
		totals.push(toJsonl([line(new Date(2026, 10, 24, 11), 0.25, { model: 'claude-sonnet-5-5', command: 'explainSelection' })]));
		const today = totals.today();
		assert.equal(today.requests, 2);
		close(today.costUsd, 0.75);
		assert.deepEqual(today.byModel.map((m) => [m.model, m.requests]), [['claude-haiku-4-5', 1], ['claude-sonnet-5-5', 1]]);
		assert.equal(today.usage.input, 2000);
		close(totals.monthUsd(), 7.75);
	});

	it('a line still being written counts once it is complete, never twice', () => {
		const totals = new LedgerTotals(() => NOV_24_NOON);
		const text = toJsonl([line(new Date(2026, 10, 24, 9), 1), line(new Date(2026, 10, 24, 10), 2)]);
		const cut = text.indexOf('\n') + 20;
		totals.push(text.slice(0, cut));
		close(totals.today().costUsd, 1);
		totals.push(text.slice(cut));
		close(totals.today().costUsd, 3);
		totals.push('');
		close(totals.today().costUsd, 3);
	});

	it('skips a line cut short by a crash and counts the next', () => {
		const totals = new LedgerTotals(() => NOV_24_NOON);
		const good = toJsonl([line(new Date(2026, 10, 24, 9), 1)]);
		totals.push(`${good.slice(0, 30)}\n${good}`);
		close(totals.today().costUsd, 1);
	});

	it('rolls over at local midnight without a new line, and at the month\'s end', () => {
		let now = NOV_24_NOON;
		const totals = new LedgerTotals(() => now);
		totals.push(toJsonl([line(new Date(2026, 10, 24, 9), 1)]));
		now = new Date(2026, 10, 25, 0, 0, 1).getTime();
		assert.equal(totals.today().requests, 0);
		close(totals.monthUsd(), 1);
		now = new Date(2026, 11, 1, 0, 0, 1).getTime();
		close(totals.monthUsd(), 0);
		totals.push(toJsonl([line(new Date(2026, 11, 1, 0, 0, 1), 2)]));
		close(totals.monthUsd(), 2);
	});

	it('reset forgets everything (the file was replaced)', () => {
		const totals = new LedgerTotals(() => NOV_24_NOON);
		totals.push(toJsonl([line(new Date(2026, 10, 24, 9), 1)]));
		totals.reset();
		close(totals.monthUsd(), 0);
		assert.equal(totals.today().requests, 0);
	});

	it('lists models without a price instead of counting them as $0', () => {
		const totals = new LedgerTotals(() => NOV_24_NOON);
		totals.push(toJsonl([line(new Date(2026, 10, 24, 9), null, { model: 'claude-mystery-1' })]));
		assert.deepEqual(totals.today().unknownCostModels, ['claude-mystery-1']);
		close(totals.today().costUsd, 0);
	});
});

describe('lineCost (a line\'s cost split by token kind)', () => {
	it('adds up to the line\'s own cost, split in list-price proportions', () => {
		const l = line(new Date(2026, 10, 24, 9), 0.5, { input: 1000, output: 1000, cacheRead: 5000 });
		const cost = lineCost(l);
		assert.ok(cost);
		close(sumCost(cost), 0.5);
		const listed = costUsd(l.model, l) as number;
		close(cost.output, (1000 * 5e-6 / listed) * 0.5);
	});

	it('is undefined for an unknown price, and keeps a cost whose model the price table no longer knows', () => {
		assert.equal(lineCost(line(new Date(), null)), undefined);
		const cost = lineCost(line(new Date(), 0.3, { model: 'claude-priced-by-an-old-override' }));
		close(cost?.input ?? NaN, 0.3);
	});
});

describe('LedgerTotals.dashboard (the usage dashboard from the running sums)', () => {
	const lines = [
		line(new Date(2026, 10, 24, 9), 0.005, { input: 1000, output: 200, cacheWrite5m: 100, cacheRead: 700 }),
		line(new Date(2026, 10, 24, 10), 0.001, { command: 'explainSelection', model: 'claude-haiku-5-5', input: 500 }),
		line(new Date(2026, 10, 23, 23, 30), 0.01, { input: 2000, cacheWrite1h: 300 }),
		line(new Date(2026, 10, 21, 12), null, { command: 'summarizeFile', model: 'claude-unknown-9' }),
		line(new Date(2026, 9, 26, 12), 9, { input: 99_999 }), // 29 days back: the 30-day window's first day
		line(new Date(2026, 9, 25, 12), 7), // 30 days back: outside
		line(new Date(2026, 10, 25, 8), 9), // "tomorrow" (a wrong clock)
	];

	it('draws what the dashboard drew from every line, however the file was cut into pieces', () => {
		const expected = aggregateDashboard(lines, { now: NOV_24_NOON });
		const text = toJsonl(lines);
		for (const pieces of [1, 3, 17]) {
			const totals = new LedgerTotals(() => NOV_24_NOON);
			const size = Math.ceil(text.length / pieces);
			for (let i = 0; i < text.length; i += size) {
				totals.push(text.slice(i, i + size));
			}
			assert.deepEqual(totals.dashboard(), expected, `${pieces} piece(s)`);
			assert.deepEqual(totals.dashboard(7), aggregateDashboard(lines, { now: NOV_24_NOON, days: 7 }));
		}
	});

	it('keeps only the days still needed: this month\'s and the dashboard\'s, at local midnight too', () => {
		let now = NOV_24_NOON;
		const totals = new LedgerTotals(() => now);
		totals.push(toJsonl(lines));
		assert.equal(totals.dashboard().totals.requests, 5);
		now = new Date(2026, 11, 1, 12).getTime(); // December 1st: November's spend no longer counts for the month
		close(totals.monthUsd(), 0);
		assert.deepEqual(totals.dashboard(), aggregateDashboard(lines, { now }));
		now = new Date(2027, 0, 15, 12).getTime(); // weeks later: nothing of November is left
		assert.equal(totals.dashboard().totals.requests, 0);
	});
});
