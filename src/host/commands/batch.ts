import * as vscode from 'vscode';
import { batchCustomId, estimateBatch, planBatches, type BatchAction } from '../../core/batch/batchRequests';
import { formatBatchUsd } from '../../core/batch/batchResults';
import { parseCustomActions } from '../../core/prompts/customActions';
import { requestSettings } from '../config';
import { changedFiles, expandToFiles, filesMatching, MAX_BATCH_FILES, readForBatch, type GatheredFiles } from '../batch/batchFiles';
import { BatchView } from '../batch/batchView';
import type { CommandDeps } from './deps';
import { hasKeyOrSay } from './requireKey';

/**
 * Claude: Batch…: the same action on many files through the Message Batches API, at half the price, answered within
 * the day. Files come from the Explorer (a selection of files and folders), or, from the palette, a glob or the
 * working tree's changes. After the action is chosen, each file is read and checked, and nothing is sent until the
 * user has seen the count, the tokens, the dollars at the batch and the interactive price and the budget check.
 */
export function createBatchCommand(deps: CommandDeps): (uri?: vscode.Uri, uris?: vscode.Uri[]) => Promise<void> {
	return async (uri?: vscode.Uri, uris?: vscode.Uri[]) => {
		if (!(await hasKeyOrSay(deps, 'Claude Batch needs an API key; nothing was read or sent.'))) {
			return;
		}
		const chosen = Array.isArray(uris) && uris.length > 0 ? uris.filter((u) => u instanceof vscode.Uri) : uri instanceof vscode.Uri ? [uri] : await pickSource();
		if (!chosen) {
			return;
		}
		const targets = await expandToFiles(chosen);
		if (targets.length === 0) {
			void vscode.window.showInformationMessage('Claude Batch: no files there (files.exclude hides some). Nothing was sent.');
			return;
		}
		if (targets.length > MAX_BATCH_FILES) {
			void vscode.window.showWarningMessage(`Claude Batch takes up to ${MAX_BATCH_FILES.toLocaleString('en-US')} files at once, and this is more. Choose a narrower folder or glob; nothing was sent.`);
			return;
		}
		const action = await pickAction(deps);
		if (!action) {
			return;
		}
		const started = performance.now();
		const gathered = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: `Claude Batch: reading ${targets.length} file${targets.length === 1 ? '' : 's'}`, cancellable: true },
			(progress, token) => readForBatch(targets, token, (done) => progress.report({ message: `${done} of ${targets.length}` })).then((g) => (token.isCancellationRequested ? undefined : g)),
		);
		if (gathered) {
			deps.logger.info('batch', `read ${targets.length} files in ${(performance.now() - started).toFixed(0)} ms: ${gathered.files.length} to send, ${gathered.skipped.length} skipped`);
			await confirmAndSubmit(deps, action, gathered);
		}
	};
}

/**
 * Plans the batch, shows what it will cost next to the interactive price, checks the budgets (with the batches still
 * running counted at their upper bound), and submits once the user agrees. Also used by Run These Again.
 */
