import { RETRYABLE_ERROR_KINDS, type ErrorKind } from '../../shared/protocol';

/**
 * Our visible retry policy, used instead of the SDK's silent one (the chat client is built with `maxRetries: 0`),
 * so the user sees each wait and can skip or cancel it. Pure: the random source is a parameter and nothing here
 * sleeps, so the policy is unit-tested without timers.
 */

/** First backoff step before jitter: the SDK's own policy starts at 0.5 s; a visible wait can afford 1 s. */
export const DEFAULT_RETRY_BASE_MS = 1000;

/** Attempts per request (the first one included) when the settings say nothing. */
export const DEFAULT_RETRY_MAX_ATTEMPTS = 5;

/** Ceiling of our own exponential backoff when the settings say nothing (a server's retry-after may exceed it). */
export const DEFAULT_RETRY_MAX_DELAY_MS = 60_000;

/**
 * Hard ceiling on any wait, including one the server asked for with retry-after. The API documents that earlier
 * retries fail, so a longer server wait is not shortened: the request is given up instead, and the error says why.
 */
export const MAX_RETRY_WAIT_MS = 5 * 60_000;

/** Upper bound for the attempts setting, so a typo cannot make a request hammer the API for an hour. */
export const MAX_RETRY_ATTEMPTS = 20;

/** Inputs of {@link backoffDelayMs}; `random` is a parameter so tests pin the jitter. */
export interface BackoffOptions {
	/** First step of the exponential backoff (attempt 0), default {@link DEFAULT_RETRY_BASE_MS}. */
	baseMs?: number;
	/** Ceiling of the exponential part; the server's retry-after is honoured beyond it (up to {@link MAX_RETRY_WAIT_MS}). */
	capMs: number;
	/** A number in [0, 1), `Math.random` in production, fixed in tests. */
	random: () => number;
	/** What the server asked for with retry-after-ms / retry-after, if anything. */
	retryAfterMs?: number;
}

/**
 * How long to wait before the retry with index `attempt` (0 = the first retry). Exponential backoff with full
 * jitter, `random() × min(cap, base × 2^attempt)`, which spreads clients out better than the SDK's ±25 % jitter.
 * A server-given wait is a minimum (retrying earlier fails), even above `capMs`, but never beyond
 * {@link MAX_RETRY_WAIT_MS}. Whole milliseconds.
 */
export function backoffDelayMs(attempt: number, opts: BackoffOptions): number {
	const base = opts.baseMs ?? DEFAULT_RETRY_BASE_MS;
	const ceiling = Math.min(Math.max(0, opts.capMs), base * 2 ** Math.max(0, attempt));
	const jittered = Math.floor(clamp01(opts.random()) * ceiling);
	const server = opts.retryAfterMs !== undefined && Number.isFinite(opts.retryAfterMs) && opts.retryAfterMs > 0 ? Math.ceil(opts.retryAfterMs) : 0;
	return Math.min(MAX_RETRY_WAIT_MS, Math.max(jittered, server));
}

/**
 * Whether a failure of this kind is worth retrying unchanged: rate limits, overload, network, server errors and
 * timeouts. Key, permission and request errors fail the same way every time.
 */
export function shouldRetry(kind: ErrorKind): boolean {
	return RETRYABLE_ERROR_KINDS.includes(kind);
}

/** What to do after a failed attempt. */
export type RetryDecision =
	| { retry: true; delayMs: number }
	| { retry: false; why: 'notRetryable' | 'exhausted' }
	/** The server asked for a wait beyond {@link MAX_RETRY_WAIT_MS}; `retryAfterMs` is what it asked for. */
	| { retry: false; why: 'waitTooLong'; retryAfterMs: number };

/** Everything {@link nextRetry} decides on: the failure, the attempt count and the backoff inputs. */
export interface RetryState {
	/** 1-based number of the attempt that just failed. */
	failedAttempt: number;
	/** Attempts allowed in total, the first one included. */
	maxAttempts: number;
	kind: ErrorKind;
	retryAfterMs?: number;
	/** Ceiling of the exponential backoff. */
	capMs: number;
	random: () => number;
	baseMs?: number;
}

