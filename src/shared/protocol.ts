/**
 * The one message protocol between the extension host and the chat webview.
 * Host is the source of truth for the conversation; the webview mirrors it.
 * Imports nothing: shared by host (Node) and webview (browser).
 */

/** Bumped when a message changes shape, so a stale webview bundle is detected at the ready handshake. */
export const PROTOCOL_VERSION = 1;

/** Token counts of one request (or a sum of requests), split the way they are billed. */
export interface TokenUsage {
	input: number;
	output: number;
	/** Tokens written to the 5-minute cache (billed 1.25× input on most models). */
	cacheWrite5m: number;
	/** Tokens written to the 1-hour cache (billed 2× input on most models). */
	cacheWrite1h: number;
	/** Tokens read from the cache (billed about 0.1× input). */
	cacheRead: number;
}

/** Why an answer ended: the API's stop_reason, or 'stopped' when the user pressed Stop. */
export type StopReason =
	| 'end_turn'
	| 'max_tokens'
	| 'stop_sequence'
	| 'tool_use'
	| 'pause_turn'
	| 'refusal'
	| 'model_context_window_exceeded'
	| 'stopped'
	| (string & {});

/** Error kinds the user can act on differently. */
export type ErrorKind =
	| 'noKey'
	/** VS Code's SecretStorage failed when the key was read (e.g. a locked or missing OS keyring): Show Logs. */
	| 'keyStoreUnavailable'
	/** The extension's own SDK bundle (dist/anthropic-sdk.js) failed to load: Show Logs, reinstall. */
	| 'sdkMissing'
	/** claudeAssistant.baseUrl is not a valid http(s) URL: Open Settings. */
	| 'badBaseUrl'
	| 'auth'
	| 'permission'
	| 'rateLimit'
	| 'overloaded'
	| 'network'
	| 'timeout'
	| 'badRequest'
	| 'tooLarge'
	| 'server'
	| 'budget'
	| 'unknown';

/** Error kinds worth retrying as they are; the others need the user to change something first (key, prompt…). */
export const RETRYABLE_ERROR_KINDS: readonly ErrorKind[] = ['rateLimit', 'overloaded', 'network', 'timeout', 'server'];

/**
 * Whether Continue can extend an answer: one cut at max_tokens, or one the API paused (`pause_turn`: the turn is sent
 * back so the model goes on). Shared so the button and the host's check agree.
 */
export function canContinue(turn: { status: AnswerStatus; stopReason?: StopReason }): boolean {
	return turn.status === 'truncated' || (turn.status === 'other' && turn.stopReason === 'pause_turn');
}

/** A failure as shown to the user: never contains the API key. */
export interface ChatError {
	kind: ErrorKind;
	message: string;
	retryable: boolean;
	requestId?: string;
}

/** Code attached to a user turn by Explain Selection / Summarize File, shown collapsible. */
export interface CodeAttachment {
	/** Workspace-relative path, e.g. `src/x.ts`. */
	file: string;
	languageId: string;
	/** 1-based inclusive line range, absent for a whole file. */
	startLine?: number;
	endLine?: number;
	text: string;
}

/** What an attachment is: a file, lines of one (a selection), a symbol, a problems list, or the working tree's changes. */
export type AttachmentKind = 'file' | 'selection' | 'symbol' | 'problems' | 'changes';

/** An attachment as the chat shows it: a chip with its name, line range and size. Its text stays on the host. */
export interface AttachmentChip {
	id: string;
	kind: AttachmentKind;
	/** Short name: `app.ts`, `parseConfig`, `Problems in app.ts`, `Working tree changes`. */
	label: string;
	/** Workspace-relative path of a file, selection or symbol (`src/app.ts`), for the tooltip. */
	file?: string;
	/** 1-based inclusive line range, absent for a whole file. */
	startLine?: number;
	endLine?: number;
	/** Estimated input tokens it adds to a request. */
	tokens: number;
}

/** A suggestion in the composer's @-mention list; picking it attaches it (`mention/pick`). */
export interface MentionItem {
	id: string;
	kind: AttachmentKind;
	/** What is shown and matched: a file name, a symbol name, `problems`, `selection`, `changes`. */
	label: string;
	/** Where it is or what it holds: the folder, `class in src/app.ts`, `3 errors in app.ts`. */
	detail: string;
}

