import * as assert from 'node:assert/strict';
import { LedgerTotals, lineCost } from '../../../../src/core/usage/ledgerTotals';
import { costUsd, sumCost } from '../../../../src/core/pricing/pricing';
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
