import * as assert from 'node:assert/strict';
import { evaluateBudget } from '../../../../src/core/usage/budget';

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
});
