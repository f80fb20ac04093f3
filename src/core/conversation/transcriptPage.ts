import type { ChatSnapshot, ChatTurn } from '../../shared/protocol';

/**
 * Pages of a long conversation for the webview, which keeps only the latest turns in its DOM: `state/init` carries
 * the newest {@link INITIAL_TURNS}, and "Show earlier messages" asks for a page before the first one it shows.
 */
export const INITIAL_TURNS = 100;

/** The snapshot cut to its newest `max` turns; `omitted` says how many come before them. */
export function latestTurns(snapshot: ChatSnapshot, max = INITIAL_TURNS): ChatSnapshot {
	const omitted = Math.max(0, snapshot.turns.length - max);
	return omitted === 0 ? snapshot : { ...snapshot, turns: snapshot.turns.slice(omitted), omitted };
}

/** Up to `count` turns just before `beforeTurnId`, and how many remain before those; undefined for an unknown id. */
export function turnsBefore(turns: readonly ChatTurn[], beforeTurnId: string, count: number): { turns: ChatTurn[]; omitted: number } | undefined {
	const end = turns.findIndex((t) => t.id === beforeTurnId);
	if (end < 0) {
		return undefined;
	}
	const start = Math.max(0, end - Math.max(1, count));
	return { turns: turns.slice(start, end), omitted: start };
}
