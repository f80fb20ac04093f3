import type Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { capHistory } from './promptCache';

/**
 * Long chats: when the history cap moves, the messages that fall out of what is sent are either summarized by a
 * small model into a running summary (sent in the system prompt) or simply no longer sent ("trim").
 */
export type HistoryMode = 'summarize' | 'trim';

/** How much of the conversation is still sent in full, and what stands in for the rest. Persisted with the chat. */
export interface HistoryState {
	/** Index of the first API message still sent in full. */
	start: number;
	/** The running summary of messages [0, summarized). */
	summary?: string;
	/** How many leading messages the summary covers (≤ start; less when a summarization failed and they were trimmed). */
	summarized: number;
}

export const EMPTY_HISTORY: Readonly<HistoryState> = Object.freeze({ start: 0, summarized: 0 });

/** Guards a persisted history state. */
export function parseHistoryState(raw: unknown): HistoryState {
	const x = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
	const start = count(x.start);
	const summary = typeof x.summary === 'string' && x.summary.trim() ? x.summary : undefined;
	const summarized = summary ? Math.min(count(x.summarized), start) : 0;
	return summary ? { start, summary, summarized } : { start, summarized: 0 };
}

/** The marker shown in the chat where the full history begins, e.g. "12 earlier messages summarized". */
export function historyMarkerText(state: HistoryState): string | undefined {
	const plural = (n: number) => `${n} earlier message${n === 1 ? '' : 's'}`;
	const trimmed = state.start - state.summarized;
	const parts: string[] = [];
	if (state.summarized > 0) {
		parts.push(`${plural(state.summarized)} summarized`);
	}
	if (trimmed > 0) {
		parts.push(`${state.summarized > 0 ? `${trimmed} more` : plural(trimmed)} no longer sent`);
	}
	return parts.length ? parts.join(', ') : undefined;
}

/** The system prompt of a request whose older history lives in a summary. */
export function systemWithSummary(system: string, state: HistoryState): string {
	if (!state.summary) {
		return system;
	}
	return `${system}\n\n<earlier_conversation_summary messages="${state.summarized}">\n${state.summary}\n</earlier_conversation_summary>\n`
		+ 'The summary above stands in for the earliest part of this conversation, which is no longer included in full.';
}

export const SUMMARY_SYSTEM_PROMPT = [
	'You maintain the running summary of a conversation between a developer and a coding assistant.',
	'Write a compact summary that lets the assistant carry on: the goals, decisions, facts, file names, code identifiers and open questions.',
	'Keep code only when it is essential, and then only the relevant lines. Plain text or short bullet points; no preamble.',
].join('\n');

/** Longest slice of one message given to the summarizer; attached files are long and mostly repeated context. */
const MAX_CHARS_PER_MESSAGE = 24_000;

function text(m: MessageParam): string {
	const raw = typeof m.content === 'string'
		? m.content
		: m.content.map((b) => (b.type === 'text' ? b.text : `[${b.type}]`)).join('\n');
	return raw.length > MAX_CHARS_PER_MESSAGE ? `${raw.slice(0, MAX_CHARS_PER_MESSAGE)}\n[… ${raw.length - MAX_CHARS_PER_MESSAGE} more characters]` : raw;
}

/** The one user message asking for the updated summary: the previous summary plus the messages now leaving. */
export function summaryRequestText(previous: string | undefined, leaving: readonly MessageParam[]): string {
	const transcript = leaving.map((m) => `${m.role === 'user' ? 'Developer' : 'Assistant'}:\n${text(m)}`).join('\n\n');
	return [
		previous ? `<previous_summary>\n${previous}\n</previous_summary>\n` : '',
		`<conversation>\n${transcript}\n</conversation>\n`,
		previous
			? 'Update the previous summary with the conversation above: one summary of everything, at most about 400 words.'
			: 'Summarize the conversation above in at most about 400 words.',
	].join('\n');
}

/** What one summarization call produced. */
export interface SummaryResult {
	text: string;
	stopReason: string | null;
	usage: unknown;
	model: string;
	requestId?: string;
}

/**
 * Asks `model` (the Haiku tier by default) for the updated running summary; one non-streaming call. The SDK never
 * sends it again by itself (`maxRetries: 0` on the call): since SDK 1.17 a connection cut while the answer is read is
 * re-sent, and that answer is billed. A failed summary costs nothing more: the messages are trimmed instead.
 */
export async function requestSummary(
	client: Anthropic,
	opts: { model: string; previous?: string; leaving: readonly MessageParam[]; signal: AbortSignal; maxTokens?: number },
): Promise<SummaryResult> {
	const message = await client.messages.create({
		model: opts.model,
		max_tokens: opts.maxTokens ?? 1024,
		system: SUMMARY_SYSTEM_PROMPT,
		messages: [{ role: 'user', content: summaryRequestText(opts.previous, opts.leaving) }],
	}, { signal: opts.signal, maxRetries: 0 });
	const summary = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n').trim();
	if (!summary) {
		throw new Error(`the summary came back empty (stop_reason ${message.stop_reason ?? 'none'})`);
	}
	return { text: summary, stopReason: message.stop_reason, usage: message.usage, model: message.model || opts.model, requestId: message._request_id ?? undefined };
}

/** What {@link advanceHistory} decided; `failure` is set when summarizing failed and the messages were trimmed. */
export interface HistoryAdvance {
	state: HistoryState;
	/** True when the state moved (persist it, update the marker). */
	changed: boolean;
	failure?: unknown;
}

/**
 * Moves the history cut forward when the sent history exceeds `maxTokens`. In summarize mode the messages leaving
 * are folded into the running summary by `summarize`; if that fails (other than by cancellation) they are trimmed,
 * so the user's request still goes out. The cut only moves forward, in steps (see capHistory), so the cached prefix
 * stays stable between moves.
 */
export async function advanceHistory(opts: {
	messages: MessageParam[];
	state: HistoryState;
	maxTokens: number;
	mode: HistoryMode;
	signal: AbortSignal;
	summarize(previous: string | undefined, leaving: MessageParam[]): Promise<string>;
}): Promise<HistoryAdvance> {
	const { state } = opts;
	// A conversation that shrank below the cut (it cannot today; restored data might) starts over.
	const from = state.start < opts.messages.length ? state.start : 0;
	const base = from === state.start ? state : EMPTY_HISTORY;
	const { start } = capHistory(opts.messages, opts.maxTokens, from);
	if (start <= from) {
		return { state: base, changed: base !== state };
	}
	if (opts.mode === 'trim') {
		return { state: { ...base, start }, changed: true };
	}
	try {
		const summary = await opts.summarize(base.summary, opts.messages.slice(base.summarized, start));
		return { state: { start, summary, summarized: start }, changed: true };
	} catch (failure) {
		if (opts.signal.aborted) {
			throw failure;
		}
		return { state: { ...base, start }, changed: true, failure };
	}
}

/** The default model of the running summary: the cheap Haiku tier. */
export const SUMMARY_MODEL = 'claude-haiku-5-5';
