import { randomUUID } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { AnswerStatus, AssistantTurn, ChatError, ChatSnapshot, ChatTurn, CodeAttachment, TokenUsage, UserTurn } from '../shared/protocol';
import { StreamFailure, streamMessage, type Sdk, type StreamOutcome } from './anthropic/client';
import { classifyError, redactSecrets } from './anthropic/errors';
import type { Logger } from './logger';
import { addUsage, costUsd, fromApiUsage } from './pricing';
import type { CacheTtl } from './promptCache';
import { shapeRequest, toApiMessages } from './requestBuilder';

/** Which feature started a request: picks the model tier and tags usage and logs. */
export type CommandName = 'chat' | 'explainSelection' | 'summarizeFile';

/** A connected client for one request; undefined from `connect` means there is no key and nothing may be sent. */
export interface Connection {
	client: Anthropic;
	sdk: Sdk;
	apiKey: string;
}

export interface ChatSessionDeps {
	logger: Logger;
	connect(): Promise<Connection | undefined>;
	/** Model and max_tokens for a command, read from settings at request time. */
	settings(command: CommandName): { model: string; maxTokens: number; cacheTtl: CacheTtl; maxHistoryTokens: number };
	now?: () => number;
	/** How often streamed text is flushed to listeners; coalesces many tiny deltas into few messages. */
	flushIntervalMs?: number;
	newId?: () => string;
}

/** One request's usage, reported whether the request finished, was stopped or failed mid-way. */
export interface UsageEvent {
	requestId?: string;
	command: CommandName;
	model: string;
	usage: TokenUsage;
}

export type SessionEvent =
	| { type: 'started'; requestId: string; user?: UserTurn; assistant: AssistantTurn }
	| { type: 'delta'; requestId: string; seq: number; text: string }
	| { type: 'done'; requestId: string; turn: AssistantTurn }
	| { type: 'error'; requestId: string; turn: AssistantTurn; error: ChatError }
	| { type: 'usage'; usage: UsageEvent }
	/** The history cap moved: `dropped` earlier messages are no longer sent. */
	| { type: 'historyCapped'; dropped: number }
	/** The conversation changed (persist it). */
	| { type: 'changed' };

/** A user turn as the host keeps it: `prompt` is what goes to the API when it differs from the shown text. */
interface StoredUserTurn extends UserTurn {
	prompt?: string;
}

/** An answer as the host keeps it: `command` lets Continue and Retry reuse the original model tier. */
interface StoredAssistantTurn extends AssistantTurn {
	command?: CommandName;
}

type StoredTurn = StoredUserTurn | StoredAssistantTurn;

/** The message sent to continue a truncated answer; the reply is appended to the same answer. */
export const CONTINUE_PROMPT = 'Continue exactly where your previous answer stopped. Do not repeat anything, do not add a preamble.';

const STATUS_BY_STOP: Record<string, AnswerStatus> = {
	end_turn: 'complete',
	stop_sequence: 'complete',
	max_tokens: 'truncated',
	refusal: 'refused',
};

interface ActiveRequest {
	requestId: string;
	controller: AbortController;
	turn: StoredAssistantTurn;
}

/**
 * The conversation and its requests: the host's source of truth for the chat. Holds turns, runs one streaming
 * request at a time through the SDK (a new request stops the running one, keeping its partial answer), coalesces
 * deltas, and reports usage for every request that produced any.
 */
export class ChatSession {
	private turns: StoredTurn[] = [];
	/** First message of the history still sent (moved forward by the history cap, reset by New Chat). */
	private historyStart = 0;
	private active: ActiveRequest | undefined;
	private readonly listeners = new Set<(e: SessionEvent) => void>();
	private readonly now: () => number;
	private readonly newId: () => string;

	constructor(private readonly deps: ChatSessionDeps) {
		this.now = deps.now ?? Date.now;
		this.newId = deps.newId ?? randomUUID;
	}

