import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { ChatError } from '../../shared/protocol';
import { formatTokens, formatUsd } from '../../shared/numberFormat';
import { costUsd, EMPTY_USAGE, normalizeModelId } from '../pricing/pricing';
import { estimateTokens } from './promptCache';

/**
 * Context windows (input + max_tokens) per model (docs/anthropic-api.md, Context windows). The 5.x generation and
 * Opus/Sonnet 4.6+ take 1M tokens; the 4.5 models 200k. Unknown models are not checked here (the API still refuses a
 * prompt that does not fit with a 400).
 */
const CONTEXT_WINDOWS: Readonly<Record<string, number>> = {
	'claude-haiku-4-5': 200_000,
	'claude-sonnet-4-5': 200_000,
	'claude-opus-4-5': 200_000,
};
const ONE_MILLION = /^claude-(?:(?:opus|sonnet|haiku|fable|mythos)-5(?:-\d+)?|opus-4-[678]|sonnet-4-6|mythos-preview)$/;

/** The model's context window in tokens, or undefined when unknown. */
export function contextWindow(model: string): number | undefined {
	const id = normalizeModelId(model);
	return CONTEXT_WINDOWS[id] ?? (ONE_MILLION.test(id) ? 1_000_000 : undefined);
}

function blockText(content: MessageParam['content'] | TextBlockParam[]): string {
	return typeof content === 'string' ? content : content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

/** A local (≈ 4 characters a token) estimate of a whole request's input, made before any call. */
export function localInputTokens(system: string | TextBlockParam[], messages: readonly MessageParam[]): number {
	return estimateTokens(blockText(system)) + messages.reduce((n, m) => n + estimateTokens(blockText(m.content)) + 4, 0);
}

/** Tokens of what this request adds: its last (user) message, the part a user may not realise is large. */
export function newContentTokens(messages: readonly MessageParam[]): number {
	const last = messages.at(-1);
	return last ? estimateTokens(blockText(last.content)) : 0;
}

/** Near the window the local estimate is not trusted: above this share of it, the API's count decides. */
const WINDOW_CHECK_SHARE = 0.8;

/** What to do before sending, from the local estimates alone. */
export function estimatePlan(opts: { model: string; maxTokens: number; newTokens: number; totalTokens: number; confirmAboveTokens: number }): {
	/** Ask count_tokens for the exact figure. */
	count: boolean;
	/** Ask the user to confirm (the new content is above the threshold). */
	confirm: boolean;
} {
	const window = contextWindow(opts.model);
	const confirm = opts.confirmAboveTokens > 0 && opts.newTokens >= opts.confirmAboveTokens;
	const nearWindow = window !== undefined && opts.totalTokens + opts.maxTokens > window * WINDOW_CHECK_SHARE;
	return { count: confirm || nearWindow, confirm };
}

/** The refusal for a request that cannot fit the model's window; undefined when it fits (or the window is unknown). */
export function windowRefusal(model: string, inputTokens: number, maxTokens: number): ChatError | undefined {
	const window = contextWindow(model);
	if (window === undefined || inputTokens + maxTokens <= window) {
		return undefined;
	}
	return {
		kind: 'tooLarge',
		retryable: false,
		message: `This request is ≈ ${formatTokens(inputTokens)} tokens, and with room for a ${formatTokens(maxTokens)}-token answer `
			+ `it does not fit ${model}'s ${formatTokens(window)}-token context window. Nothing was sent. `
			+ 'Select less code, start a New Chat, or lower claudeAssistant.maxHistoryTokens.',
	};
}

/** The input cost of `tokens` at the model's uncached rate: an upper bound (cache reads are cheaper). */
export function inputCostUsd(model: string, tokens: number): number | undefined {
	return costUsd(model, { ...EMPTY_USAGE, input: tokens });
}

/** "≈ 48k tokens ≈ $0.096 to claude-haiku-5-5" – the line above Send / Cancel. */
export function estimateText(e: { model: string; tokens: number; exact: boolean; costUsd?: number }): string {
	const cost = e.costUsd === undefined ? 'cost unknown' : `≈ ${formatUsd(e.costUsd)}`;
	const source = e.exact ? 'counted by the API' : 'estimated locally';
	return `Large request: ≈ ${formatTokens(e.tokens)} input tokens ${cost} to ${e.model} (${source}; before cache discounts, plus the answer). Send it?`;
}
