import { randomUUID } from 'node:crypto';
import { canContinue, type AssistantTurn, type ChatError, type ChatSnapshot, type CodeAttachment, type ErrorKind, type UserTurn } from '../../shared/protocol';
import { StreamFailure, streamMessage, type StreamOutcome } from '../anthropic/client';
import { describeConnectFailure } from '../anthropic/connect';
import { briefMessage, classifyError, redactSecrets } from '../anthropic/errors';
import { Conversation, shownTurn, statusForStop } from './conversation';
import { DeltaCoalescer } from './deltaCoalescer';
import type { ApiHistory } from '../request/shape';
import { prepareRequest } from '../request/prepare';
import { ActiveRequest } from './activeRequest';
import { CONTINUE_PROMPT } from '../prompts/prompts';
import { RateLimitTracker } from '../anthropic/rateLimits';
import type { HistoryState } from '../request/historySummary';
import { SessionEvents } from './sessionEvents';
import type { Connection, ConnectResult } from '../anthropic/connect';
import type { CommandName, RequestSettings } from '../request/settings';
import type { ChatSessionDeps, RetryWait, SessionEvent, StoredAssistantTurn, StoredTurn } from './types';
import { resendTarget, type ResendOptions } from './resend';
import { abortableSleep, giveUpNote, nextRetry, normalizeMaxAttempts, normalizeMaxDelayMs, type RetryDecision } from '../request/retry';

/**
 * The conversation and its requests: the host's source of truth for the chat. Holds turns, runs one streaming
 * request at a time through the SDK (a new request stops the running one, keeping its partial answer), coalesces
 * deltas, and reports usage for every request that produced any.
 */
export class ChatSession {
	private readonly conversation = new Conversation();
	private active: ActiveRequest | undefined;
	private readonly events: SessionEvents;
	private readonly now: () => number;
	private readonly newId: () => string;
	private readonly random: () => number;
	private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
	private readonly rateLimits: RateLimitTracker;

	constructor(private readonly deps: ChatSessionDeps) {
		this.now = deps.now ?? Date.now;
		this.newId = deps.newId ?? randomUUID;
		this.random = deps.random ?? Math.random;
		this.sleep = deps.sleep ?? abortableSleep;
		this.rateLimits = deps.rateLimits ?? new RateLimitTracker(this.now);
		this.events = new SessionEvents(deps.logger);
	}

