import * as assert from 'node:assert/strict';
import { createClient, streamMessage, StreamFailure } from '../../../../src/core/anthropic/client';
import type { RateLimitSnapshot } from '../../../../src/core/anthropic/rateLimits';
import { MAX_PACING_HOLD_MS, parseRateLimitHeaders, RateLimitTracker, RESET_MARGIN_MS } from '../../../../src/core/anthropic/rateLimits';
import { FakeAnthropicServer } from '../../../fake-anthropic/server';

const KEY = 'sk-ant-test-key';
const NOW = Date.parse('2025-02-24T22:25:00Z');

/** A Headers-like lookup over a plain record, the way the SDK's fetch Headers answer (null when absent). */
function getter(headers: Record<string, string>): (name: string) => string | null {
	const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	return (name) => lower.get(name.toLowerCase()) ?? null;
}

/**
 * The headers of a real streaming response, from a third-party capture (2025; docs/anthropic-api.md, Rate limits): the
 * input-tokens values and the other headers as captured, the output, requests and tokens values illustrative.
 */
const CAPTURED: Record<string, string> = {
	'anthropic-ratelimit-input-tokens-limit': '80000',
	'anthropic-ratelimit-input-tokens-remaining': '78000',
	'anthropic-ratelimit-input-tokens-reset': '2025-02-24T22:25:32Z',
	'anthropic-ratelimit-output-tokens-limit': '16000',
	'anthropic-ratelimit-output-tokens-remaining': '16000',
	'anthropic-ratelimit-output-tokens-reset': '2025-02-24T22:25:32Z',
	'anthropic-ratelimit-requests-limit': '1000',
	'anthropic-ratelimit-requests-remaining': '999',
	'anthropic-ratelimit-requests-reset': '2025-02-24T22:25:31Z',
	'anthropic-ratelimit-tokens-limit': '96000',
	'anthropic-ratelimit-tokens-remaining': '94000',
	'anthropic-ratelimit-tokens-reset': '2025-02-24T22:25:32Z',
	'cache-control': 'no-cache',
	'content-type': 'text/event-stream; charset=utf-8',
	'request-id': 'req_01UBbuBZTAEGvsiW3otqwmYr',
	server: 'cloudflare',
};

function trackerWith(snapshot: RateLimitSnapshot): RateLimitTracker {
	const tracker = new RateLimitTracker(() => NOW);
	tracker.update(snapshot);
	return tracker;
}

describe('rate limits: parsing the anthropic-ratelimit-* headers', () => {
	it('reads the captured header set: all four limits, reset as epoch ms', () => {
		const s = parseRateLimitHeaders(getter(CAPTURED), NOW);
		assert.deepEqual(s, {
			receivedAt: NOW,
			requests: { limit: 1000, remaining: 999, resetAt: Date.parse('2025-02-24T22:25:31Z') },
			tokens: { limit: 96000, remaining: 94000, resetAt: NOW + 32_000 },
			inputTokens: { limit: 80000, remaining: 78000, resetAt: NOW + 32_000 },
			outputTokens: { limit: 16000, remaining: 16000, resetAt: NOW + 32_000 },
		});
	});

	it('is undefined when no rate-limit header is there, and leaves out limits that are missing', () => {
		assert.equal(parseRateLimitHeaders(getter({ 'request-id': 'req_1', 'content-type': 'application/json' }), NOW), undefined);
		assert.equal(parseRateLimitHeaders(() => undefined, NOW), undefined);
		const onlyRequests = parseRateLimitHeaders(getter({ 'anthropic-ratelimit-requests-remaining': '5' }), NOW);
		assert.deepEqual(onlyRequests, { receivedAt: NOW, requests: { remaining: 5 } });
	});

	it('drops garbled values field by field: negatives, fractions, words, non-RFC 3339 or impossible dates, a throwing getter', () => {
		const s = parseRateLimitHeaders(getter({
			'anthropic-ratelimit-requests-limit': '-1',
			'anthropic-ratelimit-requests-remaining': ' 7 ',
			'anthropic-ratelimit-requests-reset': '1',
			'anthropic-ratelimit-input-tokens-limit': '1.5',
			'anthropic-ratelimit-input-tokens-remaining': 'lots',
			'anthropic-ratelimit-input-tokens-reset': '2025-02-24T22:25:32+01:00',
			'anthropic-ratelimit-output-tokens-remaining': '',
			'anthropic-ratelimit-output-tokens-reset': 'Mon, 24 Feb 2025 22:25:32 GMT',
			'anthropic-ratelimit-tokens-reset': '2025-02-30T99:99:99Z',
		}), NOW);
		assert.deepEqual(s, {
			receivedAt: NOW,
			requests: { remaining: 7 },
			inputTokens: { resetAt: Date.parse('2025-02-24T21:25:32Z') },
		});
		assert.equal(parseRateLimitHeaders(() => {
			throw new Error('boom');
		}, NOW), undefined);
	});
});

