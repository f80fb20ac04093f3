import { randomUUID } from 'node:crypto';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { AnswerStatus, AssistantTurn, ChatError, ChatSnapshot, CodeAttachment, UserTurn } from '../shared/protocol';
import { StreamFailure, streamMessage, type StreamOutcome } from './anthropic/client';
import { classifyError, redactSecrets } from './anthropic/errors';
import { addUsage, costUsd, fromApiUsage } from './pricing';
import { Conversation, shownTurn } from './conversation';
import { DeltaCoalescer } from './deltaCoalescer';
import { shapeRequest } from './requestBuilder';
import { requestLogLine } from './requestLog';
import type { ChatSessionDeps, CommandName, RetryWait, SessionEvent, StoredAssistantTurn, StoredTurn, StoredUserTurn } from './chatTypes';
import { abortableSleep, giveUpNote, nextRetry, waitForRetry, normalizeMaxAttempts, normalizeMaxDelayMs, type RetryDecision } from './retry';

export type { ChatSessionDeps, CommandName, Connection, ConnectOptions, RequestSettings, RetryWait, SessionEvent, UsageEvent } from './chatTypes';

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
	/** Set while waiting between attempts: what the wait is, and how to end it early. */
	waiting?: { event: RetryWait; until: number; skip: () => void };
}

/**
 * The conversation and its requests: the host's source of truth for the chat. Holds turns, runs one streaming
 * request at a time through the SDK (a new request stops the running one, keeping its partial answer), coalesces
 * deltas, and reports usage for every request that produced any.
 */
export class ChatSession {
	private readonly conversation = new Conversation();
	/** First message of the history still sent (moved forward by the history cap, reset by New Chat). */
	private historyStart = 0;
	private active: ActiveRequest | undefined;
	private readonly listeners = new Set<(e: SessionEvent) => void>();
	private readonly now: () => number;
	private readonly newId: () => string;
	private readonly random: () => number;
	private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

	constructor(private readonly deps: ChatSessionDeps) {
		this.now = deps.now ?? Date.now;
		this.newId = deps.newId ?? randomUUID;
		this.random = deps.random ?? Math.random;
		this.sleep = deps.sleep ?? abortableSleep;
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

	/** The conversation for the webview (API-only prompt text stripped). */
	snapshot(): ChatSnapshot {
		return this.conversation.snapshot();
	}

	/** The conversation as persisted, prompts included. */
	persistable(): { turns: StoredTurn[] } {
		return this.conversation.persistable();
	}

	/** The current answer being streamed, as the webview should show it (for a view that appears mid-stream). */
	activeTurn(): AssistantTurn | undefined {
		return this.active ? shownTurn(this.active.turn) as AssistantTurn : undefined;
	}

	/** The wait between retry attempts going on now, with the time still left, if any. */
	activeRetryWait(): RetryWait | undefined {
		const waiting = this.active?.waiting;
		return waiting ? { ...waiting.event, delayMs: Math.max(0, waiting.until - this.now()) } : undefined;
	}

	/** Restores a persisted conversation (see Conversation.restore). */
	restore(data: unknown): void {
		this.conversation.restore(data);
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
		this.conversation.push(user);
		const { model, maxTokens } = this.deps.settings(req.command);
		const assistant: StoredAssistantTurn = { id: this.newId(), role: 'assistant', text: '', status: 'streaming', model, maxTokens, command: req.command };
		this.conversation.push(assistant);
		await this.run(req.requestId, req.command, assistant, this.conversation.history(assistant), shownTurn(user) as UserTurn);
	}

	/** Continues a truncated answer: asks the model to go on and appends to the same turn. */
	async continueTurn(requestId: string, turnId: string): Promise<boolean> {
		const turn = this.conversation.findAssistant(turnId);
		if (!turn || turn.status !== 'truncated') {
			return false;
		}
		const command = turn.command ?? 'chat';
		this.stopActive();
		const history = this.conversation.history(turn, true);
		history.messages.push({ role: 'user', content: CONTINUE_PROMPT });
		turn.status = 'streaming';
		turn.maxTokens = this.deps.settings(command).maxTokens;
		delete turn.stopReason;
		await this.run(requestId, command, turn, history);
		return true;
	}

	/** Resends the user message behind a failed, stopped or interrupted answer, replacing that answer. */
	async retryTurn(requestId: string, turnId: string, options: { sendAnyway?: boolean } = {}): Promise<boolean> {
		const turn = this.conversation.findAssistant(turnId);
		if (!turn || !['error', 'stopped', 'interrupted'].includes(turn.status) || !this.conversation.isLast(turn)) {
			return false;
		}
		const command = turn.command ?? 'chat';
		this.stopActive();
		const { model, maxTokens } = this.deps.settings(command);
		Object.assign(turn, { text: '', status: 'streaming', model, maxTokens });
		for (const key of ['stopReason', 'usage', 'costUsd', 'error'] as const) {
			delete turn[key];
		}
		await this.run(requestId, command, turn, this.conversation.history(turn), undefined, options.sendAnyway);
		return true;
	}

	/** Skips the wait before the next retry attempt of this request; false when it is not waiting. */
	retryNow(requestId: string): boolean {
		const waiting = this.active?.requestId === requestId ? this.active.waiting : undefined;
		if (!waiting) {
			return false;
		}
		waiting.skip();
		return true;
	}

	/** Stops the request with this id (also while it waits to retry), keeping its partial answer (marked 'stopped'). */
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
		this.conversation.clear();
		this.historyStart = 0;
		this.emit({ type: 'changed' });
	}

