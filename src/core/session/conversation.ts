import type { AnswerStatus, AssistantTurn, ChatSnapshot, ChatTurn, CodeAttachment, HistoryMarker, TokenUsage } from '../../shared/protocol';
import { addUsage } from '../pricing/pricing';
import type { CommandName, RequestSettings } from '../request/settings';
import { isStoredTurn, type StoredAssistantTurn, type StoredTurn, type StoredUserTurn } from './types';
import { EMPTY_HISTORY, historyMarkerText, parseHistoryState, type HistoryState } from '../request/historySummary';
import { toApiMessages, type ApiHistory } from '../request/shape';
import { chipOf, type Attachment } from '../context/attachment';

const STATUS_BY_STOP: Readonly<Record<string, AnswerStatus>> = {
	end_turn: 'complete',
	stop_sequence: 'complete',
	max_tokens: 'truncated',
	refusal: 'refused',
};

/** How an answer that ended with the API's `stop_reason` is shown; reasons we do not act on are 'other'. */
export function statusForStop(stopReason: string | null | undefined): AnswerStatus {
	return STATUS_BY_STOP[stopReason ?? ''] ?? 'other';
}

/** A turn as the webview sees it: the API-only prompt and the command tag stay on the host. */
export function shownTurn(t: StoredTurn): ChatTurn {
	if (t.role === 'user') {
		const { prompt: _prompt, attachments, ...shown } = t;
		return attachments?.length ? { ...shown, attachments: attachments.map(chipOf) } : shown;
	}
	const { command: _command, ...shown } = t;
	return shown;
}

/**
 * The turns of one conversation and how they are shown, persisted, restored and turned into API history. Kept apart
 * from ChatSession, which runs the requests that add to it.
 */
export class Conversation {
	private turns: StoredTurn[] = [];
	/** How much of the history is still sent in full, and the running summary of the rest. */
	private historyState: HistoryState = EMPTY_HISTORY;
	/** The model this conversation's chat messages use (the header's picker); undefined = the chat model setting. */
	model: string | undefined;

	/** For the webview (API-only prompt text stripped), with the "N earlier messages summarized" marker. */
	snapshot(): ChatSnapshot {
		const marker = this.historyMarker();
		return marker ? { turns: this.turns.map(shownTurn), historyMarker: marker } : { turns: this.turns.map(shownTurn) };
	}

	/** As persisted, prompts and the history summary included, so follow-ups after a reload still carry the context. */
	persistable(): { turns: StoredTurn[]; history: HistoryState; model?: string } {
		const data = { turns: this.turns.map((t) => ({ ...t })), history: { ...this.historyState } };
		return this.model ? { ...data, model: this.model } : data;
	}

	/** A command's settings as this conversation uses them: its own model for chat messages, if one was chosen. */
	settingsFor(command: CommandName, settings: RequestSettings): RequestSettings {
		return command === 'chat' && this.model ? { ...settings, model: this.model } : settings;
	}

	get history(): HistoryState {
		return this.historyState;
	}

	set history(state: HistoryState) {
		this.historyState = state;
	}

	/** Where the full history begins, shown in the transcript before that turn; undefined while everything is sent. */
	historyMarker(): HistoryMarker | undefined {
		const text = historyMarkerText(this.historyState);
		const beforeTurnId = text ? toApiMessages(this.turns).turnIds[this.historyState.start] : undefined;
		return text && beforeTurnId ? { text, beforeTurnId } : undefined;
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
		this.historyState = parseHistoryState((data as { history?: unknown }).history);
		const model = (data as { model?: unknown }).model;
		this.model = typeof model === 'string' && model !== '' ? model : undefined;
	}

	/**
	 * Adds one request's usage to an answer (Continue makes several). Its cost stays unknown once any part of it was
	 * (a model without a price): a partial sum would understate it.
	 */
	static addUsage(turn: AssistantTurn, usage: TokenUsage, cost: number | undefined): void {
		const costAlreadyUnknown = turn.usage !== undefined && turn.costUsd === undefined;
		turn.usage = turn.usage ? addUsage(turn.usage, usage) : usage;
		if (cost === undefined || costAlreadyUnknown) {
			delete turn.costUsd;
		} else {
			turn.costUsd = (turn.costUsd ?? 0) + cost;
		}
	}

	/** Where an attachment of a sent question is (to open it from its chip). */
	findAttachment(id: string): Attachment | undefined {
		for (const t of this.turns) {
			const found = t.role === 'user' ? t.attachments?.find((a) => a.id === id) : undefined;
			if (found) {
				return found;
			}
		}
		return undefined;
	}

	/** Adds a question and its empty, streaming answer (on the model the command uses). */
	addExchange(
		q: { text: string; command: CommandName; code?: CodeAttachment; prompt?: string; attachments?: Attachment[] },
		answer: { model: string; maxTokens: number },
		newId: () => string,
	): { user: StoredUserTurn; assistant: StoredAssistantTurn } {
		const user: StoredUserTurn = {
			id: newId(), role: 'user', text: q.text,
			...(q.code && { code: q.code }), ...(q.prompt && { prompt: q.prompt }), ...(q.attachments?.length && { attachments: q.attachments }),
		};
		const assistant: StoredAssistantTurn = { id: newId(), role: 'assistant', text: '', status: 'streaming', model: answer.model, maxTokens: answer.maxTokens, command: q.command };
		this.turns.push(user, assistant);
		return { user, assistant };
	}

	/**
	 * Puts an answer back to streaming for another request: Continue keeps its text (appending to it), Retry passes
	 * `text: ''` and the model now configured. The last request's outcome (stop reason, usage, error) is dropped;
	 * Continue keeps the usage, since the answer's cost is the sum of its requests.
	 */
	static reopen(turn: StoredAssistantTurn, changes: { maxTokens: number; model?: string; text?: string }): void {
		const retry = changes.text !== undefined;
		Object.assign(turn, { status: 'streaming', maxTokens: changes.maxTokens }, retry && { text: changes.text, model: changes.model ?? turn.model });
		for (const key of retry ? ['stopReason', 'usage', 'costUsd', 'error'] as const : ['stopReason'] as const) {
			delete turn[key];
		}
	}

	clear(): void {
		this.turns = [];
		this.historyState = EMPTY_HISTORY;
		this.model = undefined;
	}

	/** The last question and its answer, when the conversation ends with an answer (Retry, Regenerate, Edit). */
	lastExchange(): { user?: StoredUserTurn; assistant: StoredAssistantTurn } | undefined {
		const [user, assistant] = [this.turns.at(-2), this.turns.at(-1)];
		return assistant?.role === 'assistant' ? { assistant, user: user?.role === 'user' ? user : undefined } : undefined;
	}

	findAssistant(turnId: string): StoredAssistantTurn | undefined {
		const t = this.turns.find((x) => x.id === turnId);
		return t?.role === 'assistant' ? t : undefined;
	}

	/** API messages for everything before `upTo` (and `upTo` itself when continuing). */
	apiHistory(upTo: AssistantTurn, includeSelf = false): ApiHistory {
		return toApiMessages(this.turns.slice(0, this.turns.indexOf(upTo) + (includeSelf ? 1 : 0)));
	}
}
