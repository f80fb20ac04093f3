import type { DashboardCommand, DashboardData, DashboardDay } from '../../shared/dashboardProtocol';
import { costUsd } from '../pricing/pricing';
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

/** One local day of the ledger as the dashboard needs it: summed as lines arrive, so a day costs the same at any length. */
export interface DashboardDayUsage {
	requests: number;
	/** Known cost per model (an unknown price adds nothing). */
	byModel: Record<string, number>;
	tokens: DashboardDay['tokens'];
	byCommand: Record<string, { costUsd: number; requests: number }>;
	costUsd: number;
	unknownCostRequests: number;
	/** Prompt tokens (input + cache writes + cache reads), for the cache hit rate. */
	promptTokens: number;
	/** Known cost of the requests answered through the Message Batches API (in `costUsd` too). */
	batchUsd: number;
	/** What those requests would have cost interactively, minus what they were billed. */
	batchSavedUsd: number;
}

export function emptyDayUsage(): DashboardDayUsage {
	return { requests: 0, byModel: {}, tokens: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 }, byCommand: {}, costUsd: 0, unknownCostRequests: 0, promptTokens: 0, batchUsd: 0, batchSavedUsd: 0 };
}

/**
 * Adds one ledger line to its day. An unknown price (`costUsd: null`) adds nothing to any cost and is counted in
 * `unknownCostRequests`, so it never reads as free.
 */
export function addLineToDay(day: DashboardDayUsage, line: LedgerLine): void {
	const cost = line.costUsd ?? 0;
	day.requests++;
	day.byModel[line.model] = (day.byModel[line.model] ?? 0) + cost;
	day.tokens.input += line.input;
	day.tokens.output += line.output;
	day.tokens.cacheWrite += line.cacheWrite5m + line.cacheWrite1h;
	day.tokens.cacheRead += line.cacheRead;
	const command = day.byCommand[line.command] ??= { costUsd: 0, requests: 0 };
	command.costUsd += cost;
	command.requests++;
	day.costUsd += cost;
	if (line.costUsd === null) {
		day.unknownCostRequests++;
	}
	day.promptTokens += line.input + line.cacheWrite5m + line.cacheWrite1h + line.cacheRead;
	if (line.serviceTier === 'batch' && line.costUsd !== null) {
		day.batchUsd += line.costUsd;
		// at today's interactive price; a model whose price is no longer known saves nothing that can be shown
		day.batchSavedUsd += Math.max(0, (costUsd(line.model, line) ?? line.costUsd) - line.costUsd);
	}
}

/**
 * What the usage dashboard draws, from per-day sums: cost per local day stacked by model, tokens per day by kind,
 * spend per command, the prompt-cache hit rate and totals, for the last `days` local days (default
 * {@link DEFAULT_DASHBOARD_DAYS}). Every day of the window is present, with zeros when nothing was sent, so the
 * chart's axis is continuous; days outside the window (older, or after today by a wrong clock) are left out.
 */
export function dashboardFromDays(dayUsage: (day: string) => DashboardDayUsage | undefined, opts: DashboardOptions): DashboardData {
	const count = Math.max(1, Math.floor(opts.days ?? DEFAULT_DASHBOARD_DAYS));
	const commands = new Map<string, DashboardCommand>();
	const modelCost = new Map<string, number>();
	const totals = { requests: 0, costUsd: 0, unknownCostRequests: 0, batchUsd: 0, batchSavedUsd: 0 };
	let prompt = 0;
	let cacheRead = 0;
	const days = dayKeys(opts.now, count).map((key): DashboardDay => {
		const u = dayUsage(key);
		if (!u) {
			return { day: key, byModel: {}, tokens: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 }, requests: 0 };
		}
		for (const [model, cost] of Object.entries(u.byModel)) {
			modelCost.set(model, (modelCost.get(model) ?? 0) + cost);
		}
		for (const [command, c] of Object.entries(u.byCommand)) {
			const cmd = commands.get(command) ?? { command, costUsd: 0, requests: 0 };
			cmd.costUsd += c.costUsd;
			cmd.requests += c.requests;
			commands.set(command, cmd);
		}
		totals.requests += u.requests;
		totals.costUsd += u.costUsd;
		totals.unknownCostRequests += u.unknownCostRequests;
		totals.batchUsd += u.batchUsd;
		totals.batchSavedUsd += u.batchSavedUsd;
		prompt += u.promptTokens;
		cacheRead += u.tokens.cacheRead;
		return { day: key, byModel: { ...u.byModel }, tokens: { ...u.tokens }, requests: u.requests };
	});
	return {
		days,
		models: [...modelCost.keys()].sort((a, b) => (modelCost.get(b) ?? 0) - (modelCost.get(a) ?? 0) || a.localeCompare(b)),
		byCommand: [...commands.values()].sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests || a.command.localeCompare(b.command)),
		cacheHitRate: prompt > 0 ? cacheRead / prompt : 0,
		totals,
	};
}

/** {@link dashboardFromDays} from ledger lines (the lines outside the window are left out). */
export function aggregateDashboard(lines: readonly LedgerLine[], opts: DashboardOptions): DashboardData {
	const byDay = new Map<string, DashboardDayUsage>();
	for (const line of lines) {
		const key = localDayKey(Date.parse(line.time));
		let day = byDay.get(key);
		if (!day) {
			day = emptyDayUsage();
			byDay.set(key, day);
		}
		addLineToDay(day, line);
	}
	return dashboardFromDays((key) => byDay.get(key), opts);
}
