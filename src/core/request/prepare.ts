import type { TextBlockParam, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { ChatError } from '../../shared/protocol';
import { classifyError } from '../anthropic/errors';
import type { Connection } from '../anthropic/connect';
import type { RequestSettings } from './settings';
import { estimatePlan, inputCostUsd, localInputTokens, newContentTokens, windowRefusal } from './contextEstimate';
import { advanceHistory, requestSummary, SUMMARY_MODEL, systemWithSummary, type HistoryState, type SummaryResult } from './historySummary';
import { SYSTEM_PROMPT } from '../prompts/prompts';
import type { RateLimitHold, RateLimitTracker } from '../anthropic/rateLimits';
import { shapeRequest, type ApiHistory } from './shape';

/** A large request's estimate, shown with Send / Cancel. */
export interface SendEstimate {
	model: string;
	tokens: number;
	exact: boolean;
	costUsd?: number;
}

/** What the steps before sending need from the session. */
export interface PrepContext {
	connection: Connection;
	signal: AbortSignal;
	model: string;
	maxTokens: number;
	settings: RequestSettings;
	history: ApiHistory;
	historyState: HistoryState;
	/** The history cut moved (persist the state); `failure` when summarizing failed and the messages were trimmed. */
	onHistory(state: HistoryState, failure?: unknown): void;
	/** A summarization call finished (its usage is reported like any request's). */
	onSummary(result: SummaryResult, startedAt: number): void;
	/** Asks the user to confirm a large request; resolves false on Cancel. */
	confirm(estimate: SendEstimate): Promise<boolean>;
	/** The latest rate-limit headers: a request that would run into a 429 waits for the reset first. */
	rateLimits?: RateLimitTracker;
	/** Waits out a rate-limit hold (the user may skip it); resolves false on Cancel. */
	hold(hold: RateLimitHold): Promise<boolean>;
	now(): number;
}

export type Prepared =
	| { ok: true; system: TextBlockParam[]; messages: MessageParam[] }
	| { ok: false; error: ChatError }
	| { ok: false; cancelled: true };

/**
 * Everything between "the user asked" and the first byte of the real request: move the history cut (summarizing
 * what leaves it), shape the request for the prompt cache, for a large request count its tokens, refuse it if it
 * cannot fit the model's window and ask the user before sending it, and hold it while the rate limit is used up
 * (rateLimits.ts). Nothing is sent to /v1/messages here.
 */
export async function prepareRequest(ctx: PrepContext): Promise<Prepared> {
	try {
		return await prepare(ctx);
	} catch (err) {
		const { sdk, apiKey } = ctx.connection;
		return ctx.signal.aborted ? { ok: false, cancelled: true } : { ok: false, error: classifyError(err, sdk, apiKey) };
	}
}

async function prepare(ctx: PrepContext): Promise<Prepared> {
	const { client } = ctx.connection;
	const { settings, signal } = ctx;
	const advanced = await advanceHistory({
		messages: ctx.history.messages,
		state: ctx.historyState,
		maxTokens: settings.maxHistoryTokens,
		mode: settings.historyMode ?? 'trim',
		signal,
		summarize: async (previous, leaving) => {
			const startedAt = ctx.now();
			const result = await requestSummary(client, { model: settings.summaryModel ?? SUMMARY_MODEL, previous, leaving, signal });
			ctx.onSummary(result, startedAt);
			return result.text;
		},
	});
	if (advanced.changed) {
		ctx.onHistory(advanced.state, advanced.failure);
	}
	const system = systemWithSummary(SYSTEM_PROMPT, advanced.state);
	const shape = shapeRequest(ctx.history, { model: ctx.model, cacheTtl: settings.cacheTtl, system, start: advanced.state.start });
	const local = localInputTokens(shape.system, shape.messages);
	const newTokens = newContentTokens(shape.messages);
	const plan = estimatePlan({
		model: ctx.model, maxTokens: ctx.maxTokens, newTokens, totalTokens: local,
		confirmAboveTokens: settings.confirmAboveTokens ?? 0,
	});
	if (plan.count) {
		// count_tokens is free; if it fails (network, its own rate limit) the local estimate stands in.
		const counted = await client.messages.countTokens({ model: ctx.model, system: shape.system, messages: shape.messages }, { signal })
			.then((r) => r.input_tokens, () => undefined);
		if (signal.aborted) {
			return { ok: false, cancelled: true };
		}
		const tokens = counted ?? local;
		const refusal = windowRefusal(ctx.model, tokens, ctx.maxTokens);
		if (refusal) {
			return { ok: false, error: refusal };
		}
		if (plan.confirm && !(await ctx.confirm({ model: ctx.model, tokens, exact: counted !== undefined, costUsd: inputCostUsd(ctx.model, tokens) }))) {
			return { ok: false, cancelled: true };
		}
	}
	// Pacing: the new content is what surely is not a cache read (cache reads do not count against input limits).
	const hold = ctx.rateLimits?.holdFor({ inputTokens: newTokens, maxOutputTokens: ctx.maxTokens });
	if (hold && !(await ctx.hold(hold))) {
		return { ok: false, cancelled: true };
	}
	return { ok: true, system: shape.system, messages: shape.messages };
}