	private stopActive(): void {
		this.active?.controller.abort();
	}

	private async run(requestId: string, command: CommandName, turn: StoredAssistantTurn, history: { messages: MessageParam[]; anchors: number[] }, user?: UserTurn, sendAnyway = false): Promise<void> {
		const controller = new AbortController();
		const active: ActiveRequest = { requestId, controller, turn };
		this.active = active;
		this.emit({ type: 'started', requestId, user, assistant: shownTurn(turn) as AssistantTurn });
		this.emit({ type: 'changed' });
		const started = this.now();
		const stop = sendAnyway ? undefined : this.deps.guard?.(command);
		if (stop) {
			this.deps.logger.warn('request', `${requestId} not sent: ${stop.message}`);
			this.finishWithError(active, stop);
			return;
		}
		const connection = await this.deps.connect({ maxRetries: 0 }).catch(() => undefined);
		if (!connection) {
			this.finishWithError(active, { kind: 'noKey', message: 'No API key. Set one with "Claude: Set API Key", then Retry; nothing was sent.', retryable: true });
			return;
		}
		/** Whether the current attempt produced visible text: after that a failure is not retried automatically. */
		let textArrived: boolean;
		const deltas = new DeltaCoalescer(this.deps.flushIntervalMs ?? 40, (text, seq) => {
			turn.text += text;
			this.emit({ type: 'delta', requestId, seq, text });
			this.emit({ type: 'changed' });
		});
		const onText = (delta: string) => {
			textArrived = true;
			deltas.push(delta);
		};
		const settings = this.deps.settings(command);
		const { cacheTtl, maxHistoryTokens } = settings;
		const maxAttempts = normalizeMaxAttempts(settings.retryMaxAttempts);
		const capMs = normalizeMaxDelayMs(settings.retryMaxDelayMs);
		const shape = shapeRequest(history, { model: turn.model, cacheTtl, maxHistoryTokens, historyStart: this.historyStart });
		if (shape.historyStart !== this.historyStart) {
			this.historyStart = shape.historyStart;
			this.emit({ type: 'historyCapped', dropped: shape.dropped });
		}
		const { messages } = shape;
		const params = { model: turn.model, maxTokens: turn.maxTokens ?? 1024, system: shape.system, messages, signal: controller.signal };
		this.deps.logger.trace('request', `${requestId} messages=${redactSecrets(JSON.stringify(messages), connection.apiKey)}`);
		for (let attempt = 1; ; attempt++) {
			textArrived = false;
			try {
				const outcome = await streamMessage(connection.client, params, onText, this.now);
				deltas.flush();
				turn.stopReason = outcome.stopReason ?? undefined;
				turn.status = STATUS_BY_STOP[outcome.stopReason ?? ''] ?? 'other';
				this.recordUsage(command, turn, outcome, requestId, started);
				this.finish(active, { type: 'done', requestId, turn: shownTurn(turn) as AssistantTurn });
				return;
			} catch (err) {
				deltas.flush();
				const partial = err instanceof StreamFailure ? err.partial : undefined;
				const cause = err instanceof StreamFailure ? err.cause : err;
				const classified = classifyError(cause, connection.sdk, connection.apiKey);
				if (partial) {
					this.recordUsage(command, turn, partial, requestId, started, classified.cancelled ? 'stopped' : classified.errorClass);
				}
				if (classified.cancelled) {
					this.finishStopped(active);
					return;
				}
				const { kind, message, retryable, requestId: apiRequestId, retryAfterMs } = classified;
				const failure = `${requestId} attempt ${attempt}/${maxAttempts} failed: ${classified.errorClass} kind=${kind} request-id=${apiRequestId ?? '-'}`
					+ `${retryAfterMs === undefined ? '' : ` retry-after=${retryAfterMs}ms`} ${message}`;
				// Text already on screen would be repeated or contradicted by a fresh attempt: keep it, offer Retry.
				const decision: RetryDecision = textArrived
					? { retry: false, why: 'notRetryable' }
					: nextRetry({ failedAttempt: attempt, maxAttempts, kind, retryAfterMs, capMs, random: this.random });
				if (!decision.retry) {
					this.deps.logger.error('request', failure);
					this.finishWithError(active, { kind, message: message + giveUpNote(decision, attempt), retryable, requestId: apiRequestId });
					return;
				}
				this.deps.logger.warn('request', `${failure}; retrying in ${decision.delayMs}ms`);
				if (!(await this.waitToRetry(active, { type: 'retrying', requestId, attempt: attempt + 1, maxAttempts, delayMs: decision.delayMs, kind }))) {
					this.finishStopped(active);
					return;
				}
			}
		}
	}

