import * as crypto from 'node:crypto';
import type { CacheAccounting } from './caching';
import { newId } from './errors';
import type { ScriptedReply } from './types';
import { countInputTokens, tokensForChars } from './usage';

/** The answer the fake gives when nothing is scripted. */
export const DEFAULT_TEXT = 'Hello from the fake Anthropic server.';

/** Resolved token counts of one answer, before they are shaped into the wire `usage` objects. */
export interface Tokens {
	input: number;
	cacheCreation: number;
	cacheRead: number;
	ephemeral5m: number;
	ephemeral1h: number;
	output: number;
	thinking: number;
}

/** Everything needed to send one answer as JSON or SSE, computed once so both forms agree. */
export interface ReplyPlan {
	id: string;
	model: string;
	thinkingChunks: string[];
	signature: string;
	unknownBlock: boolean;
	textChunks: string[];
	stopReason: string;
	stopSequence: string | null;
	stopDetails: object | null;
	tokens: Tokens;
}

function split(text: string, size: number): string[] {
	const out: string[] = [];
	for (let i = 0; i < text.length; i += size) {
		out.push(text.slice(i, i + size));
	}
	return out;
}

/** Keeps the first `max` characters of a chunk list, dropping what no longer fits. */
function cutChunks(chunks: string[], max: number): string[] {
	const out: string[] = [];
	let left = max;
	for (const c of chunks) {
		if (left <= 0) {
			break;
		}
		out.push(c.slice(0, left));
		left -= c.length;
	}
	return out;
}

/**
 * Turns a scripted reply plus the request into a concrete answer. Without an explicit stop reason an answer longer
 * than `max_tokens` is cut to `max_tokens * 4` characters and stops with `max_tokens`, as a real model would.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function planReply(body: any, reply: ScriptedReply, cache: CacheAccounting): ReplyPlan {
	const size = Math.max(1, reply.chunkSize ?? 12);
	let textChunks = reply.chunks ? reply.chunks.filter((c) => c.length > 0) : split(reply.text ?? DEFAULT_TEXT, size);
	let thinking = reply.thinking ?? '';
	let stopReason = reply.stopReason ?? 'end_turn';
	const maxTokens = typeof body?.max_tokens === 'number' ? body.max_tokens : undefined;
	const textLength = (): number => textChunks.reduce((n, c) => n + c.length, 0);
	let truncatedToZero = false;
	if (reply.stopReason === undefined && maxTokens !== undefined && tokensForChars(textLength() + thinking.length) > maxTokens) {
		const budget = Math.max(0, maxTokens * 4);
		thinking = thinking.slice(0, budget);
		textChunks = cutChunks(textChunks, budget - thinking.length);
		stopReason = 'max_tokens';
		truncatedToZero = budget === 0;
	}
	const thinkingTokens = thinking ? tokensForChars(thinking.length) : 0;
	const total = countInputTokens(body);
	const written = cache.write5m + cache.write1h;
	const tokens: Tokens = {
		input: Math.max(0, total - cache.read - written),
		cacheCreation: written,
		cacheRead: cache.read,
		ephemeral5m: cache.write5m,
		ephemeral1h: cache.write1h,
		output: truncatedToZero ? 0 : tokensForChars(textLength() + thinking.length),
		thinking: thinkingTokens,
	};
	applyOverrides(tokens, reply);
	const stopSequences: unknown = body?.stop_sequences;
	return {
		id: newId('msg'),
		model: reply.model ?? String(body?.model ?? 'claude-sonnet-5-5'),
		thinkingChunks: thinking ? split(thinking, size) : [],
		signature: thinking ? crypto.createHash('sha256').update(thinking).digest('base64') : '',
		unknownBlock: reply.unknownBlock === true,
		textChunks,
		stopReason,
		stopSequence: stopReason === 'stop_sequence' ? (reply.stopSequence ?? (Array.isArray(stopSequences) ? String(stopSequences[0]) : null)) : null,
		stopDetails: reply.stopDetails ?? (stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: null } : null),
		tokens,
	};
}

function applyOverrides(t: Tokens, reply: ScriptedReply): void {
	const u = reply.usage ?? {};
	t.input = u.input_tokens ?? t.input;
	t.output = u.output_tokens ?? t.output;
	t.cacheRead = u.cache_read_input_tokens ?? t.cacheRead;
	if (u.ephemeral_5m_input_tokens !== undefined || u.ephemeral_1h_input_tokens !== undefined) {
		t.ephemeral5m = u.ephemeral_5m_input_tokens ?? 0;
		t.ephemeral1h = u.ephemeral_1h_input_tokens ?? 0;
		t.cacheCreation = u.cache_creation_input_tokens ?? t.ephemeral5m + t.ephemeral1h;
	} else if (u.cache_creation_input_tokens !== undefined) {
		t.cacheCreation = u.cache_creation_input_tokens;
		t.ephemeral5m = u.cache_creation_input_tokens;
		t.ephemeral1h = 0;
	}
}

/**
 * The full 2026 `Usage` object (docs/anthropic-api.md, Messages API); `output` is 1 in `message_start`, as on the real
 * API.
 */
export function usageJson(t: Tokens, serviceTier: string, output = t.output): object {
	return {
		input_tokens: t.input,
		cache_creation_input_tokens: t.cacheCreation,
		cache_read_input_tokens: t.cacheRead,
		cache_creation: { ephemeral_5m_input_tokens: t.ephemeral5m, ephemeral_1h_input_tokens: t.ephemeral1h },
		output_tokens: output,
		output_tokens_details: t.thinking > 0 ? { thinking_tokens: t.thinking } : null,
		server_tool_use: null,
		service_tier: serviceTier,
		inference_geo: 'global',
	};
}

/** Cumulative `message_delta.usage` (docs/anthropic-api.md, Streaming): final output plus the input/cache totals. */
export function deltaUsageJson(t: Tokens): object {
	return {
		input_tokens: t.input,
		cache_creation_input_tokens: t.cacheCreation,
		cache_read_input_tokens: t.cacheRead,
		output_tokens: t.output,
		output_tokens_details: t.thinking > 0 ? { thinking_tokens: t.thinking } : null,
	};
}

/** The block of a type no client knows, sent to prove clients skip what they do not understand. */
export const UNKNOWN_BLOCK = { type: 'mystery_block', payload: 'a content type from the future' };

/** Non-streaming `Message` (docs/anthropic-api.md, Messages API), full 2026 shape. */
export function messageJson(plan: ReplyPlan, serviceTier = 'standard'): object {
	const content: object[] = [];
	if (plan.thinkingChunks.length > 0) {
		content.push({ type: 'thinking', thinking: plan.thinkingChunks.join(''), signature: plan.signature });
	}
	if (plan.unknownBlock) {
		content.push({ ...UNKNOWN_BLOCK });
	}
	content.push({ type: 'text', text: plan.textChunks.join(''), citations: null });
	return {
		id: plan.id,
		type: 'message',
		role: 'assistant',
		model: plan.model,
		content,
		stop_reason: plan.stopReason,
		stop_sequence: plan.stopSequence,
		stop_details: plan.stopDetails,
		container: null,
		diagnostics: null,
		usage: usageJson(plan.tokens, serviceTier),
	};
}