	/** Subscribes to session events; returns the unsubscribe function. */
	onEvent(listener: (e: SessionEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	get busy(): boolean {
		return this.active !== undefined;
	}

	get activeRequestId(): string | undefined {
		return this.active?.requestId;
	}

	/** The conversation for the webview and for persistence (API-only prompt text stripped). */
	snapshot(): ChatSnapshot {
		return {
			turns: this.turns.map((t) => this.snapshotTurn(t)),
		};
	}

	/** The conversation as persisted, prompts included, so follow-ups after a reload still carry the code. */
	persistable(): { turns: StoredTurn[] } {
		return { turns: this.turns.map((t) => ({ ...t })) };
	}

	/** The current answer being streamed, as the webview should show it (for a view that appears mid-stream). */
	activeTurn(): AssistantTurn | undefined {
		return this.active ? this.snapshotTurn(this.active.turn) as AssistantTurn : undefined;
	}

	/** Restores a persisted conversation; an answer that was streaming when the window closed becomes 'interrupted'. */
	restore(data: unknown): void {
		const turns = (data as { turns?: unknown } | undefined)?.turns;
		if (!Array.isArray(turns)) {
			return;
		}
		this.turns = turns.filter(isStoredTurn).map((t) =>
			t.role === 'assistant' && t.status === 'streaming' ? { ...t, status: 'interrupted' as const } : t,
		);
	}

	/** Sends a user message (typed in the chat, or built by a command) and streams the answer. */
	async send(req: { requestId: string; text: string; command: CommandName; code?: CodeAttachment; prompt?: string }): Promise<void> {
		const user: StoredUserTurn = { id: this.newId(), role: 'user', text: req.text, code: req.code, prompt: req.prompt };
		if (!req.code) {
			delete user.code;
		}
		if (!req.prompt) {
			delete user.prompt;
		}
		this.stopActive();
		this.turns.push(user);
		const { model, maxTokens } = this.deps.settings(req.command);
		const assistant: StoredAssistantTurn = { id: this.newId(), role: 'assistant', text: '', status: 'streaming', model, maxTokens, command: req.command };
		this.turns.push(assistant);
		await this.run(req.requestId, req.command, assistant, this.history(assistant), this.snapshotTurn(user) as UserTurn);
	}

	/** Continues a truncated answer: asks the model to go on and appends to the same turn. */
	async continueTurn(requestId: string, turnId: string): Promise<boolean> {
		const turn = this.findAssistant(turnId);
		if (!turn || turn.status !== 'truncated') {
			return false;
		}
		const command = turn.command ?? 'chat';
		this.stopActive();
		const history = this.history(turn, true);
		history.messages.push({ role: 'user', content: CONTINUE_PROMPT });
		turn.status = 'streaming';
		turn.maxTokens = this.deps.settings(command).maxTokens;
		delete turn.stopReason;
		await this.run(requestId, command, turn, history);
		return true;
	}

	/** Resends the user message behind a failed, stopped or interrupted answer, replacing that answer. */
	async retryTurn(requestId: string, turnId: string): Promise<boolean> {
		const turn = this.findAssistant(turnId);
		if (!turn || !['error', 'stopped', 'interrupted'].includes(turn.status) || this.turns.at(-1) !== turn) {
			return false;
		}
		const command = turn.command ?? 'chat';
		this.stopActive();
		const { model, maxTokens } = this.deps.settings(command);
		Object.assign(turn, { text: '', status: 'streaming', model, maxTokens });
		for (const key of ['stopReason', 'usage', 'costUsd', 'error'] as const) {
			delete turn[key];
		}
		await this.run(requestId, command, turn, this.history(turn));
		return true;
	}

	/** Stops the request with this id, keeping its partial answer (marked 'stopped'). */
	cancel(requestId: string): boolean {
		if (this.active?.requestId !== requestId) {
			return false;
		}
		this.active.controller.abort();
		return true;
	}

	/** Starts a new conversation, stopping any running request. */
	clear(): void {
		this.stopActive();
		this.turns = [];
		this.historyStart = 0;
		this.emit({ type: 'changed' });
	}

	private stopActive(): void {
		this.active?.controller.abort();
	}

	private findAssistant(turnId: string): StoredAssistantTurn | undefined {
		const t = this.turns.find((x) => x.id === turnId);
		return t?.role === 'assistant' ? t : undefined;
	}

	private snapshotTurn(t: StoredTurn): ChatTurn {
		if (t.role === 'user') {
			const { prompt: _prompt, ...shown } = t;
			return shown;
		}
		const { command: _command, ...shown } = t;
		return shown;
	}

	/** API messages for everything before `upTo` (and `upTo` itself when continuing). */
	private history(upTo: AssistantTurn, includeSelf = false): { messages: MessageParam[]; anchors: number[] } {
		return toApiMessages(this.turns.slice(0, this.turns.indexOf(upTo) + (includeSelf ? 1 : 0)));
	}

	private async run(requestId: string, command: CommandName, turn: StoredAssistantTurn, history: { messages: MessageParam[]; anchors: number[] }, user?: UserTurn): Promise<void> {
		const controller = new AbortController();
		const active: ActiveRequest = { requestId, controller, turn };
		this.active = active;
		this.emit({ type: 'started', requestId, user, assistant: this.snapshotTurn(turn) as AssistantTurn });
		this.emit({ type: 'changed' });
		const started = this.now();
		const connection = await this.deps.connect().catch(() => undefined);
		if (!connection) {
			this.finishWithError(active, { kind: 'noKey', message: 'No API key. Set one with "Claude: Set API Key", then Retry; nothing was sent.', retryable: true });
			return;
		}
		let seq = 0;
		let pending = '';
		let timer: ReturnType<typeof setTimeout> | undefined;
		// turn.text only grows at flush time, so a snapshot never holds text that a later delta repeats.
		const flush = () => {
			timer = undefined;
			if (pending) {
				turn.text += pending;
				this.emit({ type: 'delta', requestId, seq: ++seq, text: pending });
				this.emit({ type: 'changed' });
			}
			pending = '';
		};
		const onText = (delta: string) => {
			pending += delta;
			timer ??= setTimeout(flush, this.deps.flushIntervalMs ?? 40);
		};
		const { cacheTtl, maxHistoryTokens } = this.deps.settings(command);
		const shape = shapeRequest(history, { model: turn.model, cacheTtl, maxHistoryTokens, historyStart: this.historyStart });
		if (shape.historyStart !== this.historyStart) {
			this.historyStart = shape.historyStart;
			this.emit({ type: 'historyCapped', dropped: shape.dropped });
		}
		const { messages } = shape;
		const params = { model: turn.model, maxTokens: turn.maxTokens ?? 1024, system: shape.system, messages, signal: controller.signal };
		this.deps.logger.trace('request', `${requestId} messages=${redactSecrets(JSON.stringify(messages), connection.apiKey)}`);
		try {
			const outcome = await streamMessage(connection.client, params, onText, this.now);
			clearTimeout(timer);
			flush();
			turn.stopReason = outcome.stopReason ?? undefined;
			turn.status = STATUS_BY_STOP[outcome.stopReason ?? ''] ?? 'other';
			this.recordUsage(command, turn, outcome, requestId, started);
			this.finish(active, { type: 'done', requestId, turn: this.snapshotTurn(turn) as AssistantTurn });
		} catch (err) {
			clearTimeout(timer);
			flush();
			const partial = err instanceof StreamFailure ? err.partial : undefined;
			const cause = err instanceof StreamFailure ? err.cause : err;
			const classified = classifyError(cause, connection.sdk, connection.apiKey);
			if (partial) {
				this.recordUsage(command, turn, partial, requestId, started, classified.cancelled ? 'stopped' : classified.errorClass);
			}
			if (classified.cancelled) {
				turn.status = 'stopped';
				turn.stopReason = 'stopped';
				this.finish(active, { type: 'done', requestId, turn: this.snapshotTurn(turn) as AssistantTurn });
				return;
			}
			const { kind, message, retryable, requestId: apiRequestId } = classified;
			this.deps.logger.error('request', `${requestId} failed: ${classified.errorClass} kind=${kind} request-id=${apiRequestId ?? '-'} ${message}`);
			this.finishWithError(active, { kind, message, retryable, requestId: apiRequestId });
		}
	}

	private finishWithError(active: ActiveRequest, error: ChatError): void {
		active.turn.status = 'error';
		active.turn.error = error;
		this.finish(active, { type: 'error', requestId: active.requestId, turn: this.snapshotTurn(active.turn) as AssistantTurn, error });
	}

	private finish(active: ActiveRequest, terminal: SessionEvent): void {
		if (this.active === active) {
			this.active = undefined;
		}
		this.emit(terminal);
		this.emit({ type: 'changed' });
	}

	private recordUsage(command: CommandName, turn: AssistantTurn, outcome: StreamOutcome, requestId: string, started: number, failure?: string): void {
		const total = this.now() - started;
		if (outcome.usage === undefined) {
			this.deps.logger.info('request', `${requestId} command=${command} model=${turn.model} stop=${failure ?? 'none'} no usage reported total=${total}ms`);
			return;
		}
		const usage = fromApiUsage(outcome.usage);
		const cost = costUsd(outcome.model, usage);
		const costAlreadyUnknown = turn.usage !== undefined && turn.costUsd === undefined;
		turn.usage = turn.usage ? addUsage(turn.usage, usage) : usage;
		if (cost === undefined || costAlreadyUnknown) {
			delete turn.costUsd;
		} else {
			turn.costUsd = (turn.costUsd ?? 0) + cost;
		}
		this.deps.logger.info('request', [
			`${requestId}`, `api-request-id=${outcome.requestId ?? '-'}`, `command=${command}`, `model=${outcome.model}`,
			`stop=${failure ?? outcome.stopReason ?? '-'}`, `in=${usage.input}`, `out=${usage.output}`,
			`cacheWrite5m=${usage.cacheWrite5m}`, `cacheWrite1h=${usage.cacheWrite1h}`, `cacheRead=${usage.cacheRead}`,
			`cost=${cost === undefined ? 'unknown' : `$${cost.toFixed(6)}`}`,
			`ttft=${outcome.timeToFirstTokenMs === undefined ? '-' : `${outcome.timeToFirstTokenMs}ms`}`, `total=${total}ms`,
		].join(' '));
		this.emit({ type: 'usage', usage: { requestId: outcome.requestId, command, model: outcome.model, usage } });
	}

	private emit(e: SessionEvent): void {
		for (const l of [...this.listeners]) {
			try {
				l(e);
			} catch (err) {
				this.deps.logger.error('session', `listener failed: ${err instanceof Error ? err.message : String(err)}`);
			}
		}
	}
}

function isStoredTurn(t: unknown): t is StoredTurn {
	if (typeof t !== 'object' || t === null) {
		return false;
	}
	const x = t as Record<string, unknown>;
	return typeof x.id === 'string' && typeof x.text === 'string'
		&& (x.role === 'user' || (x.role === 'assistant' && typeof x.status === 'string' && typeof x.model === 'string'));
}
