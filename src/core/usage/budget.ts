/** Spend limits in USD (0 = no limit) and the share at which to warn. */
export interface BudgetLimits {
	dailyUsd: number;
	monthlyUsd: number;
	/** Warn once spend reaches this share of a limit (0–1). */
	warnAt: number;
}

export type BudgetLevel = 'ok' | 'warn' | 'over';

export interface BudgetState {
	level: BudgetLevel;
	todayUsd: number;
	monthUsd: number;
	/** The limit that decided the level, e.g. "daily budget $5.00". */
	message?: string;
}

function fmt(x: number): string {
	return `$${x.toFixed(2)}`;
}

/**
 * Where spend stands against the limits. Pure: the host feeds it today's and this month's known cost (unknown-price
 * requests cannot count, and the tooltip says so elsewhere). The stricter of the two limits decides.
 */
export function evaluateBudget(todayUsd: number, monthUsd: number, limits: BudgetLimits): BudgetState {
	const checks: Array<[string, number, number]> = [
		['daily', todayUsd, limits.dailyUsd],
		['monthly', monthUsd, limits.monthlyUsd],
	];
	let state: BudgetState = { level: 'ok', todayUsd, monthUsd };
	for (const [name, spent, limit] of checks) {
		if (!(limit > 0)) {
			continue;
		}
		if (spent >= limit) {
			return { level: 'over', todayUsd, monthUsd, message: `${name} budget ${fmt(limit)} reached (${fmt(spent)} spent)` };
		}
		if (spent >= limit * limits.warnAt && state.level === 'ok') {
			state = { level: 'warn', todayUsd, monthUsd, message: `${Math.floor((spent / limit) * 100)}% of the ${name} budget ${fmt(limit)} used (${fmt(spent)})` };
		}
	}
	return state;
}

/**
 * Whether spending `addUsd` more (a batch's upper bound) would pass a budget: the first one it would pass, said with
 * what is spent and what is added; undefined when every budget has room (or none is set).
 */
export function budgetPassedBy(todayUsd: number, monthUsd: number, addUsd: number, limits: BudgetLimits): string | undefined {
	const checks: Array<[string, number, number]> = [['daily', todayUsd, limits.dailyUsd], ['monthly', monthUsd, limits.monthlyUsd]];
	for (const [name, spent, limit] of checks) {
		if (limit > 0 && spent + addUsd >= limit) {
			return `it could pass the ${name} budget of ${fmt(limit)} (${fmt(spent)} spent, up to ${fmt(addUsd)} more)`;
		}
	}
	return undefined;
}

/** `YYYY-MM` of a time in local time: months follow the user's calendar, like days do. */
export function localMonthKey(epochMs: number): string {
	const d = new Date(epochMs);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
