/**
 * The `anthropic-ratelimit-*` response headers (docs/anthropic-api.md, Rate limits). By default they describe a
 * generous account that is far from its limits; tests script the remaining budgets to drive client-side pacing. The
 * fake only reports: it never rejects a request for being over a limit (script a 429 with a `fault` for that), so a
 * test controls both sides.
 */

/**
 * What the rate-limit headers of a response report. Every field is optional; a missing one keeps the default.
 * Remaining values are what is left after the request being answered, as on the real API.
 */
export interface RateLimitScript {
	requestsRemaining?: number;
	/** The combined `tokens-*` trio; default: the more restrictive of input and output, rounded to the nearest thousand. */
	tokensRemaining?: number;
	inputTokensRemaining?: number;
	outputTokensRemaining?: number;
	/** Time from the response to full replenishment, for every limit; default: the next full minute. */
	resetInMs?: number;
}

/** Limits of the default account; a scripted remaining above its limit raises the limit to match. */
export const DEFAULT_RATE_LIMITS = { requests: 4000, inputTokens: 2_000_000, outputTokens: 400_000 } as const;

/** RFC 3339 with whole seconds, like the real headers (`2025-02-24T22:25:32Z`). */
function rfc3339(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The twelve `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}` headers.
 * `defaultRequestsRemaining` is what an unscripted response reports (the caller counts requests). A scripted reset
 * is rounded up to the whole second, so it is never earlier than asked.
 */
export function rateLimitHeaders(now: number, script: RateLimitScript, defaultRequestsRemaining: number): Record<string, string> {
	const resetMs = script.resetInMs !== undefined ? Math.ceil((now + Math.max(0, script.resetInMs)) / 1000) * 1000 : Math.ceil((now + 1) / 60_000) * 60_000;
	const reset = rfc3339(resetMs);
	const requests = trio(DEFAULT_RATE_LIMITS.requests, script.requestsRemaining ?? defaultRequestsRemaining);
	const input = trio(DEFAULT_RATE_LIMITS.inputTokens, script.inputTokensRemaining ?? DEFAULT_RATE_LIMITS.inputTokens);
	const output = trio(DEFAULT_RATE_LIMITS.outputTokens, script.outputTokensRemaining ?? DEFAULT_RATE_LIMITS.outputTokens);
	// "The most restrictive limit currently in effect": the token limit with the least left.
	const tightest = output.remaining <= input.remaining ? output : input;
	const tokens = trio(tightest.limit, Math.round((script.tokensRemaining ?? tightest.remaining) / 1000) * 1000);
	const headers: Record<string, string> = {};
	for (const [name, t] of [['requests', requests], ['tokens', tokens], ['input-tokens', input], ['output-tokens', output]] as const) {
		headers[`anthropic-ratelimit-${name}-limit`] = String(t.limit);
		headers[`anthropic-ratelimit-${name}-remaining`] = String(t.remaining);
		headers[`anthropic-ratelimit-${name}-reset`] = reset;
	}
	return headers;
}

function trio(limit: number, remaining: number): { limit: number; remaining: number } {
	const left = Math.max(0, Math.floor(remaining));
	return { limit: Math.max(limit, left), remaining: left };
}
