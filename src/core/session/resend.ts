import type { UserTurn } from '../../shared/protocol';
import type { StoredAssistantTurn, StoredUserTurn } from './types';

/**
 * How the last question is asked again: Retry (its answer failed, was stopped or interrupted by a reload),
 * Regenerate (any finished answer, e.g. to try another model) or Edit (the question itself is replaced first).
 */
export type ResendMode = 'retry' | 'regenerate' | 'edit';

export interface ResendOptions {
	/** Send past a reached budget, for this one request. */
	sendAnyway?: boolean;
	/** Default 'retry'. */
	mode?: ResendMode;
	/** For 'edit': the new question. */
	text?: string;
}

/** Answers Retry is offered for; Regenerate takes any answer that is not streaming. */
const RETRY_STATUSES: readonly string[] = ['error', 'stopped', 'interrupted'];

/**
 * The answer to ask again, if `turnId` names the last exchange and `options.mode` allows it: its answer for Retry and
 * Regenerate, its question for Edit. Never an answer still streaming (its request would keep writing into it), and
 * Edit only for a typed question (one with attached code was built by a command from the editor). An edit is applied
 * here: the question's text becomes `options.text`, and the API-only prompt of a command heading is dropped, so what
 * was typed is what is sent. `user` is the edited question as the view shows it.
 */
export function resendTarget(
	last: { user?: StoredUserTurn; assistant: StoredAssistantTurn } | undefined,
	turnId: string,
	options: ResendOptions,
): { assistant: StoredAssistantTurn; user?: UserTurn } | undefined {
	if (!last || last.assistant.status === 'streaming') {
		return undefined;
	}
	const mode = options.mode ?? 'retry';
	if (mode === 'edit') {
		const { user } = last;
		if (!user || user.id !== turnId || user.code || !options.text?.trim()) {
			return undefined;
		}
		user.text = options.text;
		delete user.prompt;
		return { assistant: last.assistant, user: { id: user.id, role: 'user', text: user.text } };
	}
	if (last.assistant.id !== turnId || (mode === 'retry' && !RETRY_STATUSES.includes(last.assistant.status))) {
		return undefined;
	}
	return { assistant: last.assistant };
}
