import * as crypto from 'node:crypto';
import type * as http from 'node:http';
import { rateLimitHeaders, type RateLimitScript } from './rateLimits';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Ids shaped like the real ones (`req_011CS…`, `msg_01…`, `msgbatch_01…`) so clients that log or parse them see realistic values. */
export function newId(prefix: string): string {
	let s = '011C';
	for (let i = 0; i < 20; i++) {
		s += ALPHABET[crypto.randomInt(ALPHABET.length)];
	}
	return `${prefix}_${s}`;
}

/**
 * HTTP status → `error.type`, as in the table of docs/anthropic-api.md, Errors; unknown 4xx fall back to
 * `invalid_request_error`, 5xx to `api_error`.
 */
export const ERROR_TYPE_BY_STATUS: Readonly<Record<number, string>> = {
	400: 'invalid_request_error',
	401: 'authentication_error',
	402: 'billing_error',
	403: 'permission_error',
	404: 'not_found_error',
	409: 'conflict_error',
	413: 'request_too_large',
	429: 'rate_limit_error',
	500: 'api_error',
	504: 'timeout_error',
	529: 'overloaded_error',
};

const DEFAULT_MESSAGE: Readonly<Record<string, string>> = {
	invalid_request_error: 'Invalid request.',
	authentication_error: 'invalid x-api-key',
	billing_error: 'Your credit balance is too low to access the Anthropic API.',
	permission_error: 'Your API key does not have permission to use the specified resource.',
	not_found_error: 'The requested resource could not be found.',
	conflict_error: 'Conflict.',
	request_too_large: 'Request exceeds the maximum allowed number of bytes.',
	rate_limit_error: 'Number of requests has exceeded your rate limit.',
	api_error: 'Internal server error',
	timeout_error: 'Request timed out.',
	overloaded_error: 'Overloaded',
};

/** The `error.type` the real API uses for a status, so scripted faults need only a status. */
export function errorTypeFor(status: number): string {
	return ERROR_TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** A plausible message for an error type, used when a scripted fault names none. */
export function defaultErrorMessage(type: string): string {
	return DEFAULT_MESSAGE[type] ?? 'Error';
}

/**
 * The API's error body (docs/anthropic-api.md, Errors), with `details.error_code` when given. Batch results reuse it
 * with `request_id: null`.
 */
export function errorBody(type: string, message: string, requestId: string | null, errorCode?: string): object {
	const error = errorCode === undefined ? { type, message } : { type, message, details: { error_code: errorCode } };
	return { type: 'error', error, request_id: requestId };
}

let requestCounter = 0;

/**
 * Headers every response carries: `request-id` (the SDK surfaces it as `requestID`/`_request_id`) and the
 * rate-limit headers the real API sends, so clients that display or pace by them have something realistic to read.
 * Unscripted, the requests budget counts down with each request and every limit resets at the next full minute.
 */
export function commonHeaders(requestId: string, now: number, rateLimits: RateLimitScript = {}): Record<string, string> {
	requestCounter = (requestCounter + 1) % 4000;
	return {
		'request-id': requestId,
		'anthropic-organization-id': '00000000-0000-4000-8000-000000000000',
		...rateLimitHeaders(now, rateLimits, 3999 - requestCounter),
	};
}

/** Writes a JSON response; `content-type: application/json` matters because the SDK only parses bodies labelled so. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
	if (res.destroyed || res.headersSent) {
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
	res.end(text);
}

/**
 * Writes a 200 JSON response but drops the connection half-way through its body (`content-length` promises the
 * whole), like a network failure while the answer is read: the client has the status and headers, then the body
 * read fails.
 */
export async function sendCutJson(res: http.ServerResponse, body: unknown, headers: Record<string, string>): Promise<void> {
	const bytes = Buffer.from(JSON.stringify(body));
	res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': String(bytes.length) });
	await new Promise<void>((resolve) => res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => resolve()));
	res.socket?.destroy();
	res.destroy();
}

/**
 * Extra headers and error details for a scripted error (docs/anthropic-api.md: Errors, Request IDs and retry headers).
 */
export interface RetryHints {
	retryAfterMs?: number;
	retryAfter?: string;
	shouldRetry?: boolean;
	errorCode?: string;
}

/** Writes an error response (docs/anthropic-api.md, Errors) with optional retry hints and error code. */
export function sendError(
	res: http.ServerResponse,
	status: number,
	headers: Record<string, string>,
	type: string = errorTypeFor(status),
	message: string = defaultErrorMessage(type),
	hints: RetryHints = {},
): void {
	const extra: Record<string, string> = {};
	if (hints.retryAfterMs !== undefined) {
		extra['retry-after-ms'] = String(hints.retryAfterMs);
	}
	if (hints.retryAfter !== undefined) {
		extra['retry-after'] = hints.retryAfter;
	}
	if (hints.shouldRetry !== undefined) {
		extra['x-should-retry'] = String(hints.shouldRetry);
	}
	sendJson(res, status, errorBody(type, message, headers['request-id'], hints.errorCode), { ...headers, ...extra });
}
