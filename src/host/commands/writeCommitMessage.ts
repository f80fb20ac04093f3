import * as path from 'node:path';
import * as vscode from 'vscode';
import { streamMessage, StreamFailure } from '../../core/anthropic/client';
import { briefMessage } from '../../core/anthropic/errors';
import { cleanCommitMessage, COMMIT_SYSTEM_PROMPT, commitMessagePrompt, STYLE_SUBJECTS, trimDiff } from '../../core/commit/commitMessage';
import { modelFor } from '../config';
import { gitRepositories, untrackedFiles, type GitApi, type GitRepository } from '../git';
import type { CommandDeps } from './deps';
import { hasKeyOrSay } from './requireKey';

/** Longest commit message asked for: a subject and a short body. */
const MAX_TOKENS = 500;

/**
 * Write Commit Message with Claude (the sparkle in the Source Control view's title, or the palette): a message for
 * the staged changes (all changes when nothing is staged) in the style of the repository's recent subjects, streamed
 * into the Source Control box on the commit-message model (Haiku by default), cancellable, counted in usage as
 * `commitMessage`. A huge diff is cut with a note (never sent whole); a draft already in the box is passed along as
 * the intent and comes back if the request is canceled or fails.
 */
export function createWriteCommitMessageCommand(deps: CommandDeps): (arg?: unknown) => Promise<void> {
	return async (arg?: unknown) => {
		if (!(await hasKeyOrSay(deps, 'Writing a commit message needs an API key; nothing was sent.'))) {
			return;
		}
		const api = await gitRepositories();
		if ('error' in api) {
			void vscode.window.showWarningMessage(`Claude: ${api.error}`);
			return;
		}
		const repo = await pickRepository(api, arg);
		if (!repo) {
			return;
		}
		const blocked = await deps.budget.blocking();
		if (blocked && (await vscode.window.showWarningMessage(blocked.message, 'Send anyway')) !== 'Send anyway') {
			return;
		}
		await repo.status(); // a file created a moment ago is in the state
		let staged = true;
		let diff = await repo.diff(true);
		if (!diff.trim()) {
			staged = false;
			diff = await repo.diff(false);
		}
		const untracked = staged ? [] : untrackedFiles(repo).map((uri) => path.relative(repo.rootUri.fsPath, uri.fsPath).split(path.sep).join('/'));
		if (!diff.trim() && untracked.length === 0) {
			void vscode.window.showInformationMessage('Claude: no changes to describe in this repository.');
			return;
		}
		const trimmed = trimDiff(diff);
		if (trimmed.cutFiles + trimmed.omittedFiles > 0) {
			deps.logger.info('commitMessage', `diff of ${trimmed.files} files cut to ${trimmed.text.length} characters (${trimmed.cutFiles} cut, ${trimmed.omittedFiles} left out)`);
		}
		const subjects = (await repo.log({ maxEntries: STYLE_SUBJECTS }).catch(() => [])).map((c) => c.message.split('\n')[0]);
		const draft = repo.inputBox.value;
		const prompt = commitMessagePrompt({ diff: trimmed, staged, untracked, subjects, draft });
		await writeInto(deps, repo, { prompt, draft });
	};
}

/** The repository the Source Control title's button was pressed for, the only one, or the one the user picks. */
async function pickRepository(api: GitApi, arg: unknown): Promise<GitRepository | undefined> {
	const root = (arg as { rootUri?: unknown } | undefined)?.rootUri;
	const clicked = root instanceof vscode.Uri ? api.repositories.find((r) => r.rootUri.toString() === root.toString()) : undefined;
	if (clicked || api.repositories.length === 1) {
		return clicked ?? api.repositories[0];
	}
	const picked = await vscode.window.showQuickPick(
		api.repositories.map((repo) => ({ label: path.basename(repo.rootUri.fsPath), description: repo.rootUri.fsPath, repo })),
		{ title: 'Claude: write a commit message for which repository?' },
	);
	return picked?.repo;
}

/** Streams the message into the box; on cancel or failure the draft comes back and the user is told why. */
async function writeInto(deps: CommandDeps, repo: GitRepository, req: { prompt: string; draft: string }): Promise<void> {
	const connected = await deps.connect();
	if (!connected.ok) {
		void vscode.window.showErrorMessage(`Claude: ${connected.message}`);
		return;
	}
	const { client, sdk, apiKey } = connected.connection;
	const model = modelFor(deps.getConfig(), 'commitMessage');
	const requestId = `commit-${Date.now().toString(36)}`;
	const started = Date.now();
	await vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Notification, title: `Claude is writing the commit message (${model})`, cancellable: true },
		async (_progress, token) => {
			const abort = new AbortController();
			const cancel = token.onCancellationRequested(() => abort.abort());
			let text = '';
			try {
				const outcome = await streamMessage(client, {
					model, maxTokens: MAX_TOKENS, system: COMMIT_SYSTEM_PROMPT, messages: [{ role: 'user', content: req.prompt }], signal: abort.signal,
				}, (delta) => {
					text += delta;
					repo.inputBox.value = cleanCommitMessage(text);
				});
				deps.session.reportUsage({ command: 'commitMessage', outcome, requestId, totalMs: Date.now() - started });
				repo.inputBox.value = cleanCommitMessage(text);
			} catch (err) {
				const failure = err instanceof StreamFailure ? err : undefined;
				if (failure) {
					deps.session.reportUsage({ command: 'commitMessage', outcome: failure.partial, requestId, totalMs: Date.now() - started, failure: abort.signal.aborted ? 'stopped' : 'error' });
				}
				repo.inputBox.value = req.draft;
				if (!abort.signal.aborted) {
					const reason = briefMessage(failure?.cause ?? err, sdk, apiKey);
					deps.logger.error('commitMessage', reason);
					void vscode.window.showErrorMessage(`Claude could not write the commit message: ${reason}${req.draft ? ' Your draft is back in the box.' : ''}`);
				}
			} finally {
				cancel.dispose();
			}
		},
	);
}
