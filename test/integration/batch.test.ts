import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import Anthropic from '@anthropic-ai/sdk';
import * as vscode from 'vscode';
import { BATCH_JOB_VERSION, type BatchJob } from '../../src/core/batch/batchJob';
import { planBatches } from '../../src/core/batch/batchRequests';
import { costUsd } from '../../src/core/pricing/pricing';
import type { TestHandle } from '../../src/extension';
import { FakeAnthropicServer } from '../fake-anthropic/server';
import { captureMessages, clearKey, getApi, setKey, stubWindow, TEST_KEY, useBaseUrl, waitFor, workspaceUri } from './helpers';

/** The fake server's clock: batches end when it passes BATCH_DELAY_MS after their creation. */
let clock = 1_000_000;
const BATCH_DELAY_MS = 60_000;
const FILES: Record<string, string> = {
	'batch-src/alpha.ts': 'export const alpha = 1;\n',
	'batch-src/beta.ts': 'export function beta(): number {\n\treturn 2;\n}\n',
	'batch-src/nested/gamma.py': 'def gamma():\n    return 3\n',
	'batch-src/empty.ts': '',
};

describe('batch mode: Claude: Batch…, the Batches view, results, ledger', function () {
	this.timeout(60_000);
	let server: FakeAnthropicServer;
	let api: TestHandle;

	before(async () => {
		delete process.env.ANTHROPIC_API_KEY;
		server = await FakeAnthropicServer.start({ apiKeys: [TEST_KEY], batchDelayMs: BATCH_DELAY_MS, batchCancelDelayMs: 1000, now: () => clock });
		api = await getApi();
		await useBaseUrl(server.url);
		for (const [path, text] of Object.entries(FILES)) {
			await vscode.workspace.fs.writeFile(workspaceUri(...path.split('/')), new TextEncoder().encode(text));
		}
	});
	after(async () => {
		// forget the jobs the tests left running (server.reset() dropped their batches), so none polls during later suites
		const remove = stubWindow('showWarningMessage', () => 'Remove Batch');
		try {
			for (const job of api.batches.list().filter((j) => j.state !== 'done')) {
				await vscode.commands.executeCommand('claudeAssistant.batchRemove', job.id);
			}
		} finally {
			remove.restore();
		}
		assert.deepEqual(api.batches.list().filter((j) => j.state !== 'done'), []);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // the reports
		await vscode.workspace.getConfiguration('claudeAssistant').update('dailyBudgetUsd', undefined, vscode.ConfigurationTarget.Global);
		await clearKey();
		await useBaseUrl('');
		await server.close();
	});
	beforeEach(async () => {
		await setKey(TEST_KEY);
		server.reset();
	});

	const creates = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches');

	/** Runs Claude: Batch… with the Explorer's arguments, picking `action` and answering the confirmation with `answer`. */
	function batchFromExplorer(uris: vscode.Uri[], action: string, answer: string | undefined): Promise<{ question: string; detail: string; modalKind: string; shown: string[] }> {
		return runBatch([uris[0], uris], [action], answer);
	}

	/**
	 * Runs Claude: Batch… with `args`, answering its quick picks in order with the item whose label contains each of
	 * `picks`, its input box with `input`, and its confirmation with `answer`.
	 */
	async function runBatch(args: unknown[], picks: string[], answer: string | undefined, input?: string): Promise<{ question: string; detail: string; modalKind: string; shown: string[] }> {
		const pending = [...picks];
		const pick = stubWindow('showQuickPick', (items) => {
			const want = pending.shift() ?? '';
			return (items as vscode.QuickPickItem[]).find((i) => i.label.includes(want));
		});
		const box = stubWindow('showInputBox', () => input);
		const asked: Array<{ kind: string; args: unknown[] }> = [];
		const shown = captureMessages();
		const w = vscode.window as unknown as Record<string, (...a: unknown[]) => Thenable<unknown>>;
		const wrap = (kind: string) => {
			const captured = w[kind];
			w[kind] = async (...args: unknown[]) => {
				if ((args[1] as { modal?: boolean } | undefined)?.modal) {
					asked.push({ kind, args });
					return answer;
				}
				return captured(...args);
			};
			return () => { w[kind] = captured; };
		};
		const restores = [wrap('showInformationMessage'), wrap('showWarningMessage')];
		try {
			await vscode.commands.executeCommand('claudeAssistant.batch', ...args);
		} finally {
			restores.forEach((r) => r());
			shown.restore();
			pick.restore();
			box.restore();
		}
		assert.deepEqual(pending, [], 'every quick pick was shown');
		assert.equal(asked.length, 1, 'one confirmation before anything is sent');
		const [question, options] = asked[0].args as [string, { detail: string }];
		return { question, detail: options.detail, modalKind: asked[0].kind, shown: shown.messages };
	}

	/** Moves the fake server's clock past the batch delay and looks, as the view's Refresh does, until the job is reported. */
	async function endAndRefresh(jobId: string): Promise<BatchJob> {
		clock += BATCH_DELAY_MS + 1;
		await waitFor(async () => {
			await vscode.commands.executeCommand('claudeAssistant.batchRefresh');
			return api.batches.list().find((j) => j.id === jobId)?.state === 'done';
		}, 20_000);
		const job = api.batches.list().find((j) => j.id === jobId);
		assert.ok(job?.result);
		return job;
	}

	it('Explorer selection (files and a folder): confirms with counts, tokens and both prices, submits one request per file, then reports and bills at the batch price', async () => {
		const picked = [workspaceUri('batch-src'), workspaceUri('assets', 'logo.bin')];
		const confirm = await batchFromExplorer(picked, 'Summarize', 'Submit Batch');
		assert.equal(confirm.modalKind, 'showInformationMessage');
		assert.match(confirm.question, /^Summarize 3 files as a batch on claude-[\w.-]+\?$/);
		assert.match(confirm.detail, /About [\d,]+ input tokens; answers up to [\d,]+ tokens each\./);
		const [, batchIn, batchUpTo] = /Batch price: \$([\d.]+) for the input, up to \$([\d.]+)/.exec(confirm.detail) ?? [];
		const [, liveIn, liveUpTo] = /Interactive price: \$([\d.]+) for the input, up to \$([\d.]+)/.exec(confirm.detail) ?? [];
		assert.ok(Number(batchIn) > 0 && Math.abs(Number(liveIn) / Number(batchIn) - 2) < 0.05, `${batchIn} vs ${liveIn}`);
		assert.ok(Math.abs(Number(liveUpTo) / Number(batchUpTo) - 2) < 0.05);
		assert.match(confirm.detail, /Skipped 2: assets\/logo\.bin \(This looks like a binary file.*\); batch-src\/empty\.ts \(The file is empty\.\)/);

		const [create] = creates();
		assert.ok(create, 'the batch was created');
		const requests = create.body.requests as Array<{ custom_id: string; params: { system: Array<{ cache_control: unknown }>; messages: Array<{ content: string }> } }>;
		assert.deepEqual(requests.map((r) => r.custom_id), ['file-0', 'file-1', 'file-2']);
		assert.deepEqual(requests.map((r) => /`(.+?)`/.exec(r.params.messages[0].content)?.[1]), ['batch-src/alpha.ts', 'batch-src/beta.ts', 'batch-src/nested/gamma.py']);
		assert.deepEqual(requests[0].params.system[0].cache_control, { type: 'ephemeral', ttl: '1h' });

		const [job] = api.batches.list();
		assert.equal(job.state, 'running');
		assert.equal(job.command, 'batchSummarize');
		assert.deepEqual(job.skipped.map((s) => s.path), ['assets/logo.bin', 'batch-src/empty.ts']);
		const [row] = api.batches.rows();
		assert.equal(row.label, 'Summarize · 3 files');
		assert.match(row.description, /^in progress · 0\/3 · est\. \$[\d.]+–\$[\d.]+ · \d+ s$/);
		assert.equal(row.contextValue, 'batch.running');

		const ledgerBefore = (await api.ledger.read()).length;
		const shown = captureMessages();
		let done: BatchJob;
		try {
			done = await endAndRefresh(job.id);
		} finally {
			shown.restore();
		}
		assert.deepEqual([done.result?.summary.succeeded, done.result?.notDone], [3, []]);
		assert.ok(shown.messages.some((m) => /^Claude batch ended: Summarize, 3 done\. Billed \$[\d.]+, saved \$[\d.]+ against interactive\.$/.test(m)), shown.messages.join('\n'));

		const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(done.result?.report ?? '')));
		assert.match(report, /^# Summarize: 3 files\n\n3 done, 0 failed, 0 canceled, 0 expired\./);
		const sections = [...report.matchAll(/^## \[`(.+?)`\]\((.+?)\)$/gm)].map((m) => [m[1], m[2]]);
		assert.deepEqual(sections.map((s) => s[0]).sort(), ['batch-src/alpha.ts', 'batch-src/beta.ts', 'batch-src/nested/gamma.py']);
		assert.ok(sections.every(([path, link]) => link === workspaceUri(...path.split('/')).toString()), 'each section links to its file');
		assert.match(report, /## Skipped before sending\n\n- `assets\/logo\.bin`: This looks like a binary file/);
		await waitFor(() => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === done.result?.report)); // the report opens

		const lines = (await api.ledger.read()).slice(ledgerBefore);
		assert.equal(lines.length, 3);
		for (const line of lines) {
			assert.equal(line.command, 'batchSummarize');
			assert.equal(line.serviceTier, 'batch');
			const usage = { input: line.input, output: line.output, cacheWrite5m: line.cacheWrite5m, cacheWrite1h: line.cacheWrite1h, cacheRead: line.cacheRead };
			assert.ok(Math.abs((line.costUsd ?? NaN) * 2 - (costUsd(line.model, usage) ?? NaN)) < 1e-12, 'billed at half the interactive price');
		}
		assert.match(api.batches.rows()[0].description, /^3 done · \$[\d.]+ \(saved \$[\d.]+\)/);
	});

	it('a report over 1 MB does not open by itself: the notification gives its size, and Open Report opens it', async () => {
		const config = vscode.workspace.getConfiguration('claudeAssistant');
		await config.update('maxTokens', 128_000, vscode.ConfigurationTarget.Global);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		try {
			for (let i = 0; i < 3; i++) {
				server.enqueue({ text: `Answer ${i}. ${'word '.repeat(90_000)}` }); // 450 KB each
			}
			await batchFromExplorer([workspaceUri('batch-src', 'alpha.ts'), workspaceUri('batch-src', 'beta.ts'), workspaceUri('batch-src', 'nested', 'gamma.py')], 'Summarize', 'Submit Batch');
			const job = api.batches.list().find((j) => j.state === 'running');
			assert.ok(job);
			const ended = stubWindow('showInformationMessage', (message) => (String(message).startsWith('Claude batch ended') ? 'Open Report' : undefined));
			let done: BatchJob;
			try {
				done = await endAndRefresh(job.id);
				assert.equal(ended.calls.length, 1);
			} finally {
				ended.restore();
			}
			assert.match(String(ended.calls[0][0]), /^Claude batch ended: Summarize, 3 done\. .+ The report \(1\.\d MB\) opens with Open Report\.$/);
			assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === done.result?.report), 'not opened by itself');
			// the notification's Open Report (answered above) opens it
			await waitFor(() => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === done.result?.report));
		} finally {
			await config.update('maxTokens', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('a batch that could pass the daily budget asks "Submit Anyway", and sends nothing when declined', async () => {
		await vscode.workspace.getConfiguration('claudeAssistant').update('dailyBudgetUsd', 0.000001, vscode.ConfigurationTarget.Global);
		try {
			const jobs = api.batches.list().length;
			const confirm = await batchFromExplorer([workspaceUri('batch-src', 'alpha.ts')], 'Review', undefined);
			assert.equal(confirm.modalKind, 'showWarningMessage');
			assert.match(confirm.question, /^Review 1 file as a batch on .+\? It could pass your budget\.$/);
			assert.match(confirm.detail, /Budget: it could pass the daily budget of \$[\d.]+ \(\$[\d.]+ spent, up to \$[\d.]+ more\)/);
			assert.equal(creates().length, 0, 'declined: nothing sent');
			assert.equal(api.batches.list().length, jobs);
		} finally {
			await vscode.workspace.getConfiguration('claudeAssistant').update('dailyBudgetUsd', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('Cancel stops the batch; its files are listed as canceled, and Run These Again submits just those as a new batch', async () => {
		server.enqueue({ text: 'A review.' });
		await batchFromExplorer([workspaceUri('batch-src', 'alpha.ts'), workspaceUri('batch-src', 'beta.ts')], 'Review', 'Submit Batch');
		const [job] = api.batches.list();
		const modal = stubWindow('showWarningMessage', () => 'Cancel Batch');
		try {
			await vscode.commands.executeCommand('claudeAssistant.batchCancel', job);
		} finally {
			modal.restore();
		}
		assert.ok(server.requests.some((r) => r.method === 'POST' && r.path === `/v1/messages/batches/${job.batches[0].id}/cancel`), 'the API was asked to cancel');
		assert.match(api.batches.rows()[0].description, /^canceling · /);
		const done = await endAndRefresh(job.id);
		assert.equal(done.result?.summary.canceled, 2);
		assert.deepEqual(done.result?.notDone, ['file-0', 'file-1']);
		const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(done.result?.report ?? '')));
		assert.match(report, /## Not done\n\n- \[`batch-src\/alpha\.ts`\]\(.+\): canceled\n- \[`batch-src\/beta\.ts`\]\(.+\): canceled\n/);
		assert.equal(api.batches.rows()[0].contextValue, 'batch.done.notDone');

		const before = creates().length;
		const pick = stubWindow('showQuickPick', (items) => (items as vscode.QuickPickItem[]).find((i) => i.label === 'As a new batch'));
		const confirm = stubWindow('showInformationMessage', (_m, options) => ((options as { modal?: boolean })?.modal ? 'Submit Batch' : undefined));
		try {
			await vscode.commands.executeCommand('claudeAssistant.batchRunAgain', job.id);
		} finally {
			confirm.restore();
			pick.restore();
		}
		const again = creates().slice(before);
		assert.equal(again.length, 1);
		assert.deepEqual(again[0].body.requests.map((r: { params: { messages: Array<{ content: string }> } }) => /`(.+?)`/.exec(r.params.messages[0].content)?.[1]), ['batch-src/alpha.ts', 'batch-src/beta.ts']);
		assert.match(again[0].body.requests[0].params.system[0].text, /Review the file/, 'the same action');
	});

	it('resumes a job another window (or an earlier session) submitted: polls it from disk, reports it once', async () => {
		const client = new Anthropic({ apiKey: TEST_KEY, baseURL: server.url, maxRetries: 0 });
		const plan = planBatches([{ path: 'batch-src/alpha.ts', languageId: 'ts', text: FILES['batch-src/alpha.ts'] }], { kind: 'summarize' }, { model: 'claude-haiku-4-5', maxTokens: 256 });
		server.enqueue({ text: 'Alpha exports one constant.' });
		const created = await client.messages.batches.create({ requests: plan.parts[0].requests });
		const job: BatchJob = {
			version: BATCH_JOB_VERSION, id: 'earlier-window-1', action: { kind: 'summarize' }, title: 'Summarize', command: 'batchSummarize',
			model: 'claude-haiku-4-5', maxTokens: 256, createdAt: Date.now() - 3_600_000,
			files: { 'file-0': { path: 'batch-src/alpha.ts', uri: workspaceUri('batch-src', 'alpha.ts').toString() } }, skipped: [],
			estimate: { requests: 1, inputTokens: 100, maxOutputTokens: 256 },
			batches: [{ id: created.id, status: 'in_progress', counts: { processing: 1, succeeded: 0, errored: 0, canceled: 0, expired: 0 } }],
			state: 'running',
		};
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(api.globalStorage, 'batches', `${job.id}.json`), new TextEncoder().encode(JSON.stringify(job)));
		const ledgerBefore = (await api.ledger.read()).length;
		const done = await endAndRefresh(job.id);
		assert.equal(done.result?.summary.succeeded, 1);
		const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(done.result?.report ?? '')));
		assert.match(report, /## \[`batch-src\/alpha\.ts`\]\(.+\)\n\nAlpha exports one constant\./);
		await vscode.commands.executeCommand('claudeAssistant.batchRefresh');
		const lines = (await api.ledger.read()).slice(ledgerBefore);
		assert.deepEqual(lines.map((l) => l.command), ['batchSummarize'], 'billed once, however often it is looked at');
		const resultsReads = server.requests.filter((r) => r.path === `/v1/messages/batches/${created.id}/results`);
		assert.equal(resultsReads.length, 1);
	});

	it('a failed request is listed as not done with the API\'s reason; Remove forgets the job and its report', async () => {
		server.enqueue({ text: 'Fine.' }, { fault: { kind: 'http', status: 400, message: 'prompt is too long' } });
		await batchFromExplorer([workspaceUri('batch-src', 'alpha.ts'), workspaceUri('batch-src', 'beta.ts')], 'Summarize', 'Submit Batch');
		const [job] = api.batches.list();
		const done = await endAndRefresh(job.id);
		const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(done.result?.report ?? '')));
		assert.match(report, /- \[`batch-src\/beta\.ts`\]\(.+\): failed: invalid_request_error: prompt is too long/);
		await vscode.commands.executeCommand('claudeAssistant.batchRemove', job);
		assert.ok(!api.batches.list().some((j) => j.id === job.id));
		await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.parse(done.result?.report ?? ''))));
	});

	it('from the palette with a glob: the matching files, files.exclude applied', async () => {
		const exclude = vscode.workspace.getConfiguration('files');
		await exclude.update('exclude', { '**/nested': true }, vscode.ConfigurationTarget.Workspace);
		let confirm;
		try {
			confirm = await runBatch([], ['glob', 'Review'], 'Submit Batch', 'batch-src/**');
		} finally {
			await exclude.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
		}
		assert.match(confirm.question, /^Review 2 files as a batch/, 'alpha.ts and beta.ts; nested/gamma.py is excluded');
		assert.match(confirm.detail, /Skipped 1: batch-src\/empty\.ts \(The file is empty\.\)/);
		const [create] = creates();
		assert.deepEqual(create.body.requests.map((r: { params: { messages: Array<{ content: string }> } }) => /`(.+?)`/.exec(r.params.messages[0].content)?.[1]), ['batch-src/alpha.ts', 'batch-src/beta.ts']);
	});

	it('from the palette with the working tree\'s changes: what git reports as changed, staged or new, not deleted', async function () {
		const git = vscode.extensions.getExtension<{ getAPI(v: 1): { openRepository(root: vscode.Uri): Promise<{ state: { untrackedChanges: unknown[]; workingTreeChanges: unknown[] }; status(): Promise<void> } | null> } }>('vscode.git');
		assert.ok(git, 'VS Code\'s git extension is built in');
		const root = workspaceUri();
		const run = (...args: string[]) => execFileSync('git', args, { cwd: root.fsPath, stdio: 'pipe' });
		run('init', '-q');
		run('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', 'batch-src/alpha.ts', 'batch-src/beta.ts');
		run('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
		await vscode.workspace.fs.writeFile(workspaceUri('batch-src', 'alpha.ts'), new TextEncoder().encode('export const alpha = 42;\n'));
		run('rm', '-q', 'batch-src/beta.ts');
		const repo = await (git.isActive ? git.exports : await git.activate()).getAPI(1).openRepository(root);
		assert.ok(repo, 'the git extension opened the repository');
		await repo.status();
		try {
			const confirm = await runBatch([], ['changed', 'Summarize'], 'Submit Batch');
			const [create] = creates();
			const sent = create.body.requests.map((r: { params: { messages: Array<{ content: string }> } }) => /`(.+?)`/.exec(r.params.messages[0].content)?.[1]);
			assert.ok(sent.includes('batch-src/alpha.ts'), 'modified');
			assert.ok(sent.includes('batch-src/nested/gamma.py'), 'untracked');
			assert.ok(!sent.includes('batch-src/beta.ts'), 'deleted: nothing to read');
			assert.match(confirm.detail, /batch-src\/empty\.ts \(The file is empty\.\)/);
		} finally {
			await vscode.workspace.fs.delete(workspaceUri('.git'), { recursive: true, useTrash: false });
			await vscode.workspace.fs.writeFile(workspaceUri('batch-src', 'alpha.ts'), new TextEncoder().encode(FILES['batch-src/alpha.ts']));
			await vscode.workspace.fs.writeFile(workspaceUri('batch-src', 'beta.ts'), new TextEncoder().encode(FILES['batch-src/beta.ts']));
		}
	});

	it('with no key it says so before anything is chosen, read or sent', async () => {
		await clearKey();
		const warn = stubWindow('showWarningMessage', () => undefined);
		const pick = stubWindow('showQuickPick', () => undefined);
		try {
			await vscode.commands.executeCommand('claudeAssistant.batch', workspaceUri('batch-src', 'alpha.ts'), [workspaceUri('batch-src', 'alpha.ts')]);
		} finally {
			pick.restore();
			warn.restore();
		}
		assert.deepEqual(warn.calls, [['Claude Batch needs an API key; nothing was read or sent.', 'Set API Key']]);
		assert.equal(pick.calls.length, 0, 'no action to choose');
		assert.equal(server.requests.length, 0);
	});
});