/** The whole policy in one pure step: retry (after how long) or give up (and why, so the user can be told). */
export function nextRetry(s: RetryState): RetryDecision {
	if (!shouldRetry(s.kind)) {
		return { retry: false, why: 'notRetryable' };
	}
	if (s.failedAttempt >= s.maxAttempts) {
		return { retry: false, why: 'exhausted' };
	}
	if (s.retryAfterMs !== undefined && s.retryAfterMs > MAX_RETRY_WAIT_MS) {
		return { retry: false, why: 'waitTooLong', retryAfterMs: s.retryAfterMs };
	}
	return { retry: true, delayMs: backoffDelayMs(s.failedAttempt - 1, s) };
}

/** The attempts setting as used: a whole number in [1, {@link MAX_RETRY_ATTEMPTS}], else the default. */
export function normalizeMaxAttempts(value: number | undefined): number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? Math.min(value, MAX_RETRY_ATTEMPTS) : DEFAULT_RETRY_MAX_ATTEMPTS;
}

/** The backoff ceiling setting as used: a non-negative number no larger than {@link MAX_RETRY_WAIT_MS}, else the default. */
export function normalizeMaxDelayMs(value: number | undefined): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(value, MAX_RETRY_WAIT_MS) : DEFAULT_RETRY_MAX_DELAY_MS;
}

/** Short reason shown while waiting ("Rate limited, retrying in 12 s"); the webview adds the countdown. */
export function retryReason(kind: ErrorKind): string {
	switch (kind) {
		case 'rateLimit': return 'Rate limited';
		case 'overloaded': return 'The API is overloaded';
		case 'network': return 'Network error';
		case 'timeout': return 'The request timed out';
		case 'server': return 'The API had a server error';
		default: return 'The request failed';
	}
}

/** "5 min", "90 s": a wait as the user reads it. */
export function formatWait(ms: number): string {
	const s = Math.ceil(ms / 1000);
	return s >= 60 && s % 60 === 0 ? `${s / 60} min` : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

function clamp01(x: number): number {
	return Number.isFinite(x) ? Math.min(Math.max(x, 0), 1) : 0;
}

/** Why automatic retrying stopped, appended to the error message; empty when nothing was retried or tried. */
export function giveUpNote(decision: Exclude<RetryDecision, { retry: true }>, attempts: number): string {
	switch (decision.why) {
		case 'exhausted':
			return attempts > 1 ? ` Gave up after ${attempts} attempts.` : '';
		case 'waitTooLong':
			return ` The API asked to wait ${formatWait(decision.retryAfterMs)}; automatic retries wait at most ${formatWait(MAX_RETRY_WAIT_MS)}, so Retry when you are ready.`;
		case 'notRetryable':
			return '';
	}
}

/** The default wait between attempts: a timer that ends early (resolving) when `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) {
			resolve();
			return;
		}
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, { once: true });
	});
}

/**
 * Waits `delayMs` before the next attempt. `onWaiting` gets a `skip` function (Retry Now) before the wait starts.
 * Resolves true to go on (the wait elapsed or was skipped), false when the request was aborted meanwhile. Racing the
 * sleep with the skip means even a sleep that ignores its signal cannot hold up Retry Now or Cancel.
 */
export async function waitForRetry(
	request: AbortSignal,
	delayMs: number,
	sleep: (ms: number, signal: AbortSignal) => Promise<void>,
	onWaiting: (skip: () => void) => void,
): Promise<boolean> {
	const wait = new AbortController();
	const end = () => wait.abort();
	const ended = new Promise<void>((resolve) => wait.signal.addEventListener('abort', () => resolve(), { once: true }));
	request.addEventListener('abort', end, { once: true });
	try {
		onWaiting(end);
		if (!wait.signal.aborted && !request.aborted) {
			await Promise.race([sleep(delayMs, wait.signal).catch(() => undefined), ended]);
		}
	} finally {
		request.removeEventListener('abort', end);
		wait.abort();
	}
	return !request.aborted;
}
