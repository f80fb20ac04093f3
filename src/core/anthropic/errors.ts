import { RETRYABLE_ERROR_KINDS, type ChatError, type ErrorKind } from '../../shared/protocol';
import type { Sdk } from './client';

/** A classified failure: what the user sees plus what retry logic and logs need. */
export interface ClassifiedError extends ChatError {
	/** Server-suggested wait (retry-after-ms / retry-after), when given. */
	retryAfterMs?: number;
	/** The SDK error class name, for the log. */
	errorClass: string;
	/** True when the user cancelled: not an error to show. */
	cancelled: boolean;
}


/** Removes anything that looks like an API key from text that may reach the UI or the log. */
export function redactSecrets(text: string, key?: string): string {
	let out = text;
	if (key && key.length >= 8) {
		out = out.split(key).join('[redacted]');
	}
	return out.replace(/Bearer\s+[A-Za-z0-9._-]{8,}/g, 'Bearer [redacted]').replace(/sk-ant-[A-Za-z0-9_-]{4,}/g, 'sk-ant-[redacted]');
}

function headerMs(headers: unknown): number | undefined {
	if (!headers || typeof (headers as Headers).get !== 'function') {
		return undefined;
	}
	const h = headers as Headers;
	const ms = Number.parseFloat(h.get('retry-after-ms') ?? '');
	if (Number.isFinite(ms) && ms >= 0) {
		return ms;
	}
	const s = Number.parseFloat(h.get('retry-after') ?? '');
	return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

function kindForType(type: string | null | undefined): ErrorKind {
	switch (type) {
		case 'overloaded_error': return 'overloaded';
		case 'rate_limit_error': return 'rateLimit';
		case 'authentication_error': return 'auth';
		case 'permission_error': return 'permission';
		case 'invalid_request_error':
		case 'not_found_error': return 'badRequest';
		case 'request_too_large': return 'tooLarge';
		case 'timeout_error': return 'timeout';
		default: return 'server';
	}
}

function kindForStatus(status: number): ErrorKind {
	if (status === 401) { return 'auth'; }
	if (status === 402 || status === 403) { return 'permission'; }
	if (status === 408 || status === 504) { return 'timeout'; }
	if (status === 413) { return 'tooLarge'; }
	if (status === 429) { return 'rateLimit'; }
	if (status === 529) { return 'overloaded'; }
	if (status >= 500) { return 'server'; }
	return 'badRequest';
}

const MESSAGES: Record<ErrorKind, string> = {
	noKey: 'No API key. Set one with "Claude: Set API Key".',
	keyStoreUnavailable: 'Could not read the API key: VS Code\'s secret storage is unavailable.',
	sdkMissing: 'Claude Assistant could not load its bundled Anthropic SDK.',
	badBaseUrl: 'The base URL setting (claudeAssistant.baseUrl) is not a valid http(s) URL.',
	auth: 'The API key was rejected (401). Set a valid key.',
	permission: 'This key is not allowed to do that (permission or billing).',
	rateLimit: 'Rate limited by the Anthropic API (429).',
	overloaded: 'The Anthropic API is overloaded (529). Try again in a moment.',
	network: 'Could not reach the Anthropic API (network error).',
	timeout: 'The request timed out.',
	badRequest: 'The API rejected the request',
	tooLarge: 'The request is too large for the API (413).',
	server: 'The Anthropic API had an internal error.',
	budget: 'Budget reached',
	unknown: 'Unexpected error',
};

/** What the caller knows about where a request was when it failed. */
export interface FailureContext {
	/**
	 * The response had begun (status and headers arrived) before the failure. A connection error after that point is
	 * a drop part-way through the answer, not a failure to reach the API.
	 */
	responseStarted?: boolean;
}

/**
 * Whether a connection error is a body cut off part-way. SDK ≥ 1.17 wraps the runtime's error as the `cause` of an
 * `APIConnectionError`; Node's fetch (undici) reports a cut body as `TypeError: terminated`, whereas a request that
 * never got a response fails with `TypeError: fetch failed`. Used only when the caller cannot say (see FailureContext).
 */
function cutOffMidBody(err: Error): boolean {
	const cause = (err as { cause?: unknown }).cause;
	return cause instanceof Error && cause.name === 'TypeError' && cause.message === 'terminated';
}

/** A drop after the response began: the API was reached, so "could not reach" would be wrong. */
const DROPPED_MID_ANSWER = 'The connection to the Anthropic API dropped before the answer finished (network error).';

/** A stream that closed without its closing events: nothing dropped, the API ended the answer early. */
const ENDED_EARLY = 'The answer ended before it was complete: the API closed the stream early (network error).';

/** The idle watchdog fired after the answer had begun (its message says for how long nothing came). */
const STALLED = 'The answer stalled';

/**
 * Maps anything the SDK throws to a user-facing kind with the right action. Uses the SDK's own error classes,
 * so it needs the loaded SDK module. The key never survives into the message. Since SDK 1.17 an `APIError`'s
 * `message` also carries the error code, request id and path; what we show uses the API's own `apiMessage` instead
 * (the request id travels separately, in `requestId`).
 */
export function classifyError(err: unknown, sdk: Sdk, apiKey?: string, context: FailureContext = {}): ClassifiedError {
	const errorClass = err instanceof Error ? err.name : typeof err;
	const requestId = (err as { requestID?: string | null } | undefined)?.requestID ?? undefined;
	interface Extra { detail?: string; retryAfterMs?: number; cancelled?: boolean; text?: string }
	const make = (kind: ErrorKind, { detail, retryAfterMs, cancelled = false, text = MESSAGES[kind] }: Extra = {}): ClassifiedError => {
		const message = redactSecrets(detail ? `${text}: ${detail}` : text, apiKey);
		return { kind, message, retryable: RETRYABLE_ERROR_KINDS.includes(kind), retryAfterMs, requestId, errorClass, cancelled };
	};
	if (err instanceof sdk.APIUserAbortError) {
		return make('unknown', { detail: 'cancelled', cancelled: true });
	}
	// SDK ≥ 1.17: no key, token or profile could be resolved. The extension always passes a key, so this only
	// happens when that key is blank; either way the fix is the same as for no key at all.
	if (err instanceof sdk.CredentialsError) {
		return make('noKey');
	}
	if (err instanceof sdk.APIConnectionTimeoutError) {
		// The SDK's own timeout ends with the response headers; after them, only the idle watchdog times out.
		return context.responseStarted ? make('timeout', { text: STALLED, detail: err.message }) : make('timeout');
	}
	// SDK ≥ 1.17 raises this for a connection dropped mid-stream too (before, messages.stream() raised a plain
	// AnthropicError("terminated")).
	if (err instanceof sdk.APIConnectionError) {
		return (context.responseStarted ?? cutOffMidBody(err)) ? make('network', { text: DROPPED_MID_ANSWER }) : make('network');
	}
	if (err instanceof sdk.APIError) {
		if (err.status === undefined) {
			// An SSE `error` event after a 200: the answer was under way, so no HTTP status applies (none was sent).
			const kind = kindForType(err.type);
			const text = `The Anthropic API stopped the answer part-way with an error (${err.type ?? 'unknown'})`;
			return make(kind, { text, detail: err.apiMessage ?? undefined });
		}
		const kind = kindForStatus(err.status);
		const detail = kind === 'badRequest' || kind === 'unknown' ? err.apiMessage ?? undefined : undefined;
		return make(kind, { detail, retryAfterMs: headerMs(err.headers) });
	}
	const message = err instanceof Error ? err.message : String(err);
	// A stream that ends without its closing events is still a plain AnthropicError ("stream ended without producing a
	// Message…"); a custom fetch may report a drop in its own words.
	if (/stream ended/i.test(message)) {
		return make('network', { text: ENDED_EARLY });
	}
	if (/terminated|socket|ECONNRESET|ECONNREFUSED|other side closed|fetch failed/i.test(message)) {
		return make('network', { text: DROPPED_MID_ANSWER });
	}
	return make('unknown', { detail: message });
}

/**
 * A failure in a few words, for a notice that is not a chat error (e.g. "summarizing earlier messages failed"): the
 * status and the API's own message. Since SDK 1.17 an `APIError`'s `message` adds the error code, request id, path
 * and details, which belong in the log, not in a one-line notice. The key never survives into the text.
 */
export function briefMessage(err: unknown, sdk: Sdk, apiKey?: string): string {
	if (err instanceof sdk.APIConnectionError || err instanceof sdk.CredentialsError) {
		return classifyError(err, sdk, apiKey).message;
	}
	if (err instanceof sdk.APIError && err.apiMessage) {
		return redactSecrets(err.status === undefined ? err.apiMessage : `${err.status} ${err.apiMessage}`, apiKey);
	}
	return redactSecrets(err instanceof Error ? err.message : String(err), apiKey);
}
