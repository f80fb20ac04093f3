import { localMonthKey } from './budget';
import { costBreakdownUsd, sumCost, TOKEN_KINDS, type UsageCost } from '../pricing/pricing';
import { addRecord, cloneTotals, emptyTotals, localDayKey, type Totals } from './usage';
import { addLineToDay, dashboardFromDays, DEFAULT_DASHBOARD_DAYS, dayKeys, emptyDayUsage, type DashboardDayUsage } from './usageDashboard';
import { parseLedger, type LedgerLine } from './usageLedgerLine';
import type { DashboardData } from '../../shared/dashboardProtocol';

/**
 * Today's and this month's spend, and the dashboard's last days, from the usage ledger: the one file every window of
 * this VS Code appends to. Fed the file in pieces as it grows ({@link push} the bytes after the last read), so a long
 * history is parsed once, each line adds to its day's sums, and two windows that both spend see the sum. Only the
 * days still needed are kept (this month's, and the dashboard's {@link DEFAULT_DASHBOARD_DAYS}), so reading the totals
 * or drawing the dashboard costs the same at 100 lines as at 100,000. A line still being written (no newline yet)
 * waits for the next piece.
 */
export class LedgerTotals {
	/** Local day key → that day's sums, for the days still needed (see forgetOldDays). */
	private days = new Map<string, { totals: Totals; dashboard: DashboardDayUsage }>();
	private rest = '';

	constructor(private readonly now: () => number) {}

	/** Adds the ledger text that follows everything pushed so far. */
	push(text: string): void {
		const all = this.rest + text;
		const cut = all.lastIndexOf('\n');
		if (cut < 0) {
			this.rest = all;
			return;
		}
		this.rest = all.slice(cut + 1);
		const first = this.forgetOldDays();
		for (const line of parseLedger(all.slice(0, cut))) {
			this.add(line, first);
		}
	}

	/** Forgets everything (the file was replaced or truncated: it is read again from the start). */
	reset(): void {
		this.days.clear();
		this.rest = '';
	}

	/** Every request recorded since local midnight, in any window. */
	today(): Totals {
		const today = this.days.get(localDayKey(this.now()));
		return today ? cloneTotals(today.totals) : emptyTotals();
	}

	/** The known cost of this local calendar month, in any window. */
	monthUsd(): number {
		const month = localMonthKey(this.now());
		let sum = 0;
		for (const [day, { totals }] of this.days) {
			if (day.startsWith(month)) {
				sum += totals.costUsd;
			}
		}
		return sum;
	}

	/** What the usage dashboard draws for its last `days` local days (at most {@link DEFAULT_DASHBOARD_DAYS}). */
	dashboard(days = DEFAULT_DASHBOARD_DAYS): DashboardData {
		this.forgetOldDays();
		return dashboardFromDays((day) => this.days.get(day)?.dashboard, { now: this.now(), days: Math.min(days, DEFAULT_DASHBOARD_DAYS) });
	}

	private add(line: LedgerLine, firstKeptDay: string): void {
		const day = localDayKey(Date.parse(line.time));
		if (day < firstKeptDay) {
			return;
		}
		let sums = this.days.get(day);
		if (!sums) {
			sums = { totals: emptyTotals(), dashboard: emptyDayUsage() };
			this.days.set(day, sums);
		}
		addRecord(sums.totals, { model: line.model, usage: line, cost: lineCost(line) });
		addLineToDay(sums.dashboard, line);
	}

	/**
	 * The sums as plain JSON, to be saved next to the ledger with the byte offset they cover: a window that starts later
	 * restores them and reads only what came after, instead of the whole history. It shares the live sums: serialize it at once.
	 */
	snapshot(): LedgerTotalsSnapshot {
		this.forgetOldDays();
		return { version: SNAPSHOT_VERSION, rest: this.rest, days: [...this.days].map(([day, sums]) => ({ day, ...sums })) };
	}

	/** Sums restored from {@link snapshot}; undefined when `value` is not one (another version, or damaged). */
	static restore(value: unknown, now: () => number): LedgerTotals | undefined {
		const v = value as Partial<LedgerTotalsSnapshot> | null;
		if (typeof v !== 'object' || v === null || v.version !== SNAPSHOT_VERSION || typeof v.rest !== 'string' || !Array.isArray(v.days)) {
			return undefined;
		}
		const totals = new LedgerTotals(now);
		for (const d of v.days as unknown[]) {
			const day = d as LedgerTotalsSnapshot['days'][number] | null;
			if (typeof day?.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day.day) || !isDaySums(day)) {
				return undefined;
			}
			totals.days.set(day.day, { totals: day.totals, dashboard: day.dashboard });
		}
		totals.rest = v.rest;
		totals.forgetOldDays();
		return totals;
	}

	/** Drops the days no total needs any more (at local midnight, without a new line); returns the first day kept. */
	private forgetOldDays(): string {
		const now = this.now();
		const monthStart = `${localMonthKey(now)}-01`;
		const dashboardStart = dayKeys(now, DEFAULT_DASHBOARD_DAYS)[0];
		const first = monthStart < dashboardStart ? monthStart : dashboardStart;
		for (const day of this.days.keys()) {
			if (day < first) {
				this.days.delete(day);
			}
		}
		return first;
	}
}

/** 2: a day's dashboard sums carry batchUsd and batchSavedUsd (sums saved by version 1 are read again from the ledger). */
const SNAPSHOT_VERSION = 2;

/** {@link LedgerTotals.snapshot}: the kept days' sums, and the start of a line not yet complete. */
export interface LedgerTotalsSnapshot {
	version: typeof SNAPSHOT_VERSION;
	rest: string;
	days: Array<{ day: string; totals: Totals; dashboard: DashboardDayUsage }>;
}

/** The shape of a day's sums, checked field by field where a wrong type would break the arithmetic. */
function isDaySums(d: { totals?: unknown; dashboard?: unknown }): d is { totals: Totals; dashboard: DashboardDayUsage } {
	const t = d.totals as Totals | undefined;
	const u = d.dashboard as DashboardDayUsage | undefined;
	const counts = (o: unknown, keys: readonly string[]) => typeof o === 'object' && o !== null
		&& keys.every((k) => typeof (o as Record<string, unknown>)[k] === 'number');
	return counts(t, ['requests', 'costUsd']) && counts(t?.usage, TOKEN_KINDS) && counts(t?.cost, TOKEN_KINDS)
		&& Array.isArray(t?.unknownCostModels) && Array.isArray(t?.byModel)
		&& counts(u, ['requests', 'costUsd', 'unknownCostRequests', 'promptTokens', 'batchUsd', 'batchSavedUsd']) && counts(u?.tokens, ['input', 'output', 'cacheWrite', 'cacheRead'])
		&& typeof u?.byModel === 'object' && u.byModel !== null && typeof u.byCommand === 'object' && u.byCommand !== null;
}

export function lineCost(line: LedgerLine): UsageCost | undefined {
	if (line.costUsd === null) {
		return undefined;
	}
	const listed = costBreakdownUsd(line.model, line);
	const listedSum = listed ? sumCost(listed) : 0;
	const cost = { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
	if (!listed || listedSum <= 0) {
		cost.input = line.costUsd; // priced by an override since removed: keep the number, attribute it to input
		return cost;
	}
	for (const kind of TOKEN_KINDS) {
		cost[kind] = (listed[kind] / listedSum) * line.costUsd;
	}
	return cost;
}