export async function confirmAndSubmit(deps: CommandDeps, action: BatchAction, gathered: GatheredFiles): Promise<void> {
	const skipped = gathered.skipped.length > 0
		? `Skipped ${gathered.skipped.length}: ${gathered.skipped.slice(0, 8).map((s) => `${s.path} (${s.reason})`).join('; ')}${gathered.skipped.length > 8 ? '; …' : ''}`
		: '';
	if (gathered.files.length === 0) {
		void vscode.window.showWarningMessage(`Claude Batch: none of these files can be sent; nothing was sent. ${skipped}`);
		return;
	}
	const { model, maxTokens } = requestSettings(deps.getConfig(), 'summarizeFile');
	const started = performance.now();
	const plan = planBatches(gathered.files, action, { model, maxTokens });
	const estimate = estimateBatch(plan, model);
	deps.logger.info('batch', `planned ${estimate.requests} requests in ${plan.parts.length} batch(es) in ${(performance.now() - started).toFixed(0)} ms`);
	const running = deps.batches.pendingUpToUsd();
	const overBudget = await deps.budget.wouldPass((estimate.batchUsd?.upTo ?? 0) + running);
	const files = estimate.requests;
	const price = (p: { input: number; upTo: number } | undefined) => (p ? `${formatBatchUsd(p.input)} for the input, up to ${formatBatchUsd(p.upTo)} with the longest answers` : 'unknown (no price for this model)');
	const detail = [
		`About ${estimate.inputTokens.toLocaleString('en-US')} input tokens; answers up to ${maxTokens.toLocaleString('en-US')} tokens each.`,
		`Batch price: ${price(estimate.batchUsd)}.`,
		`Interactive price: ${price(estimate.interactiveUsd)}.`,
		plan.parts.length > 1 ? `Sent as ${plan.parts.length} batches (the API takes up to 100,000 requests or 256 MB per batch).` : '',
		plan.tooLarge.length > 0 ? `Too large for a batch request, left out: ${plan.tooLarge.join(', ')}.` : '',
		skipped,
		'Results usually arrive within the hour (at most 24 hours). The Batches view shows progress, and you are told when it ends.',
		overBudget ? `Budget: ${overBudget}${running > 0 ? `, counting batches still running at up to ${formatBatchUsd(running)}` : ''}.` : '',
	].filter(Boolean).join('\n\n');
	const submit = overBudget ? 'Submit Anyway' : 'Submit Batch';
	const question = `${batchQuestion(action, files, model)}${overBudget ? ' It could pass your budget.' : ''}`;
	const choice = overBudget
		? await vscode.window.showWarningMessage(question, { modal: true, detail }, submit)
		: await vscode.window.showInformationMessage(question, { modal: true, detail }, submit);
	if (choice !== submit) {
		return;
	}
	const uris = Object.fromEntries(gathered.files.map((f, i) => [batchCustomId(i), f.uri]));
	const result = await vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Notification, title: 'Claude Batch: submitting' },
		() => deps.batches.submit({ action, model, maxTokens, plan, estimate, uris, skipped: gathered.skipped }),
	);
	if ('error' in result) {
		const again = await vscode.window.showErrorMessage(`Claude Batch: ${result.error}`, 'Show Logs');
		if (again) {
			deps.logger.show();
		}
		return;
	}
	await vscode.commands.executeCommand(`${BatchView.viewId}.focus`);
	void vscode.window.showInformationMessage(`Claude Batch submitted: ${batchQuestion(action, files, model).replace(/\?$/, '')}. You will be told when it ends.`);
}

function batchQuestion(action: BatchAction, files: number, model: string): string {
	const verb = action.kind === 'custom' ? `Run "${action.action.title}" on` : action.kind === 'summarize' ? 'Summarize' : 'Review';
	return `${verb} ${files} file${files === 1 ? '' : 's'} as a batch on ${model}?`;
}

/** From the palette: which files. */
async function pickSource(): Promise<vscode.Uri[] | undefined> {
	const glob = { label: '$(search) Files matching a glob…', description: 'e.g. src/**/*.ts' };
	const changes = { label: '$(git-compare) Files changed in the working tree', description: 'staged, unstaged and untracked' };
	const picked = await vscode.window.showQuickPick([glob, changes], { title: 'Claude Batch: which files?' });
	if (picked === glob) {
		const pattern = await vscode.window.showInputBox({
			title: 'Claude Batch: files matching',
			prompt: 'A glob relative to the workspace folders; files.exclude applies.',
			value: '**/*.{ts,js,py}',
			validateInput: (v) => (v.trim() ? undefined : 'Enter a glob such as src/**/*.ts'),
		});
		return pattern?.trim() ? filesMatching(pattern.trim()) : undefined;
	}
	if (picked === changes) {
		const files = await changedFiles();
		if ('error' in files) {
			void vscode.window.showWarningMessage(`Claude Batch: ${files.error}`);
			return undefined;
		}
		return files;
	}
	return undefined;
}

/** Summarize, Review, or one of the user's custom actions, applied to each file. */
async function pickAction(deps: CommandDeps): Promise<BatchAction | undefined> {
	const { actions, warnings } = parseCustomActions(deps.getConfig().customActions);
	warnings.forEach((w) => deps.logger.warn('customActions', w));
	const items: Array<vscode.QuickPickItem & { action: BatchAction }> = [
		{ label: 'Summarize', description: 'purpose, main parts, anything notable', action: { kind: 'summarize' } },
		{ label: 'Review', description: 'bugs, security, error handling, with line numbers', action: { kind: 'review' } },
		...actions.map((a) => ({ label: a.title, description: 'custom action', action: { kind: 'custom', action: a } as BatchAction })),
	];
	const picked = await vscode.window.showQuickPick(items, { title: 'Claude Batch: what to do with each file (at half price)' });
	return picked?.action;
}
