import { formatTokens } from '../../shared/numberFormat';

/**
 * Client-side pacing from the `anthropic-ratelimit-*` response headers (docs/anthropic-api.md, Rate limits): remember
 * what the last response said was left, and hold a new request briefly when it would very likely come back as a 429.
 * The SDK does not read these headers itself. Pure: the clock is a parameter and nothing here sleeps; the caller waits.
 */

/** One limit as a response reported it. Each field is independent: a garbled header leaves only that field out. */
export interface RateLimitWindow {
	limit?: number;
	remaining?: number;
	/** Epoch ms of full replenishment (the header is RFC 3339). */
	resetAt?: number;
}

/** The four limits of one response. `receivedAt` orders snapshots from concurrent requests. */
export interface RateLimitSnapshot {
	/** Local epoch ms when the headers arrived. */
	receivedAt: number;
	requests?: RateLimitWindow;
	/** The API's "most restrictive limit currently in effect"; remaining is rounded to the nearest thousand. */
	tokens?: RateLimitWindow;
	inputTokens?: RateLimitWindow;
	outputTokens?: RateLimitWindow;
}

/** Which limit a hold waits for. */
export type RateLimitKind = 'requests' | 'tokens' | 'inputTokens' | 'outputTokens';

/** A decision to wait before sending, from {@link RateLimitTracker.holdFor}. */
export interface RateLimitHold {
	/** How long to wait, already capped at {@link MAX_PACING_HOLD_MS}; send after it even if the budget is still short. */
	delayMs: number;
	/** Time until the limit's reset plus {@link RESET_MARGIN_MS}, uncapped (what a patient caller would wait). */
	untilResetMs: number;
	/** True when {@link delayMs} was cut to {@link MAX_PACING_HOLD_MS}. */
	capped: boolean;
	limit: RateLimitKind;
	/** Short text for the user, e.g. "0 requests left this minute". */
	reason: string;
}

/** What the next request will need, as far as the caller can estimate before sending it. */
export interface NextRequestEstimate {
	/** Input tokens that count against the limit (uncached; cache reads do not count for current models). */
	inputTokens: number;
	/** The request's `max_tokens`. */
	maxOutputTokens: number;
}

/**
 * Longest a pacing hold lasts. Beyond it the request is sent anyway: a 429 then brings the server's own retry-after
 * and our visible retry, which is better than a silent minute-long pause.
 */
export const MAX_PACING_HOLD_MS = 60_000;

/**
 * Added to every wait: the reset header has whole-second precision and the two clocks differ a little, so waiting
 * exactly until the stated second would sometimes arrive just before the budget is back.
 */
export const RESET_MARGIN_MS = 500;

/**
 * Output budget a request needs at the least. The API estimates output from `max_tokens` at the start of a request,
 * but requiring the full `max_tokens` would hold every long-answer request on low tiers; this floor catches only a
 * budget that is practically spent.
 */
export const OUTPUT_TOKEN_FLOOR = 1024;

