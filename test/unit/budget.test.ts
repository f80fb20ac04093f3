import * as assert from 'node:assert/strict';
import { evaluateBudget, monthCostFromLedger } from '../../src/core/budget';
import type { LedgerLine } from '../../src/core/usageLedgerLine';

const limits = { dailyUsd: 5, monthlyUsd: 50, warnAt: 0.8 };

describe('budgets', () => {
	it('is ok below the warning share, and without limits', () => {
		assert.equal(evaluateBudget(3.99, 10, limits).level, 'ok');
		assert.equal(evaluateBudget(1000, 1000, { dailyUsd: 0, monthlyUsd: 0, warnAt: 0.8 }).level, 'ok');
	});

	it('warns at the chosen share and says which limit', () => {
		const s = evaluateBudget(4, 10, limits);
		assert.equal(s.level, 'warn');
		assert.equal(s.message, '80% of the daily budget $5.00 used ($4.00)');
	});

	it('stops at 100% of either limit; the monthly one counts too', () => {
		assert.equal(evaluateBudget(5, 10, limits).level, 'over');
		const monthly = evaluateBudget(1, 50.01, limits);
		assert.equal(monthly.level, 'over');
		assert.equal(monthly.message, 'monthly budget $50.00 reached ($50.01 spent)');
	});

	it('sums this month\'s known cost from the ledger, skipping other months and unknown prices', () => {
		const line = (time: string, costUsd: number | null): LedgerLine => ({
			time, requestId: null, command: 'chat', model: 'm', input: 1, output: 1, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, costUsd,
		});
		const now = new Date(2026, 10, 24, 12).getTime();
		const lines = [
			line(new Date(2026, 10, 1, 9).toISOString(), 1.5),
			line(new Date(2026, 10, 23, 9).toISOString(), 2.25),
			line(new Date(2026, 10, 23, 9).toISOString(), null),
			line(new Date(2026, 9, 31, 9).toISOString(), 100),
		];
		assert.equal(monthCostFromLedger(lines, now), 3.75);
	});
});
