import type { HistoryMode } from './historySummary';
import type { CacheTtl } from './promptCache';

/* What a request is for and the settings it is sent with: read from settings at request time by the host. */

/** Which feature started a request: picks the model tier and tags usage and logs. */
export type CommandName = 'chat' | 'explainSelection' | 'summarizeFile' | 'fixSelection' | 'writeTests' | 'addDocs' | 'askOpus'
	/** A commit message for the Source Control box (the Haiku tier by default). */
	| 'commitMessage'
	/** Not a user command: folding older messages into the running summary (the Haiku tier by default). */
	| 'summarizeHistory';

/** What the session reads from settings at request time (so a change applies to the next request). */
export interface RequestSettings {
	model: string;
	maxTokens: number;
	cacheTtl: CacheTtl;
	maxHistoryTokens: number;
	/** Attempts per request, the first one included; default 5 (DEFAULT_RETRY_MAX_ATTEMPTS). */
	retryMaxAttempts?: number;
	/** Ceiling of the session's own backoff; a server's retry-after may exceed it (up to 5 min). Default 60 000. */
	retryMaxDelayMs?: number;
	/** Silence allowed inside a started answer before it fails as timed out; default DEFAULT_IDLE_TIMEOUT_MS (90 s). */
	idleTimeoutMs?: number;
	/** What happens to messages beyond maxHistoryTokens; default 'trim' (the host passes the setting, 'summarize'). */
	historyMode?: HistoryMode;
	/** Model that writes the running history summary; default SUMMARY_MODEL. */
	summaryModel?: string;
	/** Ask before sending when the new content is at least this many tokens (0 = never ask; the default here). */
	confirmAboveTokens?: number;
}