describe('rate limits: when to hold the next request (fixed clock)', () => {
	const small = { inputTokens: 2000, maxOutputTokens: 4096 };

	it('no snapshot, or enough budget everywhere → no hold', () => {
		assert.equal(new RateLimitTracker(() => NOW).holdFor(small), undefined);
		assert.equal(trackerWith(parseRateLimitHeaders(getter(CAPTURED), NOW)!).holdFor(small), undefined);
	});

	it('requests exhausted → hold until the requests reset plus the margin, with a short reason', () => {
		const tracker = trackerWith({ receivedAt: NOW, requests: { limit: 50, remaining: 0, resetAt: NOW + 12_000 } });
		assert.deepEqual(tracker.holdFor(small), { delayMs: 12_000 + RESET_MARGIN_MS, untilResetMs: 12_000 + RESET_MARGIN_MS, capped: false, limit: 'requests', reason: '0 requests left this minute' });
		assert.equal(tracker.holdFor(small, NOW + 10_000)?.delayMs, 2000 + RESET_MARGIN_MS, 'the wait shrinks as time passes');
	});

	it('once the reset has passed (the snapshot is stale) → no hold', () => {
		const tracker = trackerWith({ receivedAt: NOW, requests: { remaining: 0, resetAt: NOW + 12_000 } });
		assert.equal(tracker.holdFor(small, NOW + 12_000), undefined);
		assert.equal(tracker.holdFor(small, NOW + 3_600_000), undefined);
	});

	it('input tokens short of this request → hold until the input reset, with both numbers in the reason', () => {
		const tracker = trackerWith({ receivedAt: NOW, inputTokens: { limit: 80_000, remaining: 12_000, resetAt: NOW + 30_000 } });
		const hold = tracker.holdFor({ inputTokens: 30_000, maxOutputTokens: 1000 });
		assert.equal(hold?.limit, 'inputTokens');
		assert.equal(hold?.delayMs, 30_000 + RESET_MARGIN_MS);
		assert.equal(hold?.reason, 'input-token limit nearly used (12k left, this request ≈ 30k)');
		assert.equal(tracker.holdFor({ inputTokens: 11_000, maxOutputTokens: 1000 }), undefined, 'fits in what is left');
		assert.equal(tracker.holdFor({ inputTokens: 90_000, maxOutputTokens: 1000 }), undefined, 'bigger than the limit itself: waiting cannot help');
	});

	it('output tokens below min(max_tokens, 1024) → hold; a small max_tokens still fits', () => {
		const tracker = trackerWith({ receivedAt: NOW, outputTokens: { limit: 16_000, remaining: 300, resetAt: NOW + 5000 } });
		const hold = tracker.holdFor({ inputTokens: 10, maxOutputTokens: 8192 });
		assert.equal(hold?.limit, 'outputTokens');
		assert.equal(hold?.reason, 'output-token limit nearly used (300 left)');
		assert.equal(tracker.holdFor({ inputTokens: 10, maxOutputTokens: 200 }), undefined);
	});

	it('the combined tokens limit counts only when input/output headers are absent', () => {
		const tokens = { limit: 40_000, remaining: 3000, resetAt: NOW + 20_000 };
		const hold = trackerWith({ receivedAt: NOW, tokens }).holdFor({ inputTokens: 2500, maxOutputTokens: 4096 });
		assert.equal(hold?.limit, 'tokens');
		assert.equal(hold?.reason, 'token limit nearly used (3k left, this request ≈ 3.5k)');
		assert.equal(trackerWith({ receivedAt: NOW, tokens, inputTokens: { remaining: 50_000, resetAt: NOW + 20_000 } }).holdFor({ inputTokens: 2500, maxOutputTokens: 4096 }), undefined);
	});

	it('several short limits → the longest wait; beyond the cap delayMs is capped and says so', () => {
		const tracker = trackerWith({
			receivedAt: NOW,
			requests: { remaining: 0, resetAt: NOW + 4000 },
			inputTokens: { remaining: 0, resetAt: NOW + 90_000 },
		});
		const hold = tracker.holdFor(small);
		assert.equal(hold?.limit, 'inputTokens');
		assert.equal(hold?.delayMs, MAX_PACING_HOLD_MS);
		assert.equal(hold?.untilResetMs, 90_000 + RESET_MARGIN_MS);
		assert.equal(hold?.capped, true);
	});

	it('a limit without a readable reset never holds; undefined updates and older snapshots do not replace the newest', () => {
		const tracker = trackerWith({ receivedAt: NOW, requests: { remaining: 0 } });
		assert.equal(tracker.holdFor(small), undefined);
		const newest: RateLimitSnapshot = { receivedAt: NOW + 10, requests: { remaining: 0, resetAt: NOW + 1000 } };
		tracker.update(newest);
		tracker.update(undefined);
		tracker.update({ receivedAt: NOW + 5, requests: { remaining: 40, resetAt: NOW + 1000 } });
		assert.equal(tracker.snapshot, newest);
		assert.equal(tracker.holdFor(small)?.limit, 'requests');
		tracker.clear();
		assert.equal(tracker.holdFor(small), undefined);
	});
});