export interface UserTurn {
	id: string;
	role: 'user';
	/** What the user typed, or the heading of a command turn ("Explain `src/x.ts` lines 10–24"). */
	text: string;
	code?: CodeAttachment;
	/** What was attached to this question (Add to Chat, @-mentions), in the order it was sent. */
	attachments?: AttachmentChip[];
}

/** Lifecycle of an answer. 'streaming' only while a request runs; restored as 'interrupted' after a reload. */
export type AnswerStatus = 'streaming' | 'complete' | 'truncated' | 'stopped' | 'refused' | 'error' | 'interrupted' | 'other';

export interface AssistantTurn {
	id: string;
	role: 'assistant';
	/** Markdown so far (partial while streaming, kept when stopped or failed). */
	text: string;
	status: AnswerStatus;
	model: string;
	stopReason?: StopReason;
	/** max_tokens in force, for the "Truncated at max_tokens (N)" marker. */
	maxTokens?: number;
	usage?: TokenUsage;
	/** USD cost of this answer (all its requests), undefined when the model's price is unknown. */
	costUsd?: number;
	error?: ChatError;
}

export type ChatTurn = UserTurn | AssistantTurn;

/** Where the history sent to the API begins: a divider shown before that turn ("12 earlier messages summarized"). */
export interface HistoryMarker {
	text: string;
	beforeTurnId: string;
}

export interface ChatSnapshot {
	turns: ChatTurn[];
	historyMarker?: HistoryMarker;
	/** Turns before `turns` that were left out (a long chat sends its newest turns; older ones on request). */
	omitted?: number;
}

/** Commands the webview may ask the host to run: a closed list, validated on the host. */
export type WebviewCommand = 'setApiKey' | 'showLogs' | 'openSettings';

export const WEBVIEW_COMMANDS: readonly WebviewCommand[] = ['setApiKey', 'showLogs', 'openSettings'];

/** A past conversation as the History list shows it (no turns: switching loads them with `state/init`). */
export interface ConversationListItem {
	id: string;
	/** From the first prompt, or the user's rename. */
	title: string;
	/** Epoch ms of the last message sent in it, for "2 h ago". */
	updatedAt: number;
}

/** A model the header's picker offers: `label` names it with its price ("claude-sonnet-5-5 — $2 / $10 per MTok"). */
export interface ModelOption {
	id: string;
	label: string;
}

/** How many earlier turns one `chat/loadEarlier` returns ("Show earlier messages" in a long chat). */
export const EARLIER_PAGE_TURNS = 40;

/** Limits enforced on inbound webview messages. */
export const MAX_PROMPT_CHARS = 100_000;
export const MAX_ID_CHARS = 100;
/** Largest code a code block's Insert / Replace / New File may send back (a long answer's block, not a file dump). */
export const MAX_CODE_CHARS = 200_000;
/** Longest link `link/open` carries. */
export const MAX_URL_CHARS = 2_000;
/** Longest @-mention query (the text after `@`). */
export const MAX_MENTION_QUERY_CHARS = 200;

