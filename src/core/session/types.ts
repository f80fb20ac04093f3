import type { AssistantTurn, ChatError, ErrorKind, HistoryMarker, HostToWebview, TokenUsage, UserTurn } from '../../shared/protocol';
import type { Connector } from '../anthropic/connect';
import type { Logger } from '../log/logger';
import type { HistoryState } from '../request/historySummary';
import type { CommandName, RequestSettings } from '../request/settings';
import type { RateLimitTracker } from '../anthropic/rateLimits';
import type { UsageCost } from '../pricing/pricing';
import { isAttachment, type Attachment } from '../context/attachment';

/* The chat session's contract: what it needs (deps), what it emits (events) and how it stores turns. */

export interface ChatSessionDeps {
	logger: Logger;
	/**
	 * A client for one request (the session asks for `maxRetries: 0`), or why there is none: then nothing is sent and
	 * the answer fails with that reason as its error kind.
	 */
	connect: Connector;
	/**
	 * Spend check before anything is sent: an error stops the request (nothing sent) unless the user chose Send anyway.
	 * Asynchronous because it reads what other windows spent.
	 */
	guard?(command: CommandName): Promise<ChatError | undefined>;
	/** Model and max_tokens for a command, read from settings at request time. */
	settings(command: CommandName): RequestSettings;
	now?: () => number;
	/** How often streamed text is flushed to listeners; coalesces many tiny deltas into few messages. */
	flushIntervalMs?: number;
	newId?: () => string;
	/** Random source of the retry jitter; fixed in tests. Default Math.random. */
	random?: () => number;
	/**
	 * Waits between retry attempts; must settle (resolve or reject) soon after `signal` aborts, which happens on
	 * Cancel, on Retry Now and when a new request replaces this one. Default: a setTimeout-based sleep.
	 */
	sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
	/** Rate-limit headers seen so far, for pacing; default: one tracker per session. */
	rateLimits?: RateLimitTracker;
}

/** One request's usage, reported whether the request finished, was stopped or failed mid-way. */
export interface UsageEvent {
	/** The API's `request-id` header (not the chat's own request id). */
	apiRequestId?: string;
	command: CommandName;
	model: string;
	usage: TokenUsage;
	/** The API's stop_reason, 'stopped', or the error class when the request failed mid-way (for the ledger). */
	stopReason?: string;
	/** Milliseconds from the call to the end of the request. */
	latencyMs?: number;
	/**
	 * What the request cost by token kind, computed once when its usage was reported; undefined when the model has no
	 * known price. The log line, the status bar, the ledger and the budget all use this number.
	 */
	cost?: UsageCost;
	/** The sum of {@link cost}; undefined when the price is unknown (never $0 for unknown). */
	costUsd?: number;
}

/** A request began (`user` is present when a new user turn was added): the chat protocol's own message. */
export type ChatStarted = Extract<HostToWebview, { type: 'chat/started' }>;
/** Streamed text, coalesced: the chat protocol's own message. */
export type ChatDelta = Extract<HostToWebview, { type: 'chat/delta' }>;
/** The answer ended, complete or not (`chat/done`), or failed (`chat/error`): the chat protocol's own messages. */
export type ChatEnded = Extract<HostToWebview, { type: 'chat/done' | 'chat/error' }>;

export type SessionEvent =
	| ChatStarted
	| ChatDelta
	| ChatEnded
	/**
	 * Attempt `attempt - 1` failed before any text arrived; the session waits `delayMs` and then makes attempt
	 * `attempt` of `maxAttempts`, unless the user skips the wait (retryNow) or cancels.
	 */
	| {
		type: 'retrying'; requestId: string; attempt: number; maxAttempts: number; delayMs: number; kind: ErrorKind;
		/** Set when nothing failed: the first attempt is held because the rate-limit headers say it would get a 429. */
		hold?: string;
	}
	| { type: 'usage'; usage: UsageEvent }
	/**
	 * The history cut moved: older messages are now summarized or no longer sent. `failure` says why summarizing
	 * failed (the messages were trimmed instead).
	 */
	| { type: 'history'; state: HistoryState; marker?: HistoryMarker; failure?: string }
	/**
	 * A large request waits for the user: ≈ `tokens` input tokens (`exact` when counted by the API) costing about
	 * `costUsd` uncached. Send with confirmSend(requestId); Cancel stops it (nothing sent).
	 */
	| { type: 'confirm'; requestId: string; model: string; tokens: number; exact: boolean; costUsd?: number }
	/** The conversation changed (persist it). */
	| { type: 'changed' };

/** A wait between retry attempts, as announced (and as a view that appears mid-wait should show it). */
export type RetryWait = Extract<SessionEvent, { type: 'retrying' }>;
/** A large request waiting for Send or Cancel. */
export type ConfirmEvent = Extract<SessionEvent, { type: 'confirm' }>;
/** The history cut moved. */
export type HistoryEvent = Extract<SessionEvent, { type: 'history' }>;

/** What a subscription returns: dispose() stops it (a VS Code Disposable has the same shape). */
export interface Subscription {
	dispose(): void;
}

/**
 * A user turn as the host keeps it: `prompt` is what goes to the API when it differs from the shown text, and the
 * attachments keep their text.
 */
export interface StoredUserTurn extends UserTurn {
	prompt?: string;
	attachments?: Attachment[];
}

/** An answer as the host keeps it: `command` lets Continue and Retry reuse the original model tier. */
export interface StoredAssistantTurn extends AssistantTurn {
	command?: CommandName;
}

export type StoredTurn = StoredUserTurn | StoredAssistantTurn;

/** Guards restored data: only well-formed turns come back from disk. */
export function isStoredTurn(t: unknown): t is StoredTurn {
	if (typeof t !== 'object' || t === null) {
		return false;
	}
	const x = t as Record<string, unknown>;
	return typeof x.id === 'string' && typeof x.text === 'string'
		&& ((x.role === 'user' && (x.attachments === undefined || (Array.isArray(x.attachments) && x.attachments.every(isAttachment))))
			|| (x.role === 'assistant' && typeof x.status === 'string' && typeof x.model === 'string'));
}
