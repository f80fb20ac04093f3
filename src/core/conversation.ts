import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { AssistantTurn, ChatSnapshot, ChatTurn } from '../shared/protocol';
import { isStoredTurn, type StoredAssistantTurn, type StoredTurn } from './chatTypes';
import { toApiMessages } from './requestBuilder';

/** A turn as the webview sees it: the API-only prompt and the command tag stay on the host. */
export function shownTurn(t: StoredTurn): ChatTurn {
	if (t.role === 'user') {
		const { prompt: _prompt, ...shown } = t;
		return shown;
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

	/** For the webview (API-only prompt text stripped). */
	snapshot(): ChatSnapshot {
		return { turns: this.turns.map(shownTurn) };
	}

	/** As persisted, prompts included, so follow-ups after a reload still carry the code. */
	persistable(): { turns: StoredTurn[] } {
		return { turns: this.turns.map((t) => ({ ...t })) };
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

	push(...turns: StoredTurn[]): void {
		this.turns.push(...turns);
	}

	clear(): void {
		this.turns = [];
	}

	isLast(turn: StoredTurn): boolean {
		return this.turns.at(-1) === turn;
	}

	findAssistant(turnId: string): StoredAssistantTurn | undefined {
		const t = this.turns.find((x) => x.id === turnId);
		return t?.role === 'assistant' ? t : undefined;
	}

	/** API messages for everything before `upTo` (and `upTo` itself when continuing). */
	history(upTo: AssistantTurn, includeSelf = false): { messages: MessageParam[]; anchors: number[] } {
		return toApiMessages(this.turns.slice(0, this.turns.indexOf(upTo) + (includeSelf ? 1 : 0)));
	}
}