	/** Subscribes to session events; returns the unsubscribe function. */
	onEvent(listener: (e: SessionEvent) => void): () => void {
		return this.events.on(listener);
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
	persistable(): { turns: StoredTurn[]; history: HistoryState; model?: string } {
		return this.conversation.persistable();
	}

	/** The current answer being streamed, as the webview should show it (for a view that appears mid-stream). */
	activeTurn(): AssistantTurn | undefined {
		return this.active ? shownTurn(this.active.turn) as AssistantTurn : undefined;
	}

	/** The wait between retry attempts going on now, with the time still left, if any. */
	activeRetryWait(): RetryWait | undefined {
		return this.active?.retryWait();
	}

	/** The large-request estimate waiting for Send / Cancel now, if any (for a view that appears meanwhile). */
	activeConfirm(): Extract<SessionEvent, { type: 'confirm' }> | undefined {
		return this.active?.confirmEvent();
	}

	/** This conversation's model for chat messages (the header's picker); undefined follows the chat model setting. */
	get model(): string | undefined {
		return this.conversation.model;
	}

	set model(model: string | undefined) {
		this.conversation.model = model;
		this.emit({ type: 'changed' });
	}

	/** Restores a persisted conversation (see Conversation.restore). */
	restore(data: unknown): void {
		this.conversation.restore(data);
	}

	/** Sends a user message (typed in the chat, or built by a command) and streams the answer. */
	async send(req: { requestId: string; text: string; command: CommandName; code?: CodeAttachment; prompt?: string }): Promise<void> {
		this.stopActive();
		const { user, assistant } = this.conversation.addExchange(req, this.settings(req.command), this.newId);
		await this.run(req.requestId, req.command, assistant, this.conversation.apiHistory(assistant), shownTurn(user) as UserTurn);
	}

	/** Continues a truncated or paused answer (see canContinue): asks the model to go on and appends to the same turn. */
	async continueTurn(requestId: string, turnId: string): Promise<boolean> {
		const turn = this.conversation.findAssistant(turnId);
		if (!turn || !canContinue(turn)) {
			return false;
		}
		const command = turn.command ?? 'chat';
		this.stopActive();
		const history = this.conversation.apiHistory(turn, true);
		history.messages.push({ role: 'user', content: CONTINUE_PROMPT });
		Conversation.reopen(turn, { maxTokens: this.settings(command).maxTokens });
		await this.run(requestId, command, turn, history);
		return true;
	}

	/** Asks the last question again, replacing its answer: Retry, Regenerate or Edit (see resendTarget). */
	async retryTurn(requestId: string, turnId: string, options: ResendOptions = {}): Promise<boolean> {
		const target = resendTarget(this.conversation.lastExchange(), turnId, options);
		if (!target) {
			return false;
		}
		const { assistant: turn, user } = target;
		const command = turn.command ?? 'chat';
		this.stopActive();
		const { model, maxTokens } = this.settings(command);
		Conversation.reopen(turn, { model, maxTokens, text: '' });
		await this.run(requestId, command, turn, this.conversation.apiHistory(turn), user, options.sendAnyway);
		return true;
	}

	/** Skips the wait before the next retry attempt of this request; false when it is not waiting. */
	retryNow(requestId: string): boolean {
		return this.active?.requestId === requestId && this.active.skipWait();
	}

	/** Sends the large request waiting for confirmation; false when this request is not waiting. */
	confirmSend(requestId: string): boolean {
		return this.active?.requestId === requestId && this.active.confirmSend();
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
		this.emit({ type: 'changed' });
	}

	private settings(command: CommandName): RequestSettings {
		return this.conversation.settingsFor(command, this.deps.settings(command));
	}

	private stopActive(): void {
		this.active?.controller.abort();
	}

	private async run(requestId: string, command: CommandName, turn: StoredAssistantTurn, history: ApiHistory, user?: UserTurn, sendAnyway = false): Promise<void> {
		const active = new ActiveRequest(requestId, turn, this.now);
		const { controller } = active;
		this.active = active;
		this.emit({ type: 'started', requestId, user, assistant: shownTurn(turn) as AssistantTurn });
		this.emit({ type: 'changed' });
		const started = this.now();
		const stop = sendAnyway ? undefined : await this.deps.guard?.(command);
		if (stop) {
			this.deps.logger.warn('request', `${requestId} not sent: ${stop.message}`);
			this.finishWithError(active, stop);
			return;
		}
		if (controller.signal.aborted) {
			this.finishStopped(active);
			return;
		}
		const connected = await this.connect(requestId);
		if (!connected.ok) {
			// Retry is offered: once the key, the setting or the key store is fixed, the same question can go out.
			this.finishWithError(active, { kind: connected.kind, message: connected.message, retryable: true });
			return;
		}
		const { connection } = connected;
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
		const settings = this.settings(command);
		const maxAttempts = normalizeMaxAttempts(settings.retryMaxAttempts);
		const capMs = normalizeMaxDelayMs(settings.retryMaxDelayMs);
		const maxTokens = turn.maxTokens ?? 1024;
		const prepared = await prepareRequest({
			connection, signal: controller.signal, model: turn.model, maxTokens, settings, history,
			historyState: this.conversation.history, now: this.now,
			onHistory: (state, failure) => this.historyMoved(state, failure, connection),
			onSummary: (result, startedAt) => this.events.usage({ command: 'summarizeHistory', outcome: result, requestId, totalMs: this.now() - startedAt }),
			confirm: (estimate) => active.waitForConfirm(estimate, (e) => this.emit(e)),
			rateLimits: this.rateLimits,
			hold: ({ delayMs, reason }) => {
				this.deps.logger.info('request', `${requestId} held ${delayMs}ms: ${reason}`);
				return active.waitToRetry({ type: 'retrying', requestId, attempt: 1, maxAttempts, delayMs, kind: 'rateLimit', hold: reason }, this.sleep, (e) => this.emit(e));
			},
		});
		if (!prepared.ok) {
			if ('cancelled' in prepared || controller.signal.aborted) {
				this.finishStopped(active);
			} else {
				this.deps.logger.warn('request', `${requestId} not sent: ${prepared.error.message}`);
				this.finishWithError(active, prepared.error);
			}
			return;
		}
		const { messages } = prepared;
		const params = { model: turn.model, maxTokens, system: prepared.system, messages, signal: controller.signal, idleTimeoutMs: settings.idleTimeoutMs };
		this.deps.logger.trace('request', `${requestId} messages=${redactSecrets(JSON.stringify(messages), connection.apiKey)}`);
		for (let attempt = 1; ; attempt++) {
			textArrived = false;
			try {
				const outcome = await streamMessage(connection.client, params, onText, this.now);
				this.rateLimits.update(outcome.rateLimits);
				deltas.flush();
				turn.stopReason = outcome.stopReason ?? undefined;
				turn.status = statusForStop(outcome.stopReason);
				this.recordUsage(command, turn, outcome, requestId, started);
				this.finish(active, { type: 'done', requestId, turn: shownTurn(turn) as AssistantTurn });
				return;
			} catch (err) {
				deltas.flush();
				const partial = err instanceof StreamFailure ? err.partial : undefined;
				this.rateLimits.update(partial?.rateLimits);
				const cause = err instanceof StreamFailure ? err.cause : err;
				const classified = classifyError(cause, connection.sdk, connection.apiKey, { responseStarted: err instanceof StreamFailure && err.responseStarted });
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
				if (!(await active.waitToRetry({ type: 'retrying', requestId, attempt: attempt + 1, maxAttempts, delayMs: decision.delayMs, kind }, this.sleep, (e) => this.emit(e)))) {
					this.finishStopped(active);
					return;
				}
			}
		}
	}

	/**
	 * A client for this request, with SDK retries off (the session retries visibly itself). When there is none, says
	 * why (logged once, with its cause). A connector that throws breaks its contract; the answer still ends.
	 */
	private async connect(requestId: string): Promise<{ ok: true; connection: Connection } | { ok: false; kind: ErrorKind; message: string }> {
		let result: ConnectResult;
		try {
			result = await this.deps.connect({ maxRetries: 0 });
		} catch (err) {
			const message = redactSecrets(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
			this.deps.logger.error('request', `${requestId} not sent: connecting failed unexpectedly: ${message}`);
			return { ok: false, kind: 'unknown', message: `Could not start the request (${message}); nothing was sent. Show Logs has the details.` };
		}
		if (result.ok) {
			return result;
		}
		this.deps.logger.error('request', `${requestId} not sent: ${describeConnectFailure(result)}`);
		return { ok: false, kind: result.reason, message: result.message };
	}

	/**
	 * The history cut moved: keep the new state (persisted with the chat) and tell the view where the marker goes. A
	 * failed summary is logged in full (request id included) and shown in a few words.
	 */
	private historyMoved(state: HistoryState, failure: unknown, { sdk, apiKey }: Connection): void {
		this.conversation.history = state;
		const why = failure === undefined ? undefined : briefMessage(failure, sdk, apiKey);
		if (failure !== undefined) {
			const full = redactSecrets(failure instanceof Error ? failure.message : String(failure), apiKey);
			this.deps.logger.warn('history', `summarizing earlier messages failed, trimmed instead: ${full}`);
		}
		this.emit({ type: 'history', state, marker: this.conversation.historyMarker(), failure: why });
		this.emit({ type: 'changed' });
	}

	private finishStopped(active: ActiveRequest): void {
		this.finish(active, active.stopped());
	}

	private finishWithError(active: ActiveRequest, error: ChatError): void {
		this.finish(active, active.failed(error));
	}

	private finish(active: ActiveRequest, terminal: SessionEvent): void {
		if (this.active === active) {
			this.active = undefined;
		}
		this.emit(terminal);
		this.emit({ type: 'changed' });
	}

	/** Adds a request's usage to its answer (an answer may take several: Continue) and reports it. */
	private recordUsage(command: CommandName, turn: AssistantTurn, outcome: StreamOutcome, requestId: string, started: number, failure?: string): void {
		const reported = this.events.usage({ command, outcome, requestId, totalMs: this.now() - started, failure });
		if (!reported) {
			return;
		}
		Conversation.addUsage(turn, reported.usage, reported.cost);
	}

	private emit(e: SessionEvent): void {
		this.events.emit(e);
	}
}