	/** Announces a retry (exposing Retry Now through `active.waiting`) and waits for it; false when cancelled meanwhile. */
	private async waitToRetry(active: ActiveRequest, event: RetryWait): Promise<boolean> {
		try {
			return await waitForRetry(active.controller.signal, event.delayMs, this.sleep, (skip) => {
				active.waiting = { event, until: this.now() + event.delayMs, skip };
				this.emit(event); // a listener may already skip or cancel here
			});
		} finally {
			active.waiting = undefined;
		}
	}

	private finishStopped(active: ActiveRequest): void {
		active.turn.status = 'stopped';
		active.turn.stopReason = 'stopped';
		this.finish(active, { type: 'done', requestId: active.requestId, turn: shownTurn(active.turn) as AssistantTurn });
	}

	private finishWithError(active: ActiveRequest, error: ChatError): void {
		active.turn.status = 'error';
		active.turn.error = error;
		this.finish(active, { type: 'error', requestId: active.requestId, turn: shownTurn(active.turn) as AssistantTurn, error });
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
		const stopReason = failure ?? outcome.stopReason ?? undefined;
		this.deps.logger.info('request', requestLogLine({
			requestId, apiRequestId: outcome.requestId, command, model: outcome.model, stop: stopReason ?? '-', usage,
			costUsd: cost, timeToFirstTokenMs: outcome.timeToFirstTokenMs, totalMs: total,
		}));
		this.emit({ type: 'usage', usage: { requestId: outcome.requestId, command, model: outcome.model, usage, stopReason, latencyMs: total } });
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
