import type { DashboardCommand, DashboardData, DashboardDay } from '../../shared/dashboardProtocol';
import { localDayKey } from './usage';
import type { LedgerLine } from './usageLedgerLine';

/** Days the dashboard covers unless told otherwise: about a month, enough to see a trend, small enough to read. */
export const DEFAULT_DASHBOARD_DAYS = 30;

/** What {@link aggregateDashboard} needs besides the lines; the clock is a parameter to keep it pure. */
export interface DashboardOptions {
	/** Epoch ms of "now": the window ends on this local day. */
	now: number;
	/** Length of the window in local days, today included. */
	days?: number;
}

/** The local day keys of the window, oldest first. Built from calendar fields, so a DST change never skips a day. */
export function dayKeys(now: number, count: number): string[] {
	const today = new Date(now);
	const keys: string[] = [];
	for (let i = count - 1; i >= 0; i--) {
		keys.push(localDayKey(new Date(today.getFullYear(), today.getMonth(), today.getDate() - i, 12).getTime()));
	}
	return keys;
}

function emptyDay(day: string): DashboardDay {
	return { day, byModel: {}, tokens: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 }, requests: 0 };
}

/**
 * Folds ledger lines into what the usage dashboard draws: cost per local day stacked by model, tokens per day by
 * kind, spend per command, the prompt-cache hit rate and totals, for the last `days` local days (default
 * {@link DEFAULT_DASHBOARD_DAYS}). Every day of the window is present, with zeros when nothing was sent, so the
 * chart's axis is continuous. Lines outside the window (older, or dated after today by a wrong clock) are left out.
 * An unknown price (`costUsd: null`) adds nothing to any cost and is counted in `totals.unknownCostRequests`, so it
 * never reads as free.
 */
export function aggregateDashboard(lines: readonly LedgerLine[], opts: DashboardOptions): DashboardData {
	const count = Math.max(1, Math.floor(opts.days ?? DEFAULT_DASHBOARD_DAYS));
	const days = dayKeys(opts.now, count).map(emptyDay);
	const byDay = new Map(days.map((d) => [d.day, d]));
	const commands = new Map<string, DashboardCommand>();
	const modelCost = new Map<string, number>();
	const totals = { requests: 0, costUsd: 0, unknownCostRequests: 0 };
	let prompt = 0;
	let cacheRead = 0;

	for (const line of lines) {
		const day = byDay.get(localDayKey(Date.parse(line.time)));
		if (!day) {
			continue;
		}
		const cost = line.costUsd ?? 0;
		day.requests++;
		day.byModel[line.model] = (day.byModel[line.model] ?? 0) + cost;
		day.tokens.input += line.input;
		day.tokens.output += line.output;
		day.tokens.cacheWrite += line.cacheWrite5m + line.cacheWrite1h;
		day.tokens.cacheRead += line.cacheRead;
		modelCost.set(line.model, (modelCost.get(line.model) ?? 0) + cost);

		const cmd = commands.get(line.command) ?? { command: line.command, costUsd: 0, requests: 0 };
		cmd.costUsd += cost;
		cmd.requests++;
		commands.set(line.command, cmd);

		totals.requests++;
		totals.costUsd += cost;
		if (line.costUsd === null) {
			totals.unknownCostRequests++;
		}
		prompt += line.input + line.cacheWrite5m + line.cacheWrite1h + line.cacheRead;
		cacheRead += line.cacheRead;
	}

	return {
		days,
		models: [...modelCost.keys()].sort((a, b) => (modelCost.get(b) ?? 0) - (modelCost.get(a) ?? 0) || a.localeCompare(b)),
		byCommand: [...commands.values()].sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests || a.command.localeCompare(b.command)),
		cacheHitRate: prompt > 0 ? cacheRead / prompt : 0,
		totals,
	};
}
