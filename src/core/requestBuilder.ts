import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { capHistory, planPromptCache, type CacheTtl } from './promptCache';
import { SYSTEM_PROMPT } from './prompts';

/** The part of a turn the API sees: `prompt` (the full command prompt) wins over the shown text. */
export interface HistoryTurn {
	role: 'user' | 'assistant';
	text: string;
	prompt?: string;
}

/**
 * Turns → API messages. Empty answers are skipped and same-role neighbours merged (the API wants alternating roles).
 * `anchors` are the messages that carry an attached file or selection: large, stable context worth a cache breakpoint.
 */
export function toApiMessages(turns: readonly HistoryTurn[]): { messages: MessageParam[]; anchors: number[] } {
	const messages: MessageParam[] = [];
	const anchors: number[] = [];
	for (const t of turns) {
		const content = t.role === 'user' ? t.prompt ?? t.text : t.text;
		if (!content.trim()) {
			continue;
		}
		const last = messages.at(-1);
		if (last && last.role === t.role && typeof last.content === 'string') {
			last.content = `${last.content}\n\n${content}`;
		} else {
			messages.push({ role: t.role, content });
		}
		if (t.role === 'user' && t.prompt && !anchors.includes(messages.length - 1)) {
			anchors.push(messages.length - 1);
		}
	}
	return { messages, anchors };
}

export interface RequestShapeOptions {
	model: string;
	cacheTtl: CacheTtl;
	maxHistoryTokens: number;
	/** Where the previous request's history started (see capHistory). */
	historyStart: number;
}

export interface RequestShape {
	system: TextBlockParam[];
	messages: MessageParam[];
	historyStart: number;
	/** Messages left out by the history cap. */
	dropped: number;
	breakpoints: number[];
}

/** Caps the history, then places cache breakpoints on what is left: the exact system + messages that are sent. */
export function shapeRequest(all: { messages: MessageParam[]; anchors: number[] }, opts: RequestShapeOptions): RequestShape {
	const { start, dropped } = capHistory(all.messages, opts.maxHistoryTokens, opts.historyStart);
	const messages = all.messages.slice(start);
	const anchors = all.anchors.filter((i) => i >= start).map((i) => i - start);
	const plan = planPromptCache({ model: opts.model, system: SYSTEM_PROMPT, messages, ttl: opts.cacheTtl, anchors });
	return { system: plan.system, messages: plan.messages, historyStart: start, dropped, breakpoints: plan.breakpoints };
}
