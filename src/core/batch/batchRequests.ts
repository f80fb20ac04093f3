import type { MessageCreateParamsNonStreaming, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { costUsd } from '../pricing/pricing';
import { fillCustomAction, type CustomAction } from '../prompts/customActions';
import { fencedBlock, inlineCode, SYSTEM_PROMPT } from '../prompts/prompts';
import { localInputTokens } from '../request/contextEstimate';

/**
 * Requests for the Message Batches API (docs/anthropic-api.md, Message Batches): one per file, each with its own
 * `custom_id`, the action's instructions as a shared system prefix cached for an hour (hits inside a batch are best
 * effort; the ledger shows what was billed), split into as many batches as the API's limits need.
 */

/** What is done to every file: a built-in action, or one of the user's custom actions. */
export type BatchAction =
	| { kind: 'summarize' }
	| { kind: 'review' }
	| { kind: 'custom'; action: CustomAction };

/** A file that passed the checks (text, not empty, not too large), with the path shown in the report. */
export interface BatchFile {
	path: string;
	languageId: string;
	text: string;
}

/** The API's limits per batch: 100,000 requests or 256 MB, whichever comes first. Tests pass lower ones. */
export interface BatchLimits {
	maxRequests: number;
	maxBytes: number;
}

export const BATCH_LIMITS: Readonly<BatchLimits> = { maxRequests: 100_000, maxBytes: 256 * 1024 * 1024 };

export interface BatchRequest {
	custom_id: string;
	params: MessageCreateParamsNonStreaming;
}

/** One batch to submit: its requests and their size as sent (the JSON body). */
export interface BatchPart {
	requests: BatchRequest[];
	bytes: number;
}

export interface BatchPlan {
	parts: BatchPart[];
	/** custom_id → the file's path, for the results. */
	paths: Record<string, string>;
	/** Files whose request alone is over the size limit: not sent. */
	tooLarge: string[];
}

const INSTRUCTIONS: Record<'summarize' | 'review', string> = {
	summarize: 'Summarize the file you are given: its purpose, its main parts and how they fit together, and anything notable (risks, TODOs, unusual patterns). Keep it concise.',
	review: 'Review the file you are given as a careful senior engineer before a release: bugs, security problems, error handling, unclear or risky code. List the findings most important first, each with its line numbers and a concrete fix. If there is nothing worth changing, say "No issues found." and nothing else.',
};

/** The title of an action, for the report and the ledger's command name. */
export function batchActionTitle(action: BatchAction): string {
	return action.kind === 'custom' ? action.action.title : action.kind === 'summarize' ? 'Summarize' : 'Review';
}

/** The custom_id of the file at `index` of a plan's files: what its result is matched by. */
export function batchCustomId(index: number): string {
	return `file-${index}`;
}

/** The user message about one file: the file in a fence (Summarize, Review), or the custom action's filled template. */
function fileMessage(file: BatchFile, action: BatchAction): string {
	const lines = file.text.replace(/\r?\n$/, '').split(/\r?\n/).length;
	return action.kind === 'custom'
		? fillCustomAction(action.action, { file: file.path, languageId: file.languageId, startLine: 1, endLine: lines, code: file.text }).userText
		: [`The file ${inlineCode(file.path)} (language: ${file.languageId}, ${lines === 1 ? '1 line' : `lines 1–${lines}`}):`, '', fencedBlock(file.text, file.languageId)].join('\n');
}

/**
 * The same work as one chat request, for running a file again interactively: the action's instructions (a batch
 * request's system prefix) lead the message, since the chat keeps its own system prompt.
 */
export function batchChatPrompt(file: BatchFile, action: BatchAction): { heading: string; prompt: string } {
	const message = fileMessage(file, action);
	return {
		heading: `${batchActionTitle(action)}: ${file.path}`,
		prompt: action.kind === 'custom' ? message : `${INSTRUCTIONS[action.kind]}\n\n${message}`,
	};
}

/** The action's instructions as the system prefix every request of a batch shares, cached for an hour. */
function sharedSystem(action: BatchAction): TextBlockParam[] {
	const prefix = action.kind === 'custom' ? SYSTEM_PROMPT : `${SYSTEM_PROMPT}\n\n${INSTRUCTIONS[action.kind]}`;
	return [{ type: 'text', text: prefix, cache_control: { type: 'ephemeral', ttl: '1h' } }];
}

/**
 * The request for the file at `index`; its custom_id ({@link batchCustomId}) is what the results are matched by.
 * `system` lets a plan give every request the same prefix object instead of a copy each (10,000 copies add up).
 */
export function batchRequest(file: BatchFile, index: number, action: BatchAction, opts: { model: string; maxTokens: number }, system = sharedSystem(action)): BatchRequest {
	return {
		custom_id: batchCustomId(index),
		params: { model: opts.model, max_tokens: opts.maxTokens, system, messages: [{ role: 'user', content: fileMessage(file, action) }] },
	};
}

/** The requests for `files`, split so that no batch passes `limits` (count, or bytes of the JSON body). */
export function planBatches(files: readonly BatchFile[], action: BatchAction, opts: { model: string; maxTokens: number; limits?: BatchLimits }): BatchPlan {
	const limits = opts.limits ?? BATCH_LIMITS;
	/** `{"requests":[` + `]}` around the requests, and a comma between two. */
	const envelope = Buffer.byteLength('{"requests":[]}');
	const plan: BatchPlan = { parts: [], paths: {}, tooLarge: [] };
	let part: BatchPart | undefined;
	const system = sharedSystem(action);
	files.forEach((file, index) => {
		const request = batchRequest(file, index, action, opts, system);
		const bytes = Buffer.byteLength(JSON.stringify(request));
		if (envelope + bytes > limits.maxBytes) {
			plan.tooLarge.push(file.path);
			return;
		}
		plan.paths[request.custom_id] = file.path;
		if (!part || part.requests.length >= limits.maxRequests || part.bytes + 1 + bytes > limits.maxBytes) {
			part = { requests: [], bytes: envelope - 1 };
			plan.parts.push(part);
		}
		part.requests.push(request);
		part.bytes += 1 + bytes;
	});
	return plan;
}

/** What a plan will cost, from a local token estimate: at the batch price and, next to it, at the interactive price. */
export interface BatchEstimate {
	requests: number;
	inputTokens: number;
	/** The output's upper bound: every answer as long as max_tokens allows. */
	maxOutputTokens: number;
	/** Input only, and input plus the output's upper bound; undefined for a model without a known price. */
	batchUsd?: { input: number; upTo: number };
	interactiveUsd?: { input: number; upTo: number };
}

export function estimateBatch(plan: BatchPlan, model: string): BatchEstimate {
	const requests = plan.parts.flatMap((p) => p.requests);
	const inputTokens = requests.reduce((n, r) => n + localInputTokens(r.params.system ?? '', r.params.messages), 0);
	const maxOutputTokens = requests.reduce((n, r) => n + r.params.max_tokens, 0);
	const priced = (batch: boolean) => {
		const input = costUsd(model, { input: inputTokens, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 }, { batch });
		const upTo = costUsd(model, { input: inputTokens, output: maxOutputTokens, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 }, { batch });
		return input === undefined || upTo === undefined ? undefined : { input, upTo };
	};
	return { requests: requests.length, inputTokens, maxOutputTokens, batchUsd: priced(true), interactiveUsd: priced(false) };
}
