import { canContinue, RETRYABLE_ERROR_KINDS, type AssistantTurn, type CodeAttachment, type ErrorKind, type TokenUsage, type WebviewCommand } from '../shared/protocol';
import { formatTokens, formatUsd } from '../shared/numberFormat';
import { assertNever } from '../shared/assertNever';

/** Buttons an answer's footer can offer; each maps to exactly one outbound message. */
export type TurnAction = 'continue' | 'retry' | 'sendAnyway' | 'setApiKey' | 'openSettings' | 'showLogs';

/**
 * The button that fixes an error of this kind, if one does: a (different) API key, a setting, or sending past the
 * budget. Show Logs (always offered) is the next step for the others. Exhaustive, so a new kind must choose.
 */
function fixFor(kind: ErrorKind): TurnAction | undefined {
	switch (kind) {
		case 'noKey':
		case 'auth':
			return 'setApiKey';
		case 'badBaseUrl':
			return 'openSettings';
		case 'budget':
			return 'sendAnyway';
		case 'keyStoreUnavailable':
		case 'sdkMissing':
		case 'permission':
		case 'rateLimit':
		case 'overloaded':
		case 'network':
		case 'timeout':
		case 'badRequest':
		case 'tooLarge':
		case 'server':
		case 'unknown':
			return undefined;
		default:
			return assertNever(kind);
	}
}

/** Button labels for the commands the webview may ask the host to run. */
export const COMMAND_LABELS: Record<WebviewCommand, string> = {
	setApiKey: 'Set API Key',
	showLogs: 'Show Logs',
	openSettings: 'Open Settings',
};

/**
 * The footer text of a finished answer. Kept apart from the DOM so the exact wording (which e2e tests and
 * users rely on) is unit-tested in one place. Undefined for answers that need no footer text.
 */
export function statusText(turn: AssistantTurn): string | undefined {
	switch (turn.status) {
		case 'truncated':
			return turn.maxTokens === undefined ? 'Truncated at max_tokens' : `Truncated at max_tokens (${turn.maxTokens})`;
		case 'stopped':
			return 'Stopped';
		case 'refused':
			return 'Claude declined to answer (refusal)';
		case 'interrupted':
			return 'Interrupted (window reloaded)';
		case 'other':
			return otherStopText(turn.stopReason);
		case 'error':
			return turn.error?.message ?? 'The request failed.';
		case 'streaming':
		case 'complete':
			return undefined;
	}
}

/** What an answer that ended for a reason without a status of its own says, in words where we know the reason. */
function otherStopText(stopReason: string | undefined): string {
	switch (stopReason) {
		case 'pause_turn':
			return 'Claude paused this answer (pause_turn). Continue lets it go on.';
		case 'model_context_window_exceeded':
			return 'The conversation filled the model\'s context window (model_context_window_exceeded). Start a New Chat, '
				+ 'or lower claudeAssistant.maxHistoryTokens (Open Settings) so less history is sent.';
		default:
			return `Stopped: ${stopReason ?? 'unknown reason'}`;
	}
}

/**
 * Which buttons an answer offers, so every failure ends with a next step. Retry is offered when the error says
 * so or its kind is transient; the host only accepts it for the last answer.
 */
export function turnActions(turn: AssistantTurn): TurnAction[] {
	if (canContinue(turn)) {
		return ['continue'];
	}
	switch (turn.status) {
		case 'other':
			// Continue cannot help a full context window: less history can (Regenerate after lowering the cap).
			return turn.stopReason === 'model_context_window_exceeded' ? ['openSettings'] : [];
		case 'stopped':
		case 'interrupted':
			return ['retry'];
		case 'error': {
			const actions: TurnAction[] = [];
			const error = turn.error;
			const fix = error && fixFor(error.kind);
			if (fix) {
				actions.push(fix);
			}
			if (error && (error.retryable || RETRYABLE_ERROR_KINDS.includes(error.kind))) {
				actions.push('retry');
			}
			actions.push('showLogs');
			return actions;
		}
		default:
			return [];
	}
}

/** "12 s", "1 min 5 s", "5 min": a wait as the countdown shows it (whole seconds, rounded up). */
export function formatWait(ms: number): string {
	const s = Math.max(0, Math.ceil(ms / 1000));
	if (s < 60) {
		return `${s} s`;
	}
	return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * The line shown in a streaming answer while the host waits to retry: "Rate limited, retrying in 12 s
 * (attempt 2/5)", and "… retrying now (attempt 2/5)" once the wait is over or skipped. A pacing hold (nothing failed
 * yet) reads "Holding: 0 requests left this minute, sending in 8 s".
 */
export function retryingText(wait: { reason: string; attempt: number; maxAttempts: number; hold?: boolean }, remainingMs: number): string {
	if (wait.hold) {
		return `Holding: ${wait.reason}, ${remainingMs > 0 ? `sending in ${formatWait(remainingMs)}` : 'sending now'}`;
	}
	const when = remainingMs > 0 ? `retrying in ${formatWait(remainingMs)}` : 'retrying now';
	return `${wait.reason}, ${when} (attempt ${wait.attempt}/${wait.maxAttempts})`;
}

/** All input tokens, however they were billed: what the user thinks of as "what I sent". */
function inputTokens(u: TokenUsage): number {
	return u.input + u.cacheWrite5m + u.cacheWrite1h + u.cacheRead;
}

/** The discreet "1.2k in · 340 out · $0.0040" line; cost is never guessed when the model's price is unknown. */
export function usageLine(turn: AssistantTurn): string | undefined {
	const u = turn.usage;
	if (!u) {
		return undefined;
	}
	const parts = [`${formatTokens(inputTokens(u))} in`, `${formatTokens(u.output)} out`];
	if (u.cacheRead > 0) {
		parts.push(`${formatTokens(u.cacheRead)} cached`);
	}
	parts.push(turn.costUsd === undefined ? 'cost unknown' : formatUsd(turn.costUsd));
	return parts.join(' · ');
}

/** Full breakdown for the usage line's tooltip. */
export function usageTooltip(turn: AssistantTurn): string {
	const u = turn.usage;
	if (!u) {
		return turn.model;
	}
	return `${turn.model}: input ${u.input}, output ${u.output}, cache write ${u.cacheWrite5m + u.cacheWrite1h}, cache read ${u.cacheRead}`;
}

/** Summary of a code attachment: "src/x.ts · lines 10–24". */
export function attachmentLabel(code: CodeAttachment): string {
	const { file, startLine, endLine } = code;
	if (startLine === undefined) {
		return file;
	}
	if (endLine === undefined || endLine === startLine) {
		return `${file} · line ${startLine}`;
	}
	return `${file} · lines ${startLine}–${endLine}`;
}
