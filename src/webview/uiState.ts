/**
 * UI-only state kept in `vscode.setState` so a hidden-then-shown view (which VS Code destroys, since we avoid
 * `retainContextWhenHidden`) comes back as the user left it. Deliberately excludes the conversation: the host
 * re-sends that in `state/init` and is its only source of truth.
 */
export interface UiState {
	/** Unsent text in the prompt box. */
	draft: string;
	/** Transcript scroll offset in pixels. */
	scrollTop: number;
	/** The transcript was scrolled to the end: come back at the (possibly grown) end rather than at `scrollTop`. */
	pinned: boolean;
	/** Ids of user turns whose code attachment the user expanded (attachments start collapsed). */
	expanded: string[];
}

/** Reads whatever `getState()` returned defensively: it may be undefined, or written by an older bundle. */
export function parseUiState(raw: unknown): UiState {
	const x = typeof raw === 'object' && raw !== null ? raw as Record<string, unknown> : {};
	return {
		draft: typeof x.draft === 'string' ? x.draft : '',
		scrollTop: typeof x.scrollTop === 'number' && Number.isFinite(x.scrollTop) && x.scrollTop >= 0 ? x.scrollTop : 0,
		pinned: typeof x.pinned === 'boolean' ? x.pinned : true,
		expanded: Array.isArray(x.expanded) ? x.expanded.filter((id): id is string => typeof id === 'string').slice(-200) : [],
	};
}
