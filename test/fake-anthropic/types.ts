import type * as http from 'node:http';
import type { RateLimitScript } from './rateLimits';

/**
 * Token counts a scripted reply may pin. Anything left out is computed from the request, so tests only state the
 * numbers they actually assert on.
 */
export type UsageOverride = Partial<{
	input_tokens: number;
	output_tokens: number;
	cache_creation_input_tokens: number;
	cache_read_input_tokens: number;
	ephemeral_5m_input_tokens: number;
	ephemeral_1h_input_tokens: number;
}>;

/**
 * A failure injected into one HTTP attempt. The kinds mirror the ways the real API fails (docs/anthropic-api.md:
 * Errors, Streaming, SDK retries, timeouts and aborts): an HTTP error status before any byte of the answer, an SSE
 * `error` event after a 200, a dropped socket, a server that goes silent, and a stream that ends without
 * `message_stop`.
 *
 * `afterDeltas` counts `content_block_delta` events of every block (thinking and text alike). When the reply has
 * fewer deltas, the fault fires just before `message_delta`.
 *
 * A JSON (non-streaming) answer has no deltas: there `destroy` with `afterDeltas: 0` drops the connection before any
 * response, and with more the 200 status, headers and the first half of the body go out before the drop (a response
 * cut part-way, which SDK ≥ 1.17 sends again within `maxRetries`).
 */
export type Fault =
	| {
		kind: 'http'; status: number; errorType?: string; message?: string; retryAfterMs?: number; retryAfter?: string; shouldRetry?: boolean;
		/** `error.details.error_code` (2026 API): the SDK picks a specific error class by status and code. */
		errorCode?: string;
	}
	| { kind: 'errorEvent'; afterDeltas: number; errorType?: string; message?: string }
	| { kind: 'destroy'; afterDeltas: number }
	| { kind: 'stall'; afterDeltas: number }
	| { kind: 'noMessageStop' };

/**
 * What the fake answers to one attempt at `POST /v1/messages`. Tests script behaviour with data instead of stubs so
 * the real SDK exercises its real HTTP, SSE and retry code.
 */
export interface ScriptedReply {
	/** Answer text. Default: "Hello from the fake Anthropic server." */
	text?: string;
	/** Explicit `text_delta` pieces; their concatenation is the answer text (overrides `text`). */
	chunks?: string[];
	/** Characters per `text_delta` when `chunks` is not given. Default 12. */
	chunkSize?: number;
	/** Pause between deltas (and between fixture events), in ms. Default 0. */
	delayMs?: number;
	/**
	 * Pause before the first delta, after `message_start` and `content_block_start`, in ms: the model's time to first
	 * token, as a benchmark needs it. Default 0.
	 */
	firstDeltaDelayMs?: number;
	/** Default `end_turn`, or `max_tokens` when the answer had to be cut to the request's `max_tokens`. */
	stopReason?: string;
	/** The matched stop sequence when `stopReason` is `stop_sequence`. Default: the request's first `stop_sequences` entry. */
	stopSequence?: string;
	/** Default: a refusal object for `refusal`, otherwise null. */
	stopDetails?: object;
	/** Default: the request's model. */
	model?: string;
	/** Overrides the computed token counts. */
	usage?: UsageOverride;
	/** Emit a thinking block (thinking_delta + signature_delta) before the text block. */
	thinking?: string;
	/** Emit a block of an unknown type with an unknown delta type before the text, as the API may add new ones. */
	unknownBlock?: boolean;
	/** Send a `ping` after the first `content_block_start`. Default true. */
	pings?: boolean;
	fault?: Fault;
	/** Replay `fixtures/sse/<name>.sse` verbatim (streaming) or its accumulated message (JSON). */
	fixture?: string;
	/** In a batch: this request expired (the batch did not reach it within 24 hours) instead of being answered. */
	batchExpired?: boolean;
	/** Rate-limit headers of this attempt's response, over the server-wide {@link FakeAnthropicServer.setRateLimits}. */
	rateLimits?: RateLimitScript;
}

/** One HTTP request as the fake saw it, so tests can assert on what the client actually sent. */
export interface ReceivedRequest {
	method: string;
	/** Path without the query string, e.g. `/v1/messages`. */
	path: string;
	query: Record<string, string | string[]>;
	headers: http.IncomingHttpHeaders;
	/** Parsed JSON body, or undefined when there was none (or it was not JSON). */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	/** From `x-api-key`, else from `Authorization: Bearer`; `x-api-key` wins like on the real API. */
	apiKey?: string;
	/** The `request-id` header this request was answered with. */
	requestId: string;
	/** A streamed answer's events in the order written, with when (the server's performance.now()). */
	sse?: Array<{ event: string; at: number }>;
}

/** Options of {@link FakeAnthropicServer.start}. */
export interface FakeServerOptions {
	/** Port to bind on 127.0.0.1; default 0 (any free port). */
	port?: number;
	/** Keys that authenticate; default `['sk-ant-test-key']`. Ignored in demo mode. */
	apiKeys?: string[];
	/** Accept any non-empty key and answer with a canned, clearly labelled offline-demo answer. */
	demo?: boolean;
	/** Where `<name>.sse` fixtures live; default `test/fake-anthropic/fixtures/sse`. */
	fixturesDir?: string;
	/** How long a batch stays `in_progress` after creation, in ms (measured with `now`). Default 0. */
	batchDelayMs?: number;
	/** How long a canceled batch stays `canceling` before it ends, in ms (measured with `now`). Default 0. */
	batchCancelDelayMs?: number;
	/** Clock for cache expiry and batch timing, so tests can move time forward. Default `Date.now`. */
	now?: () => number;
	/** Called once per request after it has been answered or started streaming (the CLI logs with it). */
	onRequest?: (req: ReceivedRequest, status: number) => void;
}