const PREFIX = 'anthropic-ratelimit-';
const HEADER_NAMES: Readonly<Record<RateLimitKind, string>> = {
	requests: 'requests',
	tokens: 'tokens',
	inputTokens: 'input-tokens',
	outputTokens: 'output-tokens',
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Reads the `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}` headers.
 * `get` is e.g. `headers.get.bind(headers)` of a fetch `Headers`. Tolerant: a missing or garbled value is left out,
 * a limit with no readable value is left out, and undefined means no limit was readable at all (a proxy, an old
 * gateway), so callers can keep what they knew.
 */
export function parseRateLimitHeaders(get: (name: string) => string | null | undefined, now: number): RateLimitSnapshot | undefined {
	const snapshot: RateLimitSnapshot = { receivedAt: now };
	let any = false;
	for (const kind of Object.keys(HEADER_NAMES) as RateLimitKind[]) {
		const base = `${PREFIX}${HEADER_NAMES[kind]}-`;
		const window: RateLimitWindow = {};
		const limit = parseCount(read(get, `${base}limit`));
		const remaining = parseCount(read(get, `${base}remaining`));
		const resetAt = parseReset(read(get, `${base}reset`));
		if (limit !== undefined) {
			window.limit = limit;
		}
		if (remaining !== undefined) {
			window.remaining = remaining;
		}
		if (resetAt !== undefined) {
			window.resetAt = resetAt;
		}
		if (limit !== undefined || remaining !== undefined || resetAt !== undefined) {
			snapshot[kind] = window;
			any = true;
		}
	}
	return any ? snapshot : undefined;
}

function read(get: (name: string) => string | null | undefined, name: string): string | undefined {
	try {
		return get(name) ?? undefined;
	} catch {
		return undefined;
	}
}

function parseCount(value: string | undefined): number | undefined {
	if (value === undefined || !/^\s*\d{1,15}\s*$/.test(value)) {
		return undefined;
	}
	return Number(value);
}

function parseReset(value: string | undefined): number | undefined {
	const text = value?.trim();
	if (!text || !RFC3339.test(text)) {
		return undefined;
	}
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Remembers the newest snapshot and decides whether the next request should wait. Rules, each only while its limit
 * has a reset time still in the future (once it has passed, the budget is back and the snapshot says nothing):
 *
 * - requests: remaining ≤ 0 → wait for the requests reset.
 * - input tokens: remaining < the request's input estimate → wait for the input-tokens reset.
 * - output tokens: remaining < min(max_tokens, {@link OUTPUT_TOKEN_FLOOR}) → wait for the output-tokens reset.
 * - tokens (combined): used only when the response carried neither input- nor output-token headers; remaining <
 *   input estimate + the output floor → wait for its reset.
 *
 * A need larger than the limit itself never holds (waiting cannot help; the API's answer will say so), and neither
 * does a limit without a readable reset. When several limits are short, the longest wait wins.
 */
export class RateLimitTracker {
	private latest: RateLimitSnapshot | undefined;

	constructor(private readonly now: () => number = Date.now) {}

	/** The newest snapshot seen, if any. */
	get snapshot(): RateLimitSnapshot | undefined {
		return this.latest;
	}

	/**
	 * Takes a response's snapshot. Undefined (no headers) keeps the old one, which expires at its reset anyway; a
	 * snapshot older than the held one (a slow concurrent request finishing late) is ignored.
	 */
	update(snapshot: RateLimitSnapshot | undefined): void {
		if (snapshot && (!this.latest || snapshot.receivedAt >= this.latest.receivedAt)) {
			this.latest = snapshot;
		}
	}

	/** Forgets everything (new key, new base URL). */
	clear(): void {
		this.latest = undefined;
	}

	/** Whether to wait before sending `next`, and why; undefined means send now. See the class comment for the rules. */
	holdFor(next: NextRequestEstimate, now: number = this.now()): RateLimitHold | undefined {
		const s = this.latest;
		if (!s) {
			return undefined;
		}
		const input = Math.max(0, Math.ceil(next.inputTokens || 0));
		const outputFloor = Math.max(0, Math.min(Math.ceil(next.maxOutputTokens || 0), OUTPUT_TOKEN_FLOOR));
		const holds: (RateLimitHold | undefined)[] = [
			hold(s.requests, 'requests', 1, now, (left) => `${formatTokens(left)} requests left this minute`),
			hold(s.inputTokens, 'inputTokens', input, now, (left) => `input-token limit nearly used (${formatTokens(left)} left, this request ≈ ${formatTokens(input)})`),
			hold(s.outputTokens, 'outputTokens', outputFloor, now, (left) => `output-token limit nearly used (${formatTokens(left)} left)`),
		];
		if (!s.inputTokens && !s.outputTokens) {
			const need = input + outputFloor;
			holds.push(hold(s.tokens, 'tokens', need, now, (left) => `token limit nearly used (${formatTokens(left)} left, this request ≈ ${formatTokens(need)})`));
		}
		let longest: RateLimitHold | undefined;
		for (const h of holds) {
			if (h && (!longest || h.untilResetMs > longest.untilResetMs)) {
				longest = h;
			}
		}
		return longest;
	}
}

function hold(window: RateLimitWindow | undefined, limit: RateLimitKind, need: number, now: number, reason: (left: number) => string): RateLimitHold | undefined {
	if (!window || window.remaining === undefined || window.resetAt === undefined || now >= window.resetAt) {
		return undefined;
	}
	// Requests need 1, so "remaining < need" is "remaining ≤ 0" for them.
	if (need <= 0 || window.remaining >= need || (window.limit !== undefined && need > window.limit)) {
		return undefined;
	}
	const untilResetMs = Math.max(0, window.resetAt - now) + RESET_MARGIN_MS;
	const delayMs = Math.min(untilResetMs, MAX_PACING_HOLD_MS);
	return { delayMs, untilResetMs, capped: delayMs < untilResetMs, limit, reason: reason(window.remaining) };
}
