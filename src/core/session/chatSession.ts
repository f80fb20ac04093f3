import { randomUUID } from 'node:crypto';
import { canContinue, type AssistantTurn, type ChatSnapshot, type CodeAttachment, type ErrorKind, type UserTurn } from '../../shared/protocol';
import { StreamFailure, streamMessage, type StreamOutcome, type StreamParams } from '../anthropic/client';
import { describeConnectFailure } from '../anthropic/connect';
import { briefMessage, classifyError, redactSecrets, type ClassifiedError } from '../anthropic/errors';
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
import type { ChatDelta, ChatEnded, ChatSessionDeps, ChatStarted, ConfirmEvent, HistoryEvent, RetryWait, SessionEvent, StoredAssistantTurn, StoredTurn, Subscription, UsageEvent } from './types';
import { resendTarget, type ResendOptions } from './resend';
import type { Attachment } from '../context/attachment';
import { abortableSleep, giveUpNote, nextRetry, normalizeMaxAttempts, normalizeMaxDelayMs, type RetryDecision } from '../request/retry';

/** A step of a request: what the next step needs, or the event that ends the answer. */
type Step<T> = { ok: true; value: T } | { ok: false; end: SessionEvent };

/** A prepared request: the client, what is sent, and the retry limits from the settings. */
interface Call {
	connection: Connection;
	params: StreamParams;
	maxAttempts: number;
	capMs: number;
}

