import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { normalizeModelId } from '../pricing/pricing';

/** Cache lifetime: 5 minutes (write 1.25× input) or 1 hour (write 2×); reads cost about 0.1× either way. */
export type CacheTtl = '5m' | '1h';

/** The API accepts at most four explicit breakpoints per request. */
export const MAX_BREAKPOINTS = 4;

/**
 * Minimum cacheable prefix per model (docs/anthropic-api.md, Prompt caching). Below it the API silently caches nothing,
 * so a breakpoint there is wasted; unknown models use 1024.
 */
const MIN_CACHEABLE: Readonly<Record<string, number>> = {
	'claude-haiku-4-5': 4096,
	'claude-opus-4-5': 4096,
	'claude-opus-4-6': 4096,
	'claude-opus-4-7': 2048,
	'claude-opus-4-8': 1024,
	'claude-sonnet-5': 1024,
	'claude-sonnet-4-5': 1024,
	'claude-sonnet-4-6': 1024,
	'claude-opus-5': 512,
	'claude-fable-5': 512,
	'claude-mythos-5': 512,
	'claude-opus-5-5': 512,
	'claude-sonnet-5-5': 512,
	'claude-fable-5-1': 512,
};

/** Minimum prefix length (tokens) that the model caches. */
export function minCacheableTokens(model: string): number {
	return MIN_CACHEABLE[normalizeModelId(model)] ?? 1024;
}

/** A cheap, deterministic token estimate (≈ 4 characters a token), good enough to place breakpoints and caps. */
export function estimateTokens(text: string): number {
	return Math.ceil(text.length / 4);
}

function messageText(m: MessageParam): string {
	return typeof m.content === 'string' ? m.content : m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

export interface CachePlanInput {
	model: string;
	system: string;
	messages: MessageParam[];
	ttl: CacheTtl;
	/** Indexes of messages that carry large, stable context (attached files or selections): worth their own breakpoint. */
	anchors?: number[];
}

export interface CachePlan {
	system: TextBlockParam[];
	messages: MessageParam[];
	/** Message indexes that got a breakpoint (−1 = the system prompt). */
	breakpoints: number[];
}

/**
 * Places `cache_control` breakpoints on the stable prefixes of a request: the last message (so the next turn reads
 * everything up to here, found by the API's 20-block lookback), the attached-context messages (stable for the whole
 * conversation), and the system prompt. A breakpoint is only placed where the prefix up to it reaches the model's
 * minimum, and never more than four. Pure: the same input gives the same request, which is what makes caching work.
 */
export function planPromptCache(input: CachePlanInput): CachePlan {
	const min = minCacheableTokens(input.model);
	const cumulative: number[] = [];
	let total = estimateTokens(input.system);
	const systemTokens = total;
	for (const m of input.messages) {
		total += estimateTokens(messageText(m));
		cumulative.push(total);
	}
	const last = input.messages.length - 1;
	const candidates = [last, ...[...(input.anchors ?? [])].sort((a, b) => b - a), -1];
	const chosen: number[] = [];
	for (const i of candidates) {
		const tokens = i < 0 ? systemTokens : cumulative[i];
		if (i <= last && tokens !== undefined && tokens >= min && !chosen.includes(i) && chosen.length < MAX_BREAKPOINTS) {
			chosen.push(i);
		}
	}
	const control = input.ttl === '1h' ? { type: 'ephemeral' as const, ttl: '1h' as const } : { type: 'ephemeral' as const };
	const system: TextBlockParam[] = [{ type: 'text', text: input.system, ...(chosen.includes(-1) ? { cache_control: control } : {}) }];
	// A message of several blocks (attachments, then the question) keeps them; its last block carries the breakpoint.
	const messages = input.messages.map((m, i): MessageParam => {
		if (!chosen.includes(i)) {
			return m;
		}
		const blocks = typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : m.content;
		return { ...m, content: blocks.map((b, j) => (j === blocks.length - 1 ? { ...b, cache_control: control } : b)) } as MessageParam;
	});
	return { system, messages, breakpoints: chosen.sort((a, b) => a - b) };
}

/**
 * Caps the history sent with a request at `maxTokens` (estimated). Messages before `start` were already left out by
 * an earlier cut; the start only moves when the rest no longer fits, and then down to `targetRatio` of the cap, so
 * the kept prefix stays identical for the next several turns (a prefix that shifted every turn would never be read
 * from the cache). The last message is always kept and the kept part starts with a user message. Returns the new
 * start and how many messages are left out, for the "N earlier messages not sent" marker.
 */
export function capHistory(messages: MessageParam[], maxTokens: number, start = 0, targetRatio = 0.6): { start: number; dropped: number } {
	const sizes = messages.map((m) => estimateTokens(messageText(m)));
	let from = Math.min(Math.max(0, start), Math.max(0, messages.length - 1));
	let total = sizes.slice(from).reduce((a, b) => a + b, 0);
	if (total > maxTokens) {
		while (from < messages.length - 1 && (total > maxTokens * targetRatio || messages[from].role !== 'user')) {
			total -= sizes[from];
			from++;
		}
	}
	while (from > 0 && from < messages.length - 1 && messages[from].role !== 'user') {
		from++;
	}
	return { start: from, dropped: from };
}
