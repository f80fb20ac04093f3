import type * as http from 'node:http';
import { ERROR_TYPE_BY_STATUS } from './errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The status the API uses for an error type (the table of docs/anthropic-api.md, Errors, read backwards), for errors
 * that arrive without one.
 */
export function statusForType(type: string): number {
	const hit = Object.entries(ERROR_TYPE_BY_STATUS).find(([, t]) => t === type);
	return hit ? Number(hit[0]) : 500;
}

/**
 * `x-api-key` wins over `Authorization: Bearer`, as the real API reportedly does (docs/anthropic-api.md, Requests and
 * authentication).
 */
export function apiKeyOf(headers: http.IncomingHttpHeaders): string | undefined {
	const x = headers['x-api-key'];
	if (typeof x === 'string' && x !== '') {
		return x;
	}
	const m = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
	return m ? m[1].trim() : undefined;
}

/** Reads the body; resolves undefined (after draining) when it exceeds `limit` bytes, for the 413 answer. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) {
				chunks.push(chunk);
			}
		});
		req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(''));
	});
}

/** Parses a JSON body; undefined for none or for invalid JSON (the caller answers 400). */
export function parseJson(raw: string | undefined): Json {
	if (!raw) {
		return undefined;
	}
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/** Query parameters with repeated keys (e.g. `lifecycle[]`) as arrays, as tests want to assert on them. */
export function parseQuery(params: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const all = params.getAll(key);
		out[key] = all.length === 1 ? all[0] : all;
	}
	return out;
}