export type WebviewToHost =
	| { type: 'ready'; protocolVersion: number }
	| { type: 'chat/send'; requestId: string; text: string }
	| { type: 'chat/cancel'; requestId: string }
	/** Continue a truncated answer (turnId = the assistant turn), appending to it. */
	| { type: 'chat/continue'; requestId: string; turnId: string }
	/** Resend the user message behind a failed or stopped answer (turnId = the assistant turn). */
	| { type: 'chat/retry'; requestId: string; turnId: string }
	/** Resend past a reached budget, for this one request (turnId = the answer that was stopped by the budget). */
	| { type: 'chat/sendAnyway'; requestId: string; turnId: string }
	/** Skip the wait announced by `chat/retrying` and make the next attempt now. */
	| { type: 'chat/retryNow'; requestId: string }
	/** The reader wants the turns before `beforeTurnId` (the first one the webview shows); answered by `chat/earlier`. */
	| { type: 'chat/loadEarlier'; beforeTurnId: string }
	/** Send the large request announced by `chat/confirm` (its Cancel is `chat/cancel`). */
	| { type: 'chat/confirmSend'; requestId: string }
	| { type: 'chat/new' }
	/** Ask the last question again for a finished answer, replacing it (turnId = the last assistant turn). */
	| { type: 'chat/regenerate'; requestId: string; turnId: string }
	/** Replace the last question with `text` and ask it again, replacing its answer (turnId = the last user turn). */
	| { type: 'chat/edit'; requestId: string; turnId: string; text: string }
	/** Open another conversation from the History list (answered by `state/init` and `conversations/list`). */
	| { type: 'conversation/switch'; id: string }
	/** Rename, delete (the host asks to confirm) or export a listed conversation as Markdown (the host asks where). */
	| { type: 'conversation/rename' | 'conversation/delete' | 'conversation/export'; id: string }
	/** The model for this conversation's chat messages, chosen in the header's picker (one of `models/list`). */
	| { type: 'model/select'; model: string }
	/** A code block's Insert at Cursor: `code` goes in at the cursor of the editor the user was last in. */
	| { type: 'code/insert'; code: string; language: string }
	/** A code block's Replace Selection: the host shows a diff of the change and applies it only if the user accepts. */
	| { type: 'code/replace'; code: string; language: string }
	/** A code block's New File: an untitled document with `code`, in the language of the block's fence tag. */
	| { type: 'code/newFile'; code: string; language: string }
	/** A link in an answer was clicked: the host opens it only if it is http(s). */
	| { type: 'link/open'; url: string }
	| { type: 'command/run'; command: WebviewCommand }
	/** The user typed `@query` in the composer: answered by `mention/results` with the same `queryId`. */
	| { type: 'mention/query'; queryId: string; query: string }
	/** A suggestion of that query's `mention/results` was chosen: the host attaches it (answered by `attachments/changed`). */
	| { type: 'mention/pick'; queryId: string; itemId: string }
	/** A chip's × (only attachments not sent yet). */
	| { type: 'attachment/remove'; id: string }
	/** A chip was clicked: the host opens its file at its lines (or the Problems or Source Control view). */
	| { type: 'attachment/open'; id: string };

export type HostToWebview =
	| { type: 'state/init'; snapshot: ChatSnapshot; hasApiKey: boolean; demoMode: boolean; busy: boolean }
	| { type: 'key/changed'; hasApiKey: boolean }
	/** A request began: `user` is present when a new user turn was added; `assistant` is the turn being streamed. */
	| { type: 'chat/started'; requestId: string; user?: UserTurn; assistant: AssistantTurn }
	| { type: 'chat/delta'; requestId: string; seq: number; text: string }
	/** Terminal: the answer ended (complete, truncated, stopped, refused…). */
	| { type: 'chat/done'; requestId: string; turn: AssistantTurn }
	/** Terminal: the request failed; partial text is in `turn.text`. */
	| { type: 'chat/error'; requestId: string; turn: AssistantTurn; error: ChatError }
	/**
	 * Not terminal: an attempt failed before any text arrived and the host retries after `delayMs` (counted from
	 * receipt) with attempt `attempt` of `maxAttempts`. `reason` is short and user-facing ("Rate limited").
	 * The request stays active: Cancel is `chat/cancel`, skipping the wait is `chat/retryNow`. `hold`: nothing failed,
	 * the first attempt waits because the rate-limit headers say it would be refused (`reason` says which limit).
	 */
	| { type: 'chat/retrying'; requestId: string; attempt: number; maxAttempts: number; delayMs: number; reason: string; hold?: boolean }
	/**
	 * Not terminal: a large request waits for the user before anything is sent. `text` gives its size and cost
	 * ("≈ 48k input tokens ≈ $0.096 …"); Send is `chat/confirmSend`, Cancel is `chat/cancel`.
	 */
	| { type: 'chat/confirm'; requestId: string; text: string }
	/** A page of earlier turns, oldest first, ending just before `beforeTurnId`; `omitted` turns come before them. */
	| { type: 'chat/earlier'; beforeTurnId: string; turns: ChatTurn[]; omitted: number }
	/** The history sent to the API now begins at `marker.beforeTurnId` (no marker: everything is sent). */
	| { type: 'chat/history'; marker?: HistoryMarker }
	/** The History list (most recent first) and which conversation is open; sent when it changes, not per answer. */
	| { type: 'conversations/list'; items: ConversationListItem[]; currentId: string }
	/** The header's model picker: the models offered (with prices) and the one this conversation uses. */
	| { type: 'models/list'; models: ModelOption[]; selected: string }
	/** A message shown without a request (e.g. "No API key", "Select some code first"). */
	| { type: 'notice'; level: 'info' | 'warning' | 'error'; message: string; action?: WebviewCommand }
	/** Claude: Focus Chat: put the keyboard in the prompt box. */
	| { type: 'composer/focus' }
	/** The attachments waiting for the next question (the composer's chips); they go with the next `chat/send`. */
	| { type: 'attachments/changed'; items: AttachmentChip[] }
	/**
	 * Suggestions for `mention/query` `queryId`. Files and the fixed mentions come at once; when symbols are still being
	 * looked up `complete` is false and a second message with the same `queryId` brings the whole list.
	 */
	| { type: 'mention/results'; queryId: string; items: MentionItem[]; complete: boolean };

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_CHARS && /^[\w-]+$/.test(value);
}

