import * as crypto from 'node:crypto';
import { minCacheTokens } from './models';
import type { CacheTtl } from './usage';
import { promptSegments } from './usage';

/** How a request's input splits into cache reads, cache writes (per TTL) and the rest. */
export interface CacheAccounting {
	read: number;
	write5m: number;
	write1h: number;
}

const TTL_MS: Readonly<Record<CacheTtl, number>> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/**
 * How many blocks before a breakpoint the API looks for an earlier cache entry (docs/anthropic-api.md, Prompt caching).
 */
const LOOKBACK = 20;

/**
 * Prompt-cache simulation by the rules of docs/anthropic-api.md, Prompt caching: an in-memory map from the hash of
 * everything up to a breakpoint to its expiry. A breakpoint's prefix is written on first sight and read on later
 * requests within the TTL (which a hit refreshes); prefixes shorter than the model's minimum are never cached. Time
 * comes from an injected clock so tests can expire entries without waiting.
 */
export class PromptCache {
	private readonly entries = new Map<string, { expires: number; ttl: CacheTtl }>();

	constructor(private readonly now: () => number) {}

	/** Forgets every entry (server reset). */
	clear(): void {
		this.entries.clear();
	}

	/** Accounts one request against the cache and records its writes. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	account(model: string, body: any): CacheAccounting {
		const result: CacheAccounting = { read: 0, write5m: 0, write1h: 0 };
		const segments = promptSegments(body);
		if (segments.length === 0) {
			return result;
		}
		const breakpoints = new Map<number, CacheTtl>();
		segments.forEach((s, i) => s.cache && breakpoints.set(i, s.cache));
		const last = segments.length - 1;
		if (body?.cache_control && !breakpoints.has(last)) {
			breakpoints.set(last, body.cache_control.ttl === '1h' ? '1h' : '5m');
		}
		if (breakpoints.size === 0) {
			return result;
		}
		const hashes: string[] = [];
		const tokens: number[] = [];
		let hash = crypto.createHash('sha256').update(model).digest('hex');
		let chars = 0;
		for (const s of segments) {
			hash = crypto.createHash('sha256').update(hash).update('\n').update(s.key).digest('hex');
			hashes.push(hash);
			chars += s.chars;
			tokens.push(Math.ceil(chars / 4));
		}
		const min = minCacheTokens(model);
		const now = this.now();
		const live = (i: number): boolean => (this.entries.get(hashes[i])?.expires ?? -Infinity) > now;

		let best = -1;
		for (const bp of breakpoints.keys()) {
			for (let i = bp; i >= Math.max(0, bp - LOOKBACK + 1); i--) {
				if (tokens[i] >= min && live(i)) {
					best = Math.max(best, i);
					break;
				}
			}
		}
		if (best >= 0) {
			const entry = this.entries.get(hashes[best])!;
			entry.expires = now + TTL_MS[entry.ttl];
			result.read = tokens[best];
		}
		let covered = result.read;
		for (const bp of [...breakpoints.keys()].sort((a, b) => a - b)) {
			const ttl = breakpoints.get(bp)!;
			if (bp <= best || tokens[bp] < min || tokens[bp] <= covered) {
				continue;
			}
			if (ttl === '1h') {
				result.write1h += tokens[bp] - covered;
			} else {
				result.write5m += tokens[bp] - covered;
			}
			covered = tokens[bp];
			this.entries.set(hashes[bp], { expires: now + TTL_MS[ttl], ttl });
		}
		return result;
	}
}
