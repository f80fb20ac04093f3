import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { estimateTokens, planPromptCache, type CacheTtl } from './promptCache';
import { attachmentBlockText, attachmentKey, repeatedBlockText, type Attachment } from '../context/attachment';

/** The part of a turn the API sees: `prompt` (the full command prompt) wins over the shown text. */
export interface HistoryTurn {
	role: 'user' | 'assistant';
	text: string;
	prompt?: string;
	id?: string;
	/** Attached files, lines, symbols…: each its own block ahead of the question. */
	attachments?: readonly Attachment[];
}

/** An attachment's block inside a message, for deduplication once it is known which messages are sent. */
export interface AttachedBlock {
	message: number;
	block: number;
	key: string;
	/** What replaces the block when the same attachment was already sent earlier in the request. */
	repeated: string;
}

/** API messages built from turns; `turnIds[i]` is the first turn merged into message i (where a history marker goes). */
export interface ApiHistory {
	messages: MessageParam[];
	anchors: number[];
	turnIds: Array<string | undefined>;
	/** Where the attachments' blocks are, in message order. */
	attached?: AttachedBlock[];
}

/** Estimated tokens an attachment adds to a request (its block: heading, fence and text). */
export function attachmentTokens(a: Omit<Attachment, 'tokens' | 'id'>): number {
	return estimateTokens(attachmentBlockText({ ...a, id: '', tokens: 0 }));
}

function asBlocks(content: MessageParam['content']): TextBlockParam[] {
	return typeof content === 'string' ? [{ type: 'text', text: content }] : content as TextBlockParam[];
}

/**
 * Turns → API messages. Empty answers are skipped and same-role neighbours merged, so roles alternate (the API would
 * combine them into one turn anyway).
 * A question with attachments becomes one text block per attachment, then the question: the attachments stay in the
 * message they were sent with, so every later request repeats the same prefix and reads it from the cache.
 * `anchors` are the messages that carry attached files or selections: large, stable context worth a cache breakpoint.
 */
export function toApiMessages(turns: readonly HistoryTurn[]): ApiHistory {
	const messages: MessageParam[] = [];
	const anchors: number[] = [];
	const turnIds: Array<string | undefined> = [];
	const attached: AttachedBlock[] = [];
	for (const t of turns) {
		const text = t.role === 'user' ? t.prompt ?? t.text : t.text;
		const files = t.role === 'user' ? t.attachments ?? [] : [];
		if (!text.trim() && files.length === 0) {
			continue;
		}
		const blocks: TextBlockParam[] = [...files.map((a): TextBlockParam => ({ type: 'text', text: attachmentBlockText(a) }))];
		if (text.trim()) {
			blocks.push({ type: 'text', text });
		}
		const last = messages.at(-1);
		let offset = 0;
		if (last && last.role === t.role) {
			if (typeof last.content === 'string' && files.length === 0) {
				last.content = `${last.content}\n\n${text}`;
			} else {
				const merged = asBlocks(last.content);
				offset = merged.length;
				last.content = [...merged, ...blocks];
			}
		} else {
			messages.push({ role: t.role, content: files.length ? blocks : text });
			turnIds.push(t.id);
		}
		const index = messages.length - 1;
		files.forEach((a, i) => attached.push({ message: index, block: offset + i, key: attachmentKey(a), repeated: repeatedBlockText(a) }));
		if (t.role === 'user' && (t.prompt || files.length) && !anchors.includes(index)) {
			anchors.push(index);
		}
	}
	return attached.length ? { messages, anchors, turnIds, attached } : { messages, anchors, turnIds };
}

/**
 * The messages from `start` on, with an attachment that was already sent unchanged in an earlier message of the same
 * request replaced by a one-line reference (Claude reads it above; the tokens are not paid twice). Messages left out
 * by the history cut do not count: what they held is sent again.
 */
function dedupeAttachments(messages: MessageParam[], attached: readonly AttachedBlock[], start: number): MessageParam[] {
	const seen = new Set<string>();
	const out = messages.slice(start);
	for (const a of attached) {
		if (a.message < start) {
			continue;
		}
		if (!seen.has(a.key)) {
			seen.add(a.key);
			continue;
		}
		const i = a.message - start;
		const blocks = [...asBlocks(out[i].content)];
		blocks[a.block] = { type: 'text', text: a.repeated };
		out[i] = { role: out[i].role, content: blocks };
	}
	return out;
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

/** Leaves out the messages before `start`, sends a repeated attachment once, then places cache breakpoints: the exact system + messages that are sent. */
export function shapeRequest(all: { messages: MessageParam[]; anchors: number[]; attached?: AttachedBlock[] }, opts: RequestShapeOptions): RequestShape {
	const start = Math.min(opts.start, Math.max(0, all.messages.length - 1));
	const messages = dedupeAttachments(all.messages, all.attached ?? [], start);
	const anchors = all.anchors.filter((i) => i >= start).map((i) => i - start);
	const plan = planPromptCache({ model: opts.model, system: opts.system, messages, ttl: opts.cacheTtl, anchors });
	return { system: plan.system, messages: plan.messages, breakpoints: plan.breakpoints };
}
