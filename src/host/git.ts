import * as vscode from 'vscode';

/*
 * The part used here of the API that VS Code's built-in Git extension exports (`getAPI(1)`), typed by hand: the
 * repositories open in this window, their changes, their diff and log, and their Source Control input box.
 */

export interface GitChange {
	uri: vscode.Uri;
	/** The Git extension's Status enum: 2 (INDEX_DELETED) and 6 (DELETED) have no file to read. */
	status: number;
}

export interface GitRepository {
	rootUri: vscode.Uri;
	inputBox: { value: string };
	state: { workingTreeChanges: GitChange[]; indexChanges: GitChange[]; untrackedChanges?: GitChange[] };
	/** The diff of the index against HEAD (`cached`), or of the working tree against the index. */
	diff(cached?: boolean): Promise<string>;
	log(options?: { maxEntries?: number }): Promise<Array<{ message: string }>>;
	/** Brings `state` up to date (the extension refreshes it on its own only a moment after files change). */
	status(): Promise<void>;
}

export interface GitApi {
	repositories: GitRepository[];
}

interface GitExtension {
	getAPI(version: 1): GitApi;
}

/** Change statuses with no file to read. */
export const DELETED_STATUSES: ReadonlySet<number> = new Set([2, 6]);
/** The status of a file git does not track yet (listed with the working tree's changes under `git.untrackedChanges: mixed`). */
export const UNTRACKED_STATUS = 7;

/** The files git does not track yet, wherever the Git extension lists them (`git.untrackedChanges`: mixed or separate). */
export function untrackedFiles(repo: GitRepository): vscode.Uri[] {
	return [...repo.state.workingTreeChanges, ...(repo.state.untrackedChanges ?? [])].filter((c) => c.status === UNTRACKED_STATUS).map((c) => c.uri);
}

/** The Git extension's API with at least one repository open, or why there is none. */
export async function gitRepositories(): Promise<GitApi | { error: string }> {
	const git = vscode.extensions.getExtension<GitExtension>('vscode.git');
	if (!git) {
		return { error: 'VS Code\'s Git extension is not available (disabled, or git.enabled is off).' };
	}
	const api = (git.isActive ? git.exports : await git.activate()).getAPI(1);
	return api.repositories.length > 0 ? api : { error: 'No git repository is open in this window.' };
}