describe('rate limits: captured from real SDK responses (fake server)', () => {
	let server: FakeAnthropicServer;
	before(async () => {
		server = await FakeAnthropicServer.start({ apiKeys: [KEY] });
	});
	after(() => server.close());
	beforeEach(() => server.reset());

	const request = (signal = new AbortController().signal) => ({ model: 'claude-haiku-4-5', maxTokens: 100, system: 's', messages: [{ role: 'user' as const, content: 'hi' }], signal });

	it('a successful stream carries the response\'s limits: 0 requests left, reset ~5 s ahead → the next request is held', async () => {
		server.setRateLimits({ requestsRemaining: 0, resetInMs: 5000 });
		const { client } = await createClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
		const before = Date.now();
		const outcome = await streamMessage(client, request(), () => undefined);
		const limits = outcome.rateLimits;
		assert.ok(limits, 'rateLimits captured');
		assert.equal(limits.requests?.remaining, 0);
		assert.equal(limits.requests?.limit, 4000);
		assert.ok(limits.inputTokens?.remaining !== undefined && limits.outputTokens?.remaining !== undefined && limits.tokens?.remaining !== undefined);
		const resetIn = limits.requests!.resetAt! - before;
		assert.ok(resetIn >= 5000 && resetIn <= 7000, `reset in ${resetIn} ms`);
		assert.ok(limits.receivedAt >= before && limits.receivedAt <= Date.now());

		const tracker = new RateLimitTracker();
		tracker.update(limits);
		const hold = tracker.holdFor({ inputTokens: 10, maxOutputTokens: 100 });
		assert.equal(hold?.limit, 'requests');
		assert.ok(hold.delayMs > 3000 && hold.delayMs <= 7000 + RESET_MARGIN_MS, `hold ${hold.delayMs} ms`);
	});

	it('a 429 carries its headers into the StreamFailure\'s partial.rateLimits', async () => {
		server.enqueue({ rateLimits: { requestsRemaining: 0, inputTokensRemaining: 0, resetInMs: 20_000 }, fault: { kind: 'http', status: 429, retryAfterMs: 1000 } });
		const { client } = await createClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
		const failure = await streamMessage(client, request(), () => undefined).then(
			() => assert.fail('expected a 429'),
			(err: unknown) => err,
		);
		assert.ok(failure instanceof StreamFailure);
		const limits = failure.partial.rateLimits;
		assert.equal(limits?.requests?.remaining, 0);
		assert.equal(limits?.inputTokens?.remaining, 0);
		assert.ok(limits.requests.resetAt! > Date.now() + 15_000);
	});

	it('a failure after the 200 keeps the stream\'s own headers', async () => {
		server.enqueue({ rateLimits: { outputTokensRemaining: 777 }, text: 'abcdefghij', chunkSize: 5, fault: { kind: 'errorEvent', afterDeltas: 1 } });
		const { client } = await createClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
		const failure = await streamMessage(client, request(), () => undefined).then(
			() => assert.fail('expected a stream error'),
			(err: unknown) => err,
		);
		assert.ok(failure instanceof StreamFailure);
		assert.equal(failure.partial.rateLimits?.outputTokens?.remaining, 777);
	});
});