/** One attempt's result: the API's outcome, or the failure (with what the API reported before it). */
type Attempt =
	| { ok: true; outcome: StreamOutcome }
	| { ok: false; classified: ClassifiedError; partial: StreamOutcome | undefined; textArrived: boolean };

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

	/* Subscriptions, each typed to its event (see SessionEvents); dispose() ends one. */
	onEvent(listener: (e: SessionEvent) => void): Subscription { return this.events.onEvent(listener); }
	onDidStart(listener: (m: ChatStarted) => void): Subscription { return this.events.onDidStart(listener); }
	onDidStream(listener: (m: ChatDelta) => void): Subscription { return this.events.onDidStream(listener); }
	onDidEnd(listener: (m: ChatEnded) => void): Subscription { return this.events.onDidEnd(listener); }
	onDidWaitToRetry(listener: (e: RetryWait) => void): Subscription { return this.events.onDidWaitToRetry(listener); }
	onDidAskToConfirm(listener: (e: ConfirmEvent) => void): Subscription { return this.events.onDidAskToConfirm(listener); }
	onDidMoveHistory(listener: (e: HistoryEvent) => void): Subscription { return this.events.onDidMoveHistory(listener); }
	onDidRecordUsage(listener: (usage: UsageEvent) => void): Subscription { return this.events.onDidRecordUsage(listener); }
	onDidChange(listener: () => void): Subscription { return this.events.onDidChange(listener); }

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

	/**
	 * The usage of a request made outside the chat (a commit message): logged once and announced to the status bar, the
	 * ledger and the budgets like a chat request's.
	 */
	reportUsage(report: Parameters<SessionEvents['usage']>[0]): void {
		this.events.usage(report);
	}

	/** An attachment of a question already sent, by its chip's id. */
	findAttachment(id: string): Attachment | undefined {
		return this.conversation.findAttachment(id);
	}

	/** Restores a persisted conversation (see Conversation.restore). */
	restore(data: unknown): void {
		this.conversation.restore(data);
	}

	/** Sends a user message (typed in the chat, or built by a command) and streams the answer. */
	async send(req: { requestId: string; text: string; command: CommandName; code?: CodeAttachment; prompt?: string; attachments?: Attachment[] }): Promise<void> {
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

	/**
	 * One request, top to bottom: start the answer, open (budget check and a client), prepare what is sent, then the
	 * attempts. Each step hands the next what it needs, or the event that ends the answer.
	 */
	private async run(requestId: string, command: CommandName, turn: StoredAssistantTurn, history: ApiHistory, user?: UserTurn, sendAnyway = false): Promise<void> {
		const active = this.start(requestId, turn, user);
		const startedAt = this.now();
		const opened = await this.open(active, command, sendAnyway);
		const prepared = opened.ok ? await this.prepare(active, command, opened.value, history) : opened;
		const end = prepared.ok ? await this.sendWithRetries(active, command, prepared.value, startedAt) : prepared.end;
		this.finish(active, end);
	}

	/** Makes this request the running one and shows its answer (empty until text arrives). */
	private start(requestId: string, turn: StoredAssistantTurn, user: UserTurn | undefined): ActiveRequest {
		const active = new ActiveRequest(requestId, turn, this.now);
		this.active = active;
		this.emit({ type: 'chat/started', requestId, user, assistant: shownTurn(turn) as AssistantTurn });
		this.emit({ type: 'changed' });
		return active;
	}

	/** The budget check (skipped by Send anyway), then a client; nothing is sent when either says no. */
	private async open(active: ActiveRequest, command: CommandName, sendAnyway: boolean): Promise<Step<Connection>> {
		const stop = sendAnyway ? undefined : await this.deps.guard?.(command);
		if (stop) {
			this.deps.logger.warn('request', `${active.requestId} not sent: ${stop.message}`);
			return { ok: false, end: active.failed(stop) };
		}
		if (active.signal.aborted) {
			return { ok: false, end: active.stopped() };
		}
		const connected = await this.connect(active.requestId);
		// Retry is offered: once the key, the setting or the key store is fixed, the same question can go out.
		return connected.ok
			? { ok: true, value: connected.connection }
			: { ok: false, end: active.failed({ kind: connected.kind, message: connected.message, retryable: true }) };
	}

	/** What goes to the API: the history (summarized or trimmed), after the large-request confirmation and pacing. */
	private async prepare(active: ActiveRequest, command: CommandName, connection: Connection, history: ApiHistory): Promise<Step<Call>> {
		const { requestId, turn, signal } = active;
		const settings = this.settings(command);
		const maxAttempts = normalizeMaxAttempts(settings.retryMaxAttempts);
		const maxTokens = turn.maxTokens ?? 1024;
		const prepared = await prepareRequest({
			connection, signal, model: turn.model, maxTokens, settings, history,
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
			if ('cancelled' in prepared || signal.aborted) {
				return { ok: false, end: active.stopped() };
			}
			this.deps.logger.warn('request', `${requestId} not sent: ${prepared.error.message}`);
			return { ok: false, end: active.failed(prepared.error) };
		}
		const { messages, system } = prepared;
		this.deps.logger.trace('request', () => `${requestId} messages=${redactSecrets(JSON.stringify(messages), connection.apiKey)}`);
		return {
			ok: true,
			value: {
				connection, maxAttempts, capMs: normalizeMaxDelayMs(settings.retryMaxDelayMs),
				params: { model: turn.model, maxTokens, system, messages, signal, idleTimeoutMs: settings.idleTimeoutMs },
			},
		};
	}

	/**
	 * The attempts, each one call to the API. A failure before any text may be retried after a visible wait; after
	 * text arrived it is not (a fresh attempt would repeat or contradict what is on screen): Retry is offered instead.
	 */
	private async sendWithRetries(active: ActiveRequest, command: CommandName, call: Call, startedAt: number): Promise<SessionEvent> {
		const { requestId, turn } = active;
		const deltas = new DeltaCoalescer(this.deps.flushIntervalMs ?? 40, (text, seq) => {
			turn.text += text;
			this.emit({ type: 'chat/delta', requestId, seq, text });
			this.emit({ type: 'changed' });
		});
		for (let attempt = 1; ; attempt++) {
			const result = await this.attempt(call, deltas);
			if (result.ok) {
				turn.stopReason = result.outcome.stopReason ?? undefined;
				turn.status = statusForStop(result.outcome.stopReason);
				this.recordUsage(command, turn, result.outcome, requestId, startedAt);
				return { type: 'chat/done', requestId, turn: shownTurn(turn) as AssistantTurn };
			}
			const { classified, partial, textArrived } = result;
			if (partial) {
				this.recordUsage(command, turn, partial, requestId, startedAt, classified.cancelled ? 'stopped' : classified.errorClass);
			}
			if (classified.cancelled) {
				return active.stopped();
			}
			const { kind, message, retryable, requestId: apiRequestId, retryAfterMs } = classified;
			const failure = `${requestId} attempt ${attempt}/${call.maxAttempts} failed: ${classified.errorClass} kind=${kind} request-id=${apiRequestId ?? '-'}`
				+ `${retryAfterMs === undefined ? '' : ` retry-after=${retryAfterMs}ms`} ${message}`;
			const decision: RetryDecision = textArrived
				? { retry: false, why: 'notRetryable' }
				: nextRetry({ failedAttempt: attempt, maxAttempts: call.maxAttempts, kind, retryAfterMs, capMs: call.capMs, random: this.random });
			if (!decision.retry) {
				this.deps.logger.error('request', failure);
				return active.failed({ kind, message: message + giveUpNote(decision, attempt), retryable, requestId: apiRequestId });
			}
			this.deps.logger.warn('request', `${failure}; retrying in ${decision.delayMs}ms`);
			const wait: RetryWait = { type: 'retrying', requestId, attempt: attempt + 1, maxAttempts: call.maxAttempts, delayMs: decision.delayMs, kind };
			if (!(await active.waitToRetry(wait, this.sleep, (e) => this.emit(e)))) {
				return active.stopped();
			}
		}
	}

	/** One call to the API: its outcome, or its failure classified and whether any of its text arrived first. */
	private async attempt(call: Call, deltas: DeltaCoalescer): Promise<Attempt> {
		let textArrived = false;
		const onText = (delta: string) => {
			textArrived = true;
			deltas.push(delta);
		};
		const { connection } = call;
		try {
			const outcome = await streamMessage(connection.client, call.params, onText, this.now);
			this.rateLimits.update(outcome.rateLimits);
			return { ok: true, outcome };
		} catch (err) {
			const partial = err instanceof StreamFailure ? err.partial : undefined;
			this.rateLimits.update(partial?.rateLimits);
			const cause = err instanceof StreamFailure ? err.cause : err;
			const classified = classifyError(cause, connection.sdk, connection.apiKey, { responseStarted: err instanceof StreamFailure && err.responseStarted });
			return { ok: false, classified, partial, textArrived };
		} finally {
			deltas.flush(); // before the answer ends, so no text is left behind
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
