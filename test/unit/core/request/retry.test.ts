import * as assert from 'node:assert/strict';
import {
	backoffDelayMs, DEFAULT_RETRY_MAX_ATTEMPTS, DEFAULT_RETRY_MAX_DELAY_MS, formatWait, MAX_RETRY_WAIT_MS, nextRetry,
	normalizeMaxAttempts, normalizeMaxDelayMs, retryReason, shouldRetry,
} from '../../../../src/core/request/retry';
import type { ErrorKind } from '../../../../src/shared/protocol';

const fixed = (x: number) => () => x;

describe('retry policy: backoff with full jitter', () => {
	it('doubles the ceiling per attempt from a 1 s base and scales it by random()', () => {
		assert.deepEqual([0, 1, 2, 3, 4].map((a) => backoffDelayMs(a, { capMs: 60_000, random: fixed(0.5) })), [500, 1000, 2000, 4000, 8000]);
		assert.deepEqual([0, 1, 2].map((a) => backoffDelayMs(a, { baseMs: 200, capMs: 60_000, random: fixed(0.25) })), [50, 100, 200]);
	});

	it('is full jitter: anywhere from 0 up to (not including) the ceiling', () => {
		assert.equal(backoffDelayMs(3, { capMs: 60_000, random: fixed(0) }), 0);
		assert.equal(backoffDelayMs(3, { capMs: 60_000, random: fixed(0.999999) }), 7999);
	});

	it('caps the exponential part at capMs', () => {
		assert.equal(backoffDelayMs(20, { capMs: 60_000, random: fixed(0.5) }), 30_000);
		assert.equal(backoffDelayMs(2, { capMs: 1000, random: fixed(0.9) }), 900);
	});

	it('waits at least what the server asked for, even beyond capMs', () => {
		assert.equal(backoffDelayMs(0, { capMs: 60_000, random: fixed(0.5), retryAfterMs: 12_000 }), 12_000);
		assert.equal(backoffDelayMs(0, { capMs: 1000, random: fixed(0.5), retryAfterMs: 90_000 }), 90_000);
		assert.equal(backoffDelayMs(4, { capMs: 60_000, random: fixed(0.5), retryAfterMs: 5 }), 8000, 'a shorter server hint does not shorten our backoff');
		assert.equal(backoffDelayMs(0, { capMs: 60_000, random: fixed(0), retryAfterMs: 2.2 }), 3, 'whole milliseconds, rounded up');
	});

	it('never waits beyond the 5-minute hard ceiling', () => {
		assert.equal(MAX_RETRY_WAIT_MS, 300_000);
		assert.equal(backoffDelayMs(0, { capMs: 60_000, random: fixed(0.5), retryAfterMs: 3_600_000 }), MAX_RETRY_WAIT_MS);
		assert.equal(backoffDelayMs(30, { capMs: 10_000_000, random: fixed(0.99) }), MAX_RETRY_WAIT_MS);
	});

	it('ignores nonsense: a zero or negative retry-after, a random() out of range', () => {
		assert.equal(backoffDelayMs(0, { capMs: 60_000, random: fixed(0.5), retryAfterMs: 0 }), 500);
		assert.equal(backoffDelayMs(0, { capMs: 60_000, random: fixed(0.5), retryAfterMs: -1 }), 500);
		assert.equal(backoffDelayMs(0, { capMs: 60_000, random: fixed(7) }), 1000);
		assert.equal(backoffDelayMs(0, { capMs: 60_000, random: fixed(Number.NaN) }), 0);
	});
});

describe('retry policy: what is retried', () => {
	const retried: ErrorKind[] = ['rateLimit', 'overloaded', 'network', 'server', 'timeout'];
	const notRetried: ErrorKind[] = ['noKey', 'keyStoreUnavailable', 'sdkMissing', 'badBaseUrl', 'auth', 'permission', 'badRequest', 'tooLarge', 'unknown'];
	for (const kind of retried) {
		it(`retries ${kind}`, () => assert.equal(shouldRetry(kind), true));
	}
	for (const kind of notRetried) {
		it(`does not retry ${kind}`, () => assert.equal(shouldRetry(kind), false));
	}

	const base = { maxAttempts: 5, capMs: 60_000, random: fixed(0.5) };

	it('nextRetry: attempt n failed → wait the backoff of retry n-1, until maxAttempts attempts were made', () => {
		assert.deepEqual(nextRetry({ ...base, failedAttempt: 1, kind: 'rateLimit' }), { retry: true, delayMs: 500 });
		assert.deepEqual(nextRetry({ ...base, failedAttempt: 4, kind: 'overloaded' }), { retry: true, delayMs: 4000 });
		assert.deepEqual(nextRetry({ ...base, failedAttempt: 5, kind: 'overloaded' }), { retry: false, why: 'exhausted' });
		assert.deepEqual(nextRetry({ ...base, maxAttempts: 1, failedAttempt: 1, kind: 'network' }), { retry: false, why: 'exhausted' });
	});

	it('nextRetry: never retries a kind that fails the same way every time', () => {
		assert.deepEqual(nextRetry({ ...base, failedAttempt: 1, kind: 'auth' }), { retry: false, why: 'notRetryable' });
	});

	it('nextRetry: honours retry-after up to 5 minutes, and gives up (saying so) beyond', () => {
		assert.deepEqual(nextRetry({ ...base, failedAttempt: 1, kind: 'rateLimit', retryAfterMs: MAX_RETRY_WAIT_MS }), { retry: true, delayMs: MAX_RETRY_WAIT_MS });
		assert.deepEqual(nextRetry({ ...base, failedAttempt: 1, kind: 'rateLimit', retryAfterMs: 600_000 }), { retry: false, why: 'waitTooLong', retryAfterMs: 600_000 });
	});

	it('normalizes the optional settings to sane values', () => {
		assert.equal(normalizeMaxAttempts(undefined), DEFAULT_RETRY_MAX_ATTEMPTS);
		assert.equal(DEFAULT_RETRY_MAX_ATTEMPTS, 5);
		assert.equal(normalizeMaxAttempts(0), 5);
		assert.equal(normalizeMaxAttempts(2.5), 5);
		assert.equal(normalizeMaxAttempts(1), 1);
		assert.equal(normalizeMaxAttempts(1000), 20);
		assert.equal(normalizeMaxDelayMs(undefined), DEFAULT_RETRY_MAX_DELAY_MS);
		assert.equal(DEFAULT_RETRY_MAX_DELAY_MS, 60_000);
		assert.equal(normalizeMaxDelayMs(-5), 60_000);
		assert.equal(normalizeMaxDelayMs(0), 0);
		assert.equal(normalizeMaxDelayMs(10_000_000), MAX_RETRY_WAIT_MS);
	});

	it('names the reason the way the chat shows it, and formats waits', () => {
		assert.equal(retryReason('rateLimit'), 'Rate limited');
		assert.equal(retryReason('overloaded'), 'The API is overloaded');
		assert.equal(retryReason('network'), 'Network error');
		assert.equal(retryReason('timeout'), 'The request timed out');
		assert.equal(retryReason('server'), 'The API had a server error');
		assert.deepEqual([1, 12_000, 60_000, 65_000, 600_000].map(formatWait), ['1 s', '12 s', '1 min', '1 min 5 s', '10 min']);
	});
});
