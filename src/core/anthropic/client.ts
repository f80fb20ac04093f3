import type Anthropic from '@anthropic-ai/sdk';
import type * as SdkModule from '@anthropic-ai/sdk';
import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { parseRateLimitHeaders, type RateLimitSnapshot } from './rateLimits';

/** The SDK module, loaded on first use so activation never pays for it. */
export type Sdk = typeof SdkModule;

/**
 * A loader that runs `requireSdk` on first use and keeps the module once it loaded. A failed load is not kept: the
 * next request tries again (and reports the failure again) instead of failing forever on a cached rejection.
 */
export function sdkLoader(requireSdk: () => Sdk): () => Promise<Sdk> {
	let loaded: Promise<Sdk> | undefined;
	return () => {
		loaded ??= Promise.resolve().then(requireSdk).catch((err: unknown) => {
			loaded = undefined;
			throw err;
		});
		return loaded;
	};
}

/**
 * Loads `@anthropic-ai/sdk` once. In the bundle this resolves to dist/anthropic-sdk.js (see esbuild.js), so the
 * SDK is parsed on the first request, not at activation: a lazy require, not a top-level import, on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const loadSdk: () => Promise<Sdk> = sdkLoader(() => require('@anthropic-ai/sdk') as Sdk);

export interface ClientOptions {
	apiKey: string;
	/** Empty/undefined = the SDK default (which honours ANTHROPIC_BASE_URL). */
	baseUrl?: string;
	maxRetries: number;
	/** Per-attempt timeout; the SDK default (10 min) is far too long for an editor. */
	timeoutMs?: number;
}

/** Default per-attempt timeout: long answers stream, so this bounds silence rather than total time. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** A base URL setting as the SDK takes it, or why it cannot be used. */
export type BaseUrlCheck = { ok: true; baseURL: string | undefined } | { ok: false; cause: unknown };

/**
 * Checks the base URL setting: empty means the SDK default (undefined); anything else must be an absolute http(s)
 * URL. A trailing slash or `/v1` (users paste those) is dropped, because the SDK's paths already start with `/v1/`.
 */
export function checkBaseUrl(raw: string | undefined): BaseUrlCheck {
	const value = (raw ?? '').trim();
	if (!value) {
		return { ok: true, baseURL: undefined };
	}
	let url: URL;
	try {
		url = new URL(value);
	} catch (cause) {
		return { ok: false, cause };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { ok: false, cause: new TypeError(`unsupported protocol ${url.protocol}`) };
	}
	return { ok: true, baseURL: value.replace(/\/+$/, '').replace(/\/v1$/, '') };
}

/**
 * Builds an SDK client from explicit options only. The key and base URL are always passed, so the SDK's
 * credential chain (profiles, workload identity env vars) never kicks in behind the user's back.
 */
export function newClient(sdk: Sdk, opts: { apiKey: string; baseURL: string | undefined; maxRetries: number; timeoutMs: number }): Anthropic {
	return new sdk.default({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: opts.maxRetries, timeout: opts.timeoutMs, logLevel: 'off' });
}

/** Loads the SDK and builds a client (see {@link newClient}); rejects on a base URL that {@link checkBaseUrl} refuses. */
export async function createClient(opts: ClientOptions, load: () => Promise<Sdk> = loadSdk): Promise<{ client: Anthropic; sdk: Sdk }> {
	const base = checkBaseUrl(opts.baseUrl);
	if (!base.ok) {
		throw new TypeError('The base URL is not a valid http(s) URL.', { cause: base.cause });
	}
	const sdk = await load();
	return { client: newClient(sdk, { apiKey: opts.apiKey, baseURL: base.baseURL, maxRetries: opts.maxRetries, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS }), sdk };
}

export interface StreamParams {
	model: string;
	maxTokens: number;
	system: string | TextBlockParam[];
	messages: MessageParam[];
	signal: AbortSignal;
	/** Fail with a timeout when a started stream sends nothing for this long (the SDK's timeout stops at the headers). */
	idleTimeoutMs?: number;
}

/**
 * Default silence allowed inside a running stream. The SDK's own timeout covers only the wait for the response, so
 * a stream that stalls after its first bytes would otherwise spin forever.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 90_000;

/** What a finished (or failed) stream produced, as far as it got. */
export interface StreamOutcome {
	stopReason: string | null;
	/** Raw API usage object (convert with fromApiUsage); undefined if the stream never started. */
	usage: unknown;
	model: string;
	/** The API's `request-id` header. */
	apiRequestId?: string;
	/** Milliseconds from the call to the first text delta, if any arrived. */
	timeToFirstTokenMs?: number;
	/** The `anthropic-ratelimit-*` headers of the response (or of the error response), for request pacing. */
	rateLimits?: RateLimitSnapshot;
}

