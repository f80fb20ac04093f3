import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { costUsd } from '../../src/core/pricing/pricing';
import type { TestHandle } from '../../src/extension';
import type { FakeAnthropicServer } from '../fake-anthropic/server';
import { ask, captureMessages, setKey, stubWindow, TEST_KEY, useFakeServer, waitFor } from './helpers';

const USAGES = [
	{ input_tokens: 1200, output_tokens: 340 },
	{ input_tokens: 50, output_tokens: 7, cache_read_input_tokens: 900 },
];

describe('usage ledger and Export Usage', function () {
	this.timeout(30_000);
	const fake = useFakeServer([TEST_KEY]);
	let server: FakeAnthropicServer;
	let api: TestHandle;
	let outDir: string;

	/** Empties the ledger file, after letting appends from earlier tests land. */
	async function resetLedger(): Promise<void> {
		await api.ledger.read();
		await vscode.workspace.fs.delete(api.ledger.uri).then(undefined, () => undefined);
	}

	async function sendTwo(): Promise<void> {
		for (const [i, usage] of USAGES.entries()) {
			server.enqueue({ text: `answer ${i}`, usage });
			assert.equal((await ask(api, `question ${i}`)).type, 'chat/done');
		}
	}

	async function exportAs(format: string, file: string, args: unknown[] = []): Promise<{ messages: string[]; picks: unknown[][]; saves: unknown[][] }> {
		const pick = stubWindow('showQuickPick', (items) => (items as vscode.QuickPickItem[]).find((x) => x.label === format));
		const save = stubWindow('showSaveDialog', () => vscode.Uri.file(file));
		const shown = captureMessages();
		try {
			await vscode.commands.executeCommand('claudeAssistant.exportUsage', ...args);
		} finally {
			pick.restore();
			save.restore();
			shown.restore();
		}
		return { messages: shown.messages, picks: pick.calls, saves: save.calls };
	}

	before(() => {
		({ server, api } = fake);
		outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-usage-export-'));
	});
	after(() => {
		fs.rmSync(outDir, { recursive: true, force: true });
	});
	beforeEach(async () => {
		await setKey(TEST_KEY);
		server.reset();
		await vscode.commands.executeCommand('claudeAssistant.newChat');
		await resetLedger();
	});

	it('Export Usage with no requests says so and opens no dialog', async () => {
		const { messages, picks, saves } = await exportAs('CSV', path.join(outDir, 'none.csv'));
		assert.ok(messages.some((m) => m.startsWith('No Claude requests recorded yet')), messages.join(' | '));
		assert.equal(picks.length + saves.length, 0);
		assert.ok(!fs.existsSync(path.join(outDir, 'none.csv')));
	});

	it('appends one JSONL line per request with the fake server\'s tokens, model, request id and cost', async () => {
		await sendTwo();
		await api.ledger.read();
		assert.equal(api.ledger.uri.path.split('/').pop(), 'usage-ledger.jsonl');
		const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(api.ledger.uri));
		const raw = text.split('\n').filter((l) => l !== '');
		assert.equal(raw.length, 2, text);
		const reqs = server.messageRequests();
		for (const [i, json] of raw.entries()) {
			const line = JSON.parse(json);
			const model = reqs[i].body.model as string;
			const usage = { input: USAGES[i].input_tokens, output: USAGES[i].output_tokens, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: USAGES[i].cache_read_input_tokens ?? 0 };
			assert.equal(line.model, model);
			assert.equal(line.command, 'chat');
			assert.equal(line.requestId, reqs[i].requestId);
			assert.deepEqual([line.input, line.output, line.cacheWrite5m, line.cacheWrite1h, line.cacheRead], [usage.input, usage.output, 0, 0, usage.cacheRead]);
			assert.equal(typeof line.costUsd, 'number');
			assert.ok(Math.abs(line.costUsd - costUsd(model, usage)!) < 1e-12, `${line.costUsd}`);
			assert.ok(Math.abs(Date.parse(line.time) - Date.now()) < 60_000, line.time);
			assert.equal(line.stopReason, 'end_turn');
			assert.ok(typeof line.latencyMs === 'number' && line.latencyMs >= 0);
		}
		assert.ok(!text.includes(TEST_KEY) && !text.includes('question 0'), 'no key or prompt on disk');
		assert.equal((await api.ledger.read()).length, 2);
	});

	it('Export Usage writes a CSV with a header and one row per request to the chosen path', async () => {
		await sendTwo();
		const file = path.join(outDir, 'usage.csv');
		const { messages, picks, saves } = await exportAs('CSV', file);
		assert.equal(picks.length, 1);
		const options = saves[0][0] as vscode.SaveDialogOptions;
		assert.match(path.basename(options.defaultUri!.fsPath), /^claude-usage-\d{4}-\d{2}-\d{2}\.csv$/);
		const rows = fs.readFileSync(file, 'utf8').split('\r\n').filter((r) => r !== '');
		assert.equal(rows.length, 3);
		assert.ok(rows[0].startsWith('time,requestId,command,model,input,output,'), rows[0]);
		assert.ok(rows[1].includes(',chat,') && rows[1].includes(',1200,340,0,0,0,'), rows[1]);
		assert.ok(rows[2].includes(',50,7,0,0,900,'), rows[2]);
		assert.ok(messages.includes(`Exported 2 requests to ${file}`), messages.join(' | '));
	});

	it('Export Usage as JSONL writes the ledger lines as stored', async () => {
		await sendTwo();
		const file = path.join(outDir, 'usage.jsonl');
		const { messages } = await exportAs('JSONL', file);
		const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		assert.deepEqual(lines, await api.ledger.read());
		assert.ok(messages.includes(`Exported 2 requests to ${file}`), messages.join(' | '));
	});

	it('Export Usage with a format argument (the dashboard\'s buttons) skips the format pick; any other argument still asks', async () => {
		await sendTwo();
		const file = path.join(outDir, 'direct.jsonl');
		const direct = await exportAs('CSV', file, ['jsonl']);
		assert.equal(direct.picks.length, 0);
		assert.match(path.basename((direct.saves[0][0] as vscode.SaveDialogOptions).defaultUri!.fsPath), /\.jsonl$/);
		assert.equal(fs.readFileSync(file, 'utf8').trim().split('\n').length, 2);
		const asked = await exportAs('CSV', path.join(outDir, 'asked.csv'), [vscode.Uri.file(file)]);
		assert.equal(asked.picks.length, 1);
		assert.ok(fs.existsSync(path.join(outDir, 'asked.csv')));
	});

	it('Show Usage opens one "Claude Usage" panel; running it again brings that panel back', async () => {
		const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
		const dashboards = (): vscode.Tab[] => tabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Claude Usage');
		const describe = (): string => tabs().map((t) => `${t.label}${t.isActive ? '*' : ''}`).join(', ');
		try {
			await vscode.commands.executeCommand('claudeAssistant.showUsage');
			await waitFor(() => dashboards().length === 1).catch(() => assert.fail(`no dashboard tab: ${describe()}`));
			await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
			await waitFor(() => !dashboards()[0]?.isActive);
			await vscode.commands.executeCommand('claudeAssistant.showUsage');
			await waitFor(() => dashboards()[0]?.isActive === true).catch(() => assert.fail(`dashboard not active: ${describe()}`));
			assert.equal(dashboards().length, 1, describe());
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		}
	});
});
