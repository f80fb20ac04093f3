import type { TokenUsage } from '../../shared/protocol';
import { addCost, addUsage, costBreakdownUsd, EMPTY_USAGE, sumCost, type UsageCost } from '../pricing/pricing';

/** Per-model part of a total: the tooltip shows where tokens and money went when several models were used. */
export interface ModelTotals {
	/** The model id as the API reported it (dated ids kept as-is). */
	model: string;
	requests: number;
	usage: TokenUsage;
	/** Undefined when the model has no known price: unknown is shown as unknown, never as $0. */
	cost?: UsageCost;
	costUsd?: number;
}

/**
 * Sum of several requests. `costUsd` covers only models with a known price; `unknownCostModels` lists the rest, so
 * a display can say "partial" instead of presenting a low number as the whole cost.
 */
export interface Totals {
	requests: number;
	usage: TokenUsage;
	/** Known part of the cost, split by token kind. */
	cost: UsageCost;
	/** Known part of the cost in USD (sum of `cost`). */
	costUsd: number;
	/** Models used whose price is unknown; non-empty means `costUsd` is a lower bound. */
	unknownCostModels: string[];
	/** One entry per model, in first-use order. An array (not a map) so odd model ids cannot clash with object keys. */
	byModel: ModelTotals[];
}

/** One recorded request, as the status bar shows it ("last request"). */
export interface UsageRecord {
	model: string;
	command: string;
	/** The API's `request-id` header. */
	apiRequestId?: string;
	batch: boolean;
	/** Epoch ms from the injected clock when the request was recorded. */
	at: number;
	usage: TokenUsage;
	/** Undefined when the model's price is unknown. */
	cost?: UsageCost;
	costUsd?: number;
}

/** What {@link WindowUsage.record} needs about one finished (or stopped) request. */
export interface UsageEntry {
	model: string;
	usage: TokenUsage;
	command: string;
	/** The API's `request-id` header. */
	apiRequestId?: string;
	batch?: boolean;
	/**
	 * The cost computed once when the request's usage was reported (see usageReport), undefined for an unknown price.
	 * Absent: priced here from the list (tests that build entries by hand).
	 */
	cost?: UsageCost;
}

/** Dependencies of the in-memory totals: the clock is injected so record times are testable. */
export interface WindowUsageOptions {
	now: () => number;
}

const ZERO_COST: Readonly<UsageCost> = Object.freeze({ input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 });

/** An empty total; a fresh object each call because totals are mutated while recording. */
export function emptyTotals(): Totals {
	return { requests: 0, usage: { ...EMPTY_USAGE }, cost: { ...ZERO_COST }, costUsd: 0, unknownCostModels: [], byModel: [] };
}

/**
 * The local calendar date of an instant as `YYYY-MM-DD`. Local (not UTC) because "today" for a user is their own
 * day: a UTC key would roll over in the middle of the afternoon for some time zones.
 */
export function localDayKey(epochMs: number): string {
	const d = new Date(epochMs);
	const pad = (n: number): string => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function clampCount(n: unknown): number {
	return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

function cleanUsage(u: TokenUsage): TokenUsage {
	return {
		input: clampCount(u.input),
		output: clampCount(u.output),
		cacheWrite5m: clampCount(u.cacheWrite5m),
		cacheWrite1h: clampCount(u.cacheWrite1h),
		cacheRead: clampCount(u.cacheRead),
	};
}

/** A deep copy, so callers cannot change a total through what they are given. */
export function cloneTotals(t: Totals): Totals {
	return {
		requests: t.requests,
		usage: { ...t.usage },
		cost: { ...t.cost },
		costUsd: t.costUsd,
		unknownCostModels: [...t.unknownCostModels],
		byModel: t.byModel.map((m) => ({ ...m, usage: { ...m.usage }, ...(m.cost ? { cost: { ...m.cost } } : {}) })),
	};
}

/** Adds one request to a total (mutates `totals`). */
export function addRecord(totals: Totals, rec: Pick<UsageRecord, 'model' | 'usage' | 'cost'>): void {
	totals.requests += 1;
	totals.usage = addUsage(totals.usage, rec.usage);
	let entry = totals.byModel.find((m) => m.model === rec.model);
	if (!entry) {
		entry = { model: rec.model, requests: 0, usage: { ...EMPTY_USAGE }, cost: { ...ZERO_COST }, costUsd: 0 };
		totals.byModel.push(entry);
	}
	entry.requests += 1;
	entry.usage = addUsage(entry.usage, rec.usage);
	if (rec.cost) {
		totals.cost = addCost(totals.cost, rec.cost);
		totals.costUsd = sumCost(totals.cost);
	}
	if (rec.cost && entry.cost) {
		entry.cost = addCost(entry.cost, rec.cost);
		entry.costUsd = sumCost(entry.cost);
	} else {
		// The table is static, so a model is either always priced or never; this branch marks the never case.
		delete entry.cost;
		delete entry.costUsd;
		if (!totals.unknownCostModels.includes(rec.model)) {
			totals.unknownCostModels.push(rec.model);
		}
	}
}

/**
 * This window's accounting of what requests used and cost: the last request and the session. It emits nothing; the
 * host wraps it and fires its own change event. Today's and this month's spend, across windows, come from the usage
 * ledger file (see LedgerTotals).
 */
export class WindowUsage {
	private readonly now: () => number;
	private lastRecord: UsageRecord | undefined;
	private readonly sessionTotals = emptyTotals();

	constructor(opts: WindowUsageOptions) {
		this.now = opts.now;
	}

	/** Records one request and returns what was stored (with its cost, undefined when the price is unknown). */
	record(entry: UsageEntry): UsageRecord {
		const usage = cleanUsage(entry.usage);
		const batch = entry.batch === true;
		const cost = 'cost' in entry ? entry.cost : costBreakdownUsd(entry.model, usage, { batch });
		const rec: UsageRecord = {
			model: entry.model,
			command: entry.command,
			...(entry.apiRequestId !== undefined ? { apiRequestId: entry.apiRequestId } : {}),
			batch,
			at: this.now(),
			usage,
			...(cost ? { cost: { ...cost }, costUsd: sumCost(cost) } : {}),
		};
		this.lastRecord = rec;
		addRecord(this.sessionTotals, rec);
		return { ...rec, usage: { ...usage }, ...(rec.cost ? { cost: { ...rec.cost } } : {}) };
	}

	/** The most recent request of this session, if any. */
	get last(): UsageRecord | undefined {
		const r = this.lastRecord;
		return r ? { ...r, usage: { ...r.usage }, ...(r.cost ? { cost: { ...r.cost } } : {}) } : undefined;
	}

	/** Everything since the extension activated (a copy: callers cannot change the ledger through it). */
	get session(): Totals {
		return cloneTotals(this.sessionTotals);
	}
}
