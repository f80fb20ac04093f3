/**
 * Deterministic token accounting: tokens = ceil(chars / 4). Real tokenizers differ, but a simple, documented rule
 * lets tests predict every number the extension shows (usage, cost, truncation) without a tokenizer.
 */

/** Cache TTLs the API accepts (docs/anthropic-api.md, Prompt caching). */
export type CacheTtl = '5m' | '1h';

/**
 * One cacheable unit of the prompt, in the API's prefix order: tools → system → messages (docs/anthropic-api.md, Prompt
 * caching).
 */
export interface Segment {
	/** Canonical text used to hash prefixes (cache_control stripped, role included). */
	key: string;
	/** Characters that count as input. */
	chars: number;
	/** Set when this block carries an explicit `cache_control` breakpoint. */
	cache?: CacheTtl;
}

/** ceil(chars / 4), at least 1: the fake's whole "tokenizer". */
export function tokensForChars(chars: number): number {
	return Math.max(1, Math.ceil(chars / 4));
}

/** Like {@link tokensForChars} but 0 for nothing, for prefixes. */
function prefixTokens(chars: number): number {
	return Math.ceil(chars / 4);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function ttlOf(cc: Json): CacheTtl | undefined {
	if (!cc || typeof cc !== 'object') {
		return undefined;
	}
	return cc.ttl === '1h' ? '1h' : '5m';
}

function withoutCacheControl(block: Json): Json {
	if (!block || typeof block !== 'object') {
		return block;
	}
	const copy = { ...block };
	delete copy.cache_control;
	return copy;
}

/**
 * Characters a content block contributes: the text a model would read; thinking from earlier turns is ignored
 * (docs/anthropic-api.md, Token counting).
 */
function blockChars(block: Json): number {
	if (typeof block === 'string') {
		return block.length;
	}
	if (!block || typeof block !== 'object') {
		return 0;
	}
	switch (block.type) {
		case 'text':
			return String(block.text ?? '').length;
		case 'thinking':
		case 'redacted_thinking':
			return 0;
		case 'tool_use':
			return String(block.name ?? '').length + JSON.stringify(block.input ?? {}).length;
		case 'tool_result':
			return Array.isArray(block.content)
				? block.content.reduce((n: number, b: Json) => n + blockChars(b), 0)
				: String(block.content ?? '').length;
		default:
			return JSON.stringify(withoutCacheControl(block)).length;
	}
}

/** Splits a request body into prompt segments in cache-prefix order. */
export function promptSegments(body: Json): Segment[] {
	const segments: Segment[] = [];
	for (const tool of Array.isArray(body?.tools) ? body.tools : []) {
		const json = JSON.stringify(withoutCacheControl(tool));
		segments.push({ key: `tool:${json}`, chars: json.length, cache: ttlOf(tool?.cache_control) });
	}
	const system = body?.system;
	if (typeof system === 'string') {
		// a string is shorthand for one text block: both must hash alike, or a breakpoint moving would miss the cache
		segments.push({ key: `system:${JSON.stringify({ type: 'text', text: system })}`, chars: system.length });
	} else if (Array.isArray(system)) {
		for (const block of system) {
			segments.push({ key: `system:${JSON.stringify(withoutCacheControl(block))}`, chars: blockChars(block), cache: ttlOf(block?.cache_control) });
		}
	}
	for (const message of Array.isArray(body?.messages) ? body.messages : []) {
		const role = String(message?.role);
		const content = message?.content;
		if (Array.isArray(content)) {
			for (const block of content) {
				segments.push({ key: `${role}:${JSON.stringify(withoutCacheControl(block))}`, chars: blockChars(block), cache: ttlOf(block?.cache_control) });
			}
		} else {
			const text = typeof content === 'string' ? content : JSON.stringify(content ?? '');
			segments.push({ key: `${role}:${JSON.stringify({ type: 'text', text })}`, chars: text.length });
		}
	}
	return segments;
}

/**
 * Explicit breakpoints plus the automatic one from top-level `cache_control`; the API allows at most 4
 * (docs/anthropic-api.md, Prompt caching).
 */
export function countBreakpoints(body: Json): number {
	const explicit = promptSegments(body).filter((s) => s.cache).length;
	return explicit + (body?.cache_control ? 1 : 0);
}

/** Input tokens of the whole prompt, as `count_tokens` reports them (no cache). */
export function countInputTokens(body: Json): number {
	return tokensForChars(promptSegments(body).reduce((n, s) => n + s.chars, 0));
}

/** Tokens of the prompt prefix ending with segment `index` (inclusive). */
export function prefixTokensAt(segments: readonly Segment[], index: number): number {
	let chars = 0;
	for (let i = 0; i <= index; i++) {
		chars += segments[i].chars;
	}
	return prefixTokens(chars);
}
