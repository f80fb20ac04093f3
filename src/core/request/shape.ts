import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { planPromptCache, type CacheTtl } from './promptCache';

/** The part of a turn the API sees: `prompt` (the full command prompt) wins over the shown text. */
export interface HistoryTurn {
	role: 'user' | 'assistant';
	text: string;
	prompt?: string;
	id?: string;
}

/** API messages built from turns; `turnIds[i]` is the first turn merged into message i (where a history marker goes). */
export interface ApiHistory {
	messages: MessageParam[];
	anchors: number[];
	turnIds: Array<string | undefined>;
}

/**
 * Turns → API messages. Empty answers are skipped and same-role neighbours merged, so roles alternate (the API would
 * combine them into one turn anyway).
 * `anchors` are the messages that carry an attached file or selection: large, stable context worth a cache breakpoint.
 */
export function toApiMessages(turns: readonly HistoryTurn[]): ApiHistory {
	const messages: MessageParam[] = [];
	const anchors: number[] = [];
	const turnIds: Array<string | undefined> = [];
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
			turnIds.push(t.id);
		}
		if (t.role === 'user' && t.prompt && !anchors.includes(messages.length - 1)) {
			anchors.push(messages.length - 1);
		}
	}
	return { messages, anchors, turnIds };
}

export interface RequestShapeOptions {
	model: string;
	cacheTtl: CacheTtl;
	/** The system prompt (with the running history summary, if any). */
	system: string;
	/** First message still sent in full (see advanceHistory). */
	start: number;
}

export interface RequestShape {
	system: TextBlockParam[];
	messages: MessageParam[];
	breakpoints: number[];
}

/** Leaves out the messages before `start`, then places cache breakpoints: the exact system + messages that are sent. */
export function shapeRequest(all: { messages: MessageParam[]; anchors: number[] }, opts: RequestShapeOptions): RequestShape {
	const start = Math.min(opts.start, Math.max(0, all.messages.length - 1));
	const messages = all.messages.slice(start);
	const anchors = all.anchors.filter((i) => i >= start).map((i) => i - start);
	const plan = planPromptCache({ model: opts.model, system: opts.system, messages, ttl: opts.cacheTtl, anchors });
	return { system: plan.system, messages: plan.messages, breakpoints: plan.breakpoints };
}
