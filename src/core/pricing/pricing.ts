import type { TokenUsage } from '../../shared/protocol';

/**
 * The month the table below was checked against the pricing pages (docs/anthropic-api.md, Pricing).
 * Shown in the usage tooltip so a user knows how old the cost estimate may be.
 */
export const PRICING_AS_OF = '2026-11';

/** USD per million tokens for each billed kind of token; the same keys as {@link TokenUsage} so costs line up with counts. */
export interface PriceRates {
	input: number;
	output: number;
	cacheWrite5m: number;
	cacheWrite1h: number;
	cacheRead: number;
}

/**
 * One model's list prices. Written out per model (not derived from input × multipliers) because newer models
 * break the usual 1.25× / 2× / 0.1× cache ratios and a derived number would silently be wrong.
 */
export interface ModelPrice extends PriceRates {
	/** Multiplier for the Message Batches API ("all usage is charged at 50% of the standard API prices"). */
	batchDiscount?: 0.5;
	/**
	 * A second tier for large prompts: when a request's prompt (input + cache writes + cache reads) exceeds
	 * `aboveInputTokens`, every token of that request is billed at these rates instead.
	 */
	longContext?: PriceRates & { aboveInputTokens: number };
	/** Why a number here is uncertain, for whoever updates the table next. */
	note?: string;
}

/** Cost in USD split by token kind: lets the tooltip show where the money went even across tiers and models. */
export type UsageCost = Record<keyof TokenUsage, number>;

/** Options of a cost computation. */
export interface CostOptions {
	/** The request went through the Message Batches API (half price). */
	batch?: boolean;
}

const TABLE: Readonly<Record<string, Readonly<ModelPrice>>> = {
	'claude-opus-5-5': {
		input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2, batchDiscount: 0.5,
		note: 'Cache read 0.05× ($0.20) is a third-party report; cache writes are assumed to be the standard 1.25× / 2×.',
	},
	'claude-sonnet-5-5': {
		input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.1, batchDiscount: 0.5,
		note: 'Cache read cut to $0.10 on 2026-10-07 (third-party report).',
	},
	'claude-haiku-5-5': {
		input: 0.1, output: 0.5, cacheWrite5m: 0.125, cacheWrite1h: 0.2, cacheRead: 0.01, batchDiscount: 0.5,
		longContext: { aboveInputTokens: 100_000, input: 0.5, output: 2.5, cacheWrite5m: 0.625, cacheWrite1h: 1, cacheRead: 0.05 },
		note: 'Both tiers are third-party reports; the long-context cache rates assume the standard 1.25× / 2× / 0.1×.',
	},
	'claude-fable-5-1': { input: 10, output: 50, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 0.25, batchDiscount: 0.5 },
	'claude-mythos-5-1': { input: 10, output: 50, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 0.25, batchDiscount: 0.5 },
	'claude-opus-5': { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5, batchDiscount: 0.5 },
	'claude-sonnet-5': {
		input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.2, batchDiscount: 0.5,
		note: 'Cache prices not listed; assumed the standard 1.25× / 2× / 0.1× of input.',
	},
	'claude-opus-4-8': { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5, batchDiscount: 0.5 },
	'claude-opus-4-7': { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5, batchDiscount: 0.5 },
	'claude-opus-4-6': { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5, batchDiscount: 0.5 },
	'claude-opus-4-5': { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5, batchDiscount: 0.5 },
	'claude-sonnet-4-6': { input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3, batchDiscount: 0.5 },
	'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3, batchDiscount: 0.5 },
	'claude-haiku-4-5': { input: 1, output: 5, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1, batchDiscount: 0.5 },
};

/** The half-price factor used for batch requests when a model's entry does not state its own. */
const DEFAULT_BATCH_DISCOUNT = 0.5;

/** Zero tokens of every kind. Frozen: it is the start value of sums and must never be mutated through. */
export const EMPTY_USAGE: Readonly<TokenUsage> = Object.freeze({ input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 });

/** The token kinds in display order, so callers iterate them the same way everywhere. */
export const TOKEN_KINDS: readonly (keyof TokenUsage)[] = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'];

/**
 * Maps an API model id to the table key. The API reports dated snapshots (`claude-haiku-4-5-20251001`) while
 * prices are listed per alias, so a trailing `-YYYYMMDD` is dropped.
 */
export function normalizeModelId(model: string): string {
	return model.trim().toLowerCase().replace(/-\d{8}$/, '');
}

/**
 * The list price of a model, or undefined when it is not in the table: callers must show "unknown"
 * rather than guess, because a wrong cost is worse than none.
 */
export function priceFor(model: string): ModelPrice | undefined {
	const key = normalizeModelId(model);
	if (Object.prototype.hasOwnProperty.call(overrides, key)) {
		return overrides[key];
	}
	return listPrice(key);
}

