import * as vscode from 'vscode';
import type { BatchJob } from '../../core/batch/batchJob';
import type { CommandDeps } from './deps';

/*
 * The Batches view's row and title actions. Each works on the job the row stands for (VS Code passes the row's
 * element) or, from a notification, on its id; the work itself is BatchService's.
 */

/** The job a view action or a notification means: the row's element, or an id. */
export function jobOf(deps: CommandDeps, arg: unknown): BatchJob | undefined {
	const id = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as BatchJob).id === 'string' ? (arg as BatchJob).id : undefined;
	return id === undefined ? undefined : deps.batches.get(id);
}

/** Refresh: looks at every running batch now instead of at the next scheduled look. */
export function createBatchRefreshCommand(deps: CommandDeps): () => Promise<void> {
	return () => deps.batches.refresh();
}

/** Cancel: asks the API to stop the job's batches; answers already done are still reported and billed. */
export function createBatchCancelCommand(deps: CommandDeps): (arg?: unknown) => Promise<void> {
	return async (arg?: unknown) => {
		const job = jobOf(deps, arg);
		if (!job) {
			return;
		}
		const choice = await vscode.window.showWarningMessage(
			`Cancel the batch "${job.title}" (${Object.keys(job.files).length} files)?`,
			{ modal: true, detail: 'Requests not yet answered are canceled and not billed; answers already done are still reported and billed.' },
			'Cancel Batch',
		);
		if (choice !== 'Cancel Batch') {
			return;
		}
		const failed = await deps.batches.cancel(job.id);
		if (failed) {
			void vscode.window.showErrorMessage(`Claude Batch: ${failed}`);
		}
	};
}

/** Open Report: the ended job's Markdown report, in an editor. */
export function createBatchOpenReportCommand(deps: CommandDeps): (arg?: unknown) => Promise<void> {
	return async (arg?: unknown) => {
		const report = jobOf(deps, arg)?.result?.report;
		if (report) {
			await vscode.window.showTextDocument(vscode.Uri.parse(report));
		}
	};
}

/**
 * Remove: forgets a job and deletes its report (its usage stays in the ledger). A job still running is asked about
 * first: its batches go on at Anthropic and are billed (Cancel stops them); removing is the way out for a job whose
 * batches the API no longer knows.
 */
export function createBatchRemoveCommand(deps: CommandDeps): (arg?: unknown) => Promise<void> {
	return async (arg?: unknown) => {
		const job = jobOf(deps, arg);
		if (!job) {
			return;
		}
		if (job.state !== 'done') {
			const choice = await vscode.window.showWarningMessage(
				`Remove the running batch "${job.title}" from the list?`,
				{ modal: true, detail: 'It goes on at Anthropic and what it answers is billed, but nobody reads its results. Cancel Batch stops it instead.' },
				'Remove Batch',
			);
			if (choice !== 'Remove Batch') {
				return;
			}
		}
		await deps.batches.remove(job.id);
	};
}