function isPrompt(value: unknown): value is string {
	return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_PROMPT_CHARS;
}

/** A model id as the API spells them (`claude-sonnet-5-5`, dated snapshots, `vendor.model:1`), bounded. */
function isModelId(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_CHARS && /^[\w.:@-]+$/.test(value);
}

/**
 * Validates a message from the (untrusted) webview. Extra keys are rejected so nothing unexpected
 * flows into the host; text is bounded.
 */
export function isWebviewToHost(msg: unknown): msg is WebviewToHost {
	if (!isObject(msg) || typeof msg.type !== 'string' || !Object.hasOwn(WEBVIEW_TO_HOST_CHECKS, msg.type)) {
		return false;
	}
	return WEBVIEW_TO_HOST_CHECKS[msg.type as WebviewToHost['type']](msg, Object.keys(msg).sort().join(','));
}

/** A message's check: `keys` are its own keys, sorted and joined with commas (no key beyond those of its type). */
type MessageCheck = (msg: Record<string, unknown>, keys: string) => boolean;

const requestOnly: MessageCheck = (msg, keys) => keys === 'requestId,type' && isId(msg.requestId);
const requestAndTurn: MessageCheck = (msg, keys) => keys === 'requestId,turnId,type' && isId(msg.requestId) && isId(msg.turnId);
/** A message that names one thing by id: a conversation, an attachment. */
const byId: MessageCheck = (msg, keys) => keys === 'id,type' && isId(msg.id);
const code: MessageCheck = (msg, keys) => keys === 'code,language,type' && typeof msg.code === 'string' && msg.code.length > 0
	&& msg.code.length <= MAX_CODE_CHARS && typeof msg.language === 'string' && /^[\w+#.-]{0,40}$/.test(msg.language);

/** One check per message type: a type added to {@link WebviewToHost} does not compile until it has its check here. */
const WEBVIEW_TO_HOST_CHECKS = {
	'ready': (msg, keys) => keys === 'protocolVersion,type' && typeof msg.protocolVersion === 'number',
	'chat/send': (msg, keys) => keys === 'requestId,text,type' && isId(msg.requestId) && typeof msg.text === 'string'
		&& msg.text.trim().length > 0 && msg.text.length <= MAX_PROMPT_CHARS,
	'chat/cancel': requestOnly,
	'chat/retryNow': requestOnly,
	'chat/confirmSend': requestOnly,
	'chat/continue': requestAndTurn,
	'chat/retry': requestAndTurn,
	'chat/sendAnyway': requestAndTurn,
	'chat/regenerate': requestAndTurn,
	'chat/new': (_msg, keys) => keys === 'type',
	'chat/loadEarlier': (msg, keys) => keys === 'beforeTurnId,type' && isId(msg.beforeTurnId),
	'chat/edit': (msg, keys) => keys === 'requestId,text,turnId,type' && isId(msg.requestId) && isId(msg.turnId) && isPrompt(msg.text),
	'conversation/switch': byId,
	'conversation/rename': byId,
	'conversation/delete': byId,
	'conversation/export': byId,
	'model/select': (msg, keys) => keys === 'model,type' && isModelId(msg.model),
	'code/insert': code,
	'code/replace': code,
	'code/newFile': code,
	'link/open': (msg, keys) => keys === 'type,url' && typeof msg.url === 'string' && msg.url.length > 0 && msg.url.length <= MAX_URL_CHARS,
	'command/run': (msg, keys) => keys === 'command,type' && (WEBVIEW_COMMANDS as readonly unknown[]).includes(msg.command),
	'mention/query': (msg, keys) => keys === 'query,queryId,type' && isId(msg.queryId) && typeof msg.query === 'string'
		&& msg.query.length <= MAX_MENTION_QUERY_CHARS,
	'mention/pick': (msg, keys) => keys === 'itemId,queryId,type' && isId(msg.queryId) && isId(msg.itemId),
	'attachment/remove': byId,
	'attachment/open': byId,
} satisfies Record<WebviewToHost['type'], MessageCheck>;