/** A stream that ended in an error (including user abort), carrying its usage, model and headers as far as known. */
export class StreamFailure extends Error {
	/**
	 * @param responseStarted the response's status and headers had arrived: a connection error after that is a drop
	 * part-way through the answer (classifyError's FailureContext).
	 */
	constructor(readonly cause: unknown, readonly partial: StreamOutcome, readonly responseStarted = false) {
		super(cause instanceof Error ? cause.message : String(cause));
		this.name = 'StreamFailure';
	}
}

/**
 * Streams one message with `client.messages.stream()`. Text deltas go to `onText` as they arrive; thinking and
 * unknown block types are ignored (the SDK assembles them, we only show text). Resolves with the final outcome or
 * rejects with a StreamFailure holding the usage so far (the text already went to `onText`).
 *
 * The SDK never sends this request again on its own (`maxRetries: 0` on the call, whatever the client's setting):
 * the request is billed and its answer is on screen, so only the caller's visible retry policy may repeat it.
 */
export async function streamMessage(
	client: Anthropic,
	params: StreamParams,
	onText: (delta: string) => void,
	now: () => number = Date.now,
): Promise<StreamOutcome> {
	const started = now();
	let timeToFirstTokenMs: number | undefined;
	const stream = client.messages.stream(
		{ model: params.model, max_tokens: params.maxTokens, system: params.system, messages: params.messages },
		{ signal: params.signal, maxRetries: 0 },
	);
	// Watchdog: every event (text, thinking, anything) proves the stream is alive.
	let idledOut = false;
	let idleTimer: ReturnType<typeof setTimeout> | undefined;
	const idleMs = params.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
	const arm = () => {
		clearTimeout(idleTimer);
		idleTimer = setTimeout(() => {
			idledOut = true;
			stream.abort();
		}, idleMs);
	};
	stream.on('connect', arm);
	// Read at connect time, so snapshots of concurrent requests order by when the server counted them.
	let rateLimits: RateLimitSnapshot | undefined;
	let responseStarted = false;
	stream.on('connect', () => {
		responseStarted = true;
		rateLimits = rateLimitsOf(stream.response?.headers, now());
	});
	stream.on('streamEvent', arm);
	stream.on('end', () => clearTimeout(idleTimer));
	stream.on('text', (delta) => {
		if (timeToFirstTokenMs === undefined) {
			timeToFirstTokenMs = now() - started;
		}
		onText(delta);
	});
	try {
		const message = await stream.finalMessage();
		clearTimeout(idleTimer);
		return {
			stopReason: message.stop_reason,
			usage: message.usage,
			model: message.model || params.model,
			apiRequestId: stream.request_id ?? undefined,
			timeToFirstTokenMs,
			rateLimits,
		};
	} catch (caught) {
		clearTimeout(idleTimer);
		const err = idledOut ? new (await loadSdk()).APIConnectionTimeoutError({ message: `no data from the API for ${idleMs / 1000} s` }) : caught;
		let snapshot: Anthropic.Message | undefined;
		try {
			snapshot = stream.currentMessage;
		} catch {
			snapshot = undefined;
		}
		throw new StreamFailure(err, {
			stopReason: null,
			usage: snapshot?.usage,
			model: snapshot?.model || params.model,
			apiRequestId: stream.request_id ?? (err as { requestID?: string }).requestID ?? undefined,
			timeToFirstTokenMs,
			// An HTTP error (e.g. 429) carries its own response's headers; a failure after the 200 keeps the stream's.
			rateLimits: rateLimitsOf((err as { headers?: unknown } | null | undefined)?.headers, now()) ?? rateLimits,
		}, responseStarted);
	}
}

/** Rate-limit snapshot from anything with a Headers-like `get`; undefined for no headers or none readable. */
function rateLimitsOf(headers: unknown, at: number): RateLimitSnapshot | undefined {
	const get = (headers as { get?: unknown } | null | undefined)?.get;
	return typeof get === 'function' ? parseRateLimitHeaders((name) => get.call(headers, name) as string | null, at) : undefined;
}

/** Result of checking a key with one cheap call (list models). */
export type KeyCheck = 'valid' | 'rejected' | 'unreachable' | 'error';

/** Checks a key with `models.list({ limit: 1 })`: cheap, no tokens billed. */
export async function verifyKey({ client, sdk }: { client: Anthropic; sdk: Sdk }): Promise<KeyCheck> {
	try {
		await client.models.list({ limit: 1 });
		return 'valid';
	} catch (err) {
		if (err instanceof sdk.AuthenticationError || err instanceof sdk.PermissionDeniedError) {
			return 'rejected';
		}
		if (err instanceof sdk.APIConnectionError) {
			return 'unreachable';
		}
		return 'error';
	}
}
