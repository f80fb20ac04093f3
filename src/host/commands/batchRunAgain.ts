import * as vscode from 'vscode';
import { batchChatPrompt } from '../../core/batch/batchRequests';
import { readForBatch } from '../batch/batchFiles';
import { confirmAndSubmit } from './batch';
import { jobOf } from './batchJobs';
import type { CommandDeps } from './deps';
import { sendToChat } from './sendToChat';

/** Most files run again in the chat, one request each: beyond this a new batch is the sensible way. */
const MAX_IN_CHAT = 10;

/**
 * Run These Again: the files of an ended job that were not done (failed, canceled, expired), read again from disk,
 * either as a new batch (half price, confirmed like any batch) or in the chat one after another (full price, answers
 * at once; offered for up to {@link MAX_IN_CHAT} files).
 */
export function createBatchRunAgainCommand(deps: CommandDeps): (arg?: unknown) => Promise<void> {
	return async (arg?: unknown) => {
		const job = jobOf(deps, arg);
		const ids = job?.result?.notDone ?? [];
		if (!job || ids.length === 0) {
			return;
		}
		const uris = ids.flatMap((id) => (job.files[id] ? [vscode.Uri.parse(job.files[id].uri)] : []));
		const asBatch = { label: 'As a new batch', description: 'half price, within the day' };
		const inChat = { label: 'In the chat, one file at a time', description: 'full price, answers now' };
		const choices = uris.length <= MAX_IN_CHAT ? [asBatch, inChat] : [asBatch];
		const picked = await vscode.window.showQuickPick(choices, { title: `Claude Batch: run ${uris.length} file${uris.length === 1 ? '' : 's'} of "${job.title}" again` });
		if (!picked) {
			return;
		}
		const gathered = await readForBatch(uris);
		if (picked === asBatch) {
			await confirmAndSubmit(deps, job.action, gathered);
			return;
		}
		for (const s of gathered.skipped) {
			deps.chatView.notify(`${s.path}: ${s.reason}`, 'warning');
		}
		for (const file of gathered.files) {
			const { heading, prompt } = batchChatPrompt(file, job.action);
			await sendToChat(deps, { heading, prompt, command: job.action.kind === 'summarize' ? 'summarizeFile' : 'chat' });
		}
	};
}
