import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { BatchJob } from '../../core/batch/batchJob';
import { formatBatchUsd } from '../../core/batch/batchResults';
import type { Logger } from '../../core/log/logger';
import { CommandId } from '../commands/ids';

/**
 * A report larger than this (about 1,500 files' answers) opens only from the notification: VS Code hands every open
 * document to the extension host, and opening the 6 MB report of 10,000 files took the host's memory up by 160–230 MB
 * and 2–3 s (bench/workbenchBench.ts, batchInHost) for a document nobody reads through at once.
 */
const REPORT_AUTO_OPEN_BYTES = 1_000_000;

/**
 * When a job has ended: opens its report (without taking the focus) and says what the job came to; resolves once the
 * report is open.
 */
export async function announceBatchEnd(job: BatchJob, logger: Logger): Promise<void> {
	const s = job.result?.summary;
	if (!s || !job.result) {
		return;
	}
	const notDone = s.errored + s.canceled + s.expired;
	const report = vscode.Uri.parse(job.result.report);
	const bytes = await fsp.stat(report.fsPath).then((st) => st.size, () => 0);
	const opens = bytes <= REPORT_AUTO_OPEN_BYTES;
	if (opens) {
		await Promise.resolve(vscode.window.showTextDocument(report, { preview: true, preserveFocus: true })).catch((err: unknown) => {
			logger.warn('batch', `opening the report failed: ${String(err)}`);
		});
	}
	const text = `Claude batch ended: ${job.title}, ${s.succeeded} done${notDone > 0 ? `, ${notDone} not done` : ''}. `
		+ `Billed ${formatBatchUsd(s.batchUsd)}, saved ${formatBatchUsd(s.interactiveUsd - s.batchUsd)} against interactive.`
		+ (opens ? '' : ` The report (${(bytes / 1e6).toFixed(1)} MB) opens with Open Report.`);
	const actions = notDone > 0 ? ['Open Report', 'Run These Again'] : ['Open Report'];
	void vscode.window.showInformationMessage(text, ...actions).then((choice) => {
		if (choice === 'Open Report') {
			void vscode.window.showTextDocument(report);
		} else if (choice === 'Run These Again') {
			void vscode.commands.executeCommand(CommandId.batchRunAgain, job.id);
		}
	});
}