/** The built-in list price, ignoring overrides. */
export function listPrice(model: string): ModelPrice | undefined {
	const key = normalizeModelId(model);
	return Object.prototype.hasOwnProperty.call(TABLE, key) ? TABLE[key] : undefined;
}

/**
 * Every model with a known price: the table's (newest first, as listed) then models only the pricing setting names.
 * What a model picker offers, so each choice can show its price.
 */
export function knownModelIds(): string[] {
	return [...Object.keys(TABLE), ...Object.keys(overrides).filter((m) => !Object.prototype.hasOwnProperty.call(TABLE, m))];
}

/**
 * Prices from the `claudeAssistant.pricing` setting (negotiated rates, new models), replacing list prices. Held
 * here, not threaded through every caller, because every cost in the extension must use the same table; the host
 * sets it at activation and on every settings change.
 */
let overrides: Readonly<Record<string, ModelPrice>> = {};

/** Replaces the price overrides (already validated by parsePriceOverrides). */
export function setPriceOverrides(prices: Readonly<Record<string, ModelPrice>>): void {
	overrides = { ...prices };
}

/** Tokens that make up the prompt of a request; what the long-context tier of a model is decided on. */
export function promptTokens(usage: TokenUsage): number {
	return usage.input + usage.cacheWrite5m + usage.cacheWrite1h + usage.cacheRead;
}

/**
 * Cost of one request split by token kind, or undefined for a model without a known price. Needed (rather than
 * only a total) because the tier of Haiku 5.5 depends on each request's prompt size, so per-kind costs cannot be
 * recomputed later from summed tokens.
 */
export function costBreakdownUsd(model: string, usage: TokenUsage, opts: CostOptions = {}): UsageCost | undefined {
	const price = priceFor(model);
	if (!price) {
		return undefined;
	}
	const rates: PriceRates = price.longContext && promptTokens(usage) > price.longContext.aboveInputTokens ? price.longContext : price;
	const factor = opts.batch ? (price.batchDiscount ?? DEFAULT_BATCH_DISCOUNT) : 1;
	const cost = {} as UsageCost;
	for (const kind of TOKEN_KINDS) {
		cost[kind] = (usage[kind] * rates[kind] * factor) / 1_000_000;
	}
	return cost;
}

/**
 * Total USD cost of one request (or of summed usage of a single-tier model), undefined for an unknown model.
 * The long-context tier is chosen from this usage's prompt tokens, so pass one request at a time for Haiku 5.5.
 */
export function costUsd(model: string, usage: TokenUsage, opts: CostOptions = {}): number | undefined {
	const cost = costBreakdownUsd(model, usage, opts);
	return cost ? sumCost(cost) : undefined;
}

/** Adds the per-kind parts of a cost; one place so every total is summed in the same order. */
export function sumCost(cost: UsageCost): number {
	return TOKEN_KINDS.reduce((sum, kind) => sum + cost[kind], 0);
}

/** Adds two usages kind by kind: an answer continued or retried is billed as the sum of its requests. */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
	return {
		input: a.input + b.input,
		output: a.output + b.output,
		cacheWrite5m: a.cacheWrite5m + b.cacheWrite5m,
		cacheWrite1h: a.cacheWrite1h + b.cacheWrite1h,
		cacheRead: a.cacheRead + b.cacheRead,
	};
}

/** Adds two per-kind costs (same keys as a usage, so the same sum). */
export const addCost: (a: UsageCost, b: UsageCost) => UsageCost = addUsage;

function count(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts the API/SDK `usage` object (snake_case, fields nullable or missing on older shapes and in
 * `message_start`) into our billing split. Without a `cache_creation` breakdown every written token counts as a
 * 5-minute write (the default TTL); when the breakdown accounts for fewer tokens than `cache_creation_input_tokens`,
 * the rest is also counted as 5-minute writes so no billed token is dropped.
 */
export function fromApiUsage(u: unknown): TokenUsage {
	if (!isRecord(u)) {
		return { ...EMPTY_USAGE };
	}
	const written = count(u.cache_creation_input_tokens);
	let cacheWrite5m = written;
	let cacheWrite1h = 0;
	if (isRecord(u.cache_creation)) {
		const five = count(u.cache_creation.ephemeral_5m_input_tokens);
		cacheWrite1h = count(u.cache_creation.ephemeral_1h_input_tokens);
		cacheWrite5m = five + Math.max(0, written - five - cacheWrite1h);
	}
	return {
		input: count(u.input_tokens),
		output: count(u.output_tokens),
		cacheWrite5m,
		cacheWrite1h,
		cacheRead: count(u.cache_read_input_tokens),
	};
}
