import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SessionEvent } from '../../src/core/session/types';
import type { HostToWebview } from '../../src/shared/protocol';
import { ask, captureMessages, runCapturing, setKey, stubWindow, useFakeServer, waitFor, workspaceUri } from './helpers';

/**
 * Canary keys: distinctive, and deliberately not shaped like `sk-ant-…`, so the logger's pattern redaction cannot
 * hide a leak; only never writing the key passes. The fake server accepts KEY and rejects WRONG_KEY.
 */
const KEY = 'zq-canary-7Hn2Wv9Lk4Rt8Bx3Mf6';
const WRONG_KEY = 'zq-canary-wrong-5Df1Gm6Pc0Ys';

/** What counts as a hit: either key whole, a 12-character piece of its secret part (a truncated leak), base64 of it. */
const NEEDLES = [KEY, WRONG_KEY, KEY.slice(10, 22), WRONG_KEY.slice(16, 28)];
const FILE_PATTERNS: Buffer[] = NEEDLES.flatMap((n) => [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')])
	.concat([KEY, WRONG_KEY].map((k) => Buffer.from(Buffer.from(k).toString('base64').slice(0, 24))));

/** Files above this are reported and not read (none is expected: the whole state folder is a few MB). */
const MAX_SCAN_BYTES = 64 * 1024 * 1024;

interface Scan {
	places: number;
	files: number;
	hits: string[];
	skipped: string[];
}

function scanText(scan: Scan, where: string, text: string): void {
	scan.places++;
	for (const needle of NEEDLES) {
		if (text.includes(needle)) {
			scan.hits.push(`${where}: …${text.slice(Math.max(0, text.indexOf(needle) - 80), text.indexOf(needle) + needle.length + 20)}…`);
		}
	}
}

function scanValue(scan: Scan, where: string, value: unknown): void {
	scanText(scan, where, JSON.stringify(value) ?? String(value));
}

/** Every file under `dir`, each searched byte-wise (UTF-8, UTF-16 and base64 forms) so binary stores count too. */
function scanTree(scan: Scan, dir: string): void {
	if (!fs.existsSync(dir)) {
		return;
	}
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			scanTree(scan, p);
		} else if (entry.isFile()) {
			if (fs.statSync(p).size > MAX_SCAN_BYTES) {
				scan.skipped.push(p);
				continue;
			}
			const bytes = fs.readFileSync(p);
			scan.places++;
			scan.files++;
			if (FILE_PATTERNS.some((pattern) => bytes.includes(pattern))) {
				scan.hits.push(p);
			}
		}
	}
}

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Sets the "Claude Assistant" log channel's level as a user does: Show Logs, then the Output view's level menu. */
async function setChannelLogLevel(level: vscode.LogLevel): Promise<void> {
	await vscode.commands.executeCommand('claudeAssistant.showLogs');
	await vscode.commands.executeCommand(`workbench.action.output.activeOutputLogLevel.${level}`);
}

/** Records the usage dashboard's HTML and every message posted to it, by wrapping createWebviewPanel. */
function recordDashboard(): { html(): string; posted: unknown[]; restore(): void } {
	const w = vscode.window as unknown as { createWebviewPanel: (...a: unknown[]) => vscode.WebviewPanel };
	const original = w.createWebviewPanel;
	const posted: unknown[] = [];
	let panel: vscode.WebviewPanel | undefined;
	w.createWebviewPanel = (...args: unknown[]) => {
		panel = original.apply(vscode.window, args);
		const webview = panel.webview;
		const post = webview.postMessage.bind(webview);
		webview.postMessage = (message: unknown) => {
			posted.push(message);
			return post(message);
		};
		return panel;
	};
	return { html: () => panel?.webview.html ?? '', posted, restore: () => { w.createWebviewPanel = original; } };
}

describe('key-leak scan', function () {
	this.timeout(180_000);
	const fake = useFakeServer([KEY]);
	let outDir: string;
	const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('claudeAssistant');

	before(() => {
		outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-key-leak-'));
	});
	after(async () => {
		await setChannelLogLevel(vscode.LogLevel.Info);
		await config().update('maxRetries', undefined, vscode.ConfigurationTarget.Global);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		fs.rmSync(outDir, { recursive: true, force: true });
	});

	it('after keys, chat, errors, exports, trace logs and the dashboard, neither key is anywhere the extension writes or shows', async () => {
		const { server, api } = fake;
		const viewMessages: HostToWebview[] = [];
		const events: SessionEvent[] = [];
		const shown: string[] = [];
		const subs = [api.onViewMessage((m) => viewMessages.push(m)), api.onSessionEvent((e) => events.push(e))];
		const dashboard = recordDashboard();
		try {
			// trace level: request bodies are logged
			await setChannelLogLevel(vscode.LogLevel.Trace);
			// each failure is reported at once (no visible retry waits)
			await config().update('maxRetries', 0, vscode.ConfigurationTarget.Global);

			// a key the API rejects, used once, then the real one
			shown.push(...await setKey(WRONG_KEY));
			assert.ok(shown.some((m) => m.includes('rejected')), shown.join(' | '));
			await vscode.commands.executeCommand('claudeAssistant.newChat');
			const rejected = await ask(api, 'does the wrong key work?');
			assert.equal(rejected.type === 'chat/error' && rejected.error.kind, 'auth');
			shown.push(...await setKey(KEY));
			assert.ok(shown.some((m) => m.startsWith('API key saved and valid.')), shown.join(' | '));

			// a chat, Explain Selection on a file
			server.enqueue({ text: 'Hello **there**.' });
			assert.equal((await ask(api, 'hello')).type, 'chat/done');
			const doc = await vscode.workspace.openTextDocument(workspaceUri('src', 'sample.ts'));
			const editor = await vscode.window.showTextDocument(doc);
			editor.selection = new vscode.Selection(0, 0, 4, 0);
			shown.push(...await runCapturing('claudeAssistant.explainSelection'));
			await waitFor(() => events.filter((e) => e.type === 'chat/done').length === 2);

			// errors: 401, 429, 500, an overloaded error event mid-answer, a dropped connection
			const faults = [
				{ fault: { kind: 'http' as const, status: 401 }, kind: 'auth' },
				{ fault: { kind: 'http' as const, status: 429, retryAfterMs: 1 }, kind: 'rateLimit' },
				{ fault: { kind: 'http' as const, status: 500 }, kind: 'server' },
				{ fault: { kind: 'errorEvent' as const, afterDeltas: 1, errorType: 'overloaded_error' }, kind: 'overloaded' },
				{ fault: { kind: 'destroy' as const, afterDeltas: 1 }, kind: 'network' },
			];
			for (const { fault, kind } of faults) {
				server.enqueue({ text: 'partial answer that is cut', chunkSize: 4, fault });
				const end = await ask(api, `provoke ${fault.kind} ${'status' in fault ? fault.status : ''}`);
				assert.equal(end.type === 'chat/error' && end.error.kind, kind, JSON.stringify(end.type === 'chat/error' ? end.error : end.turn));
			}
			assert.ok(server.messageRequests().some((r) => r.apiKey === KEY), 'requests carried the canary key');
			assert.ok(server.requests.some((r) => r.apiKey === WRONG_KEY), 'the wrong key was tried');

			// exports: usage as CSV and JSONL, the conversation as Markdown
			for (const format of ['CSV', 'JSONL']) {
				const file = path.join(outDir, `usage.${format.toLowerCase()}`);
				const pick = stubWindow('showQuickPick', (items) => (items as vscode.QuickPickItem[]).find((x) => x.label === format));
				const save = stubWindow('showSaveDialog', () => vscode.Uri.file(file));
				try {
					shown.push(...await runCapturing('claudeAssistant.exportUsage'));
				} finally {
					pick.restore();
					save.restore();
				}
				assert.ok(fs.statSync(file).size > 0, `${file} written`);
			}
			const markdown = path.join(outDir, 'conversation.md');
			const save = stubWindow('showSaveDialog', () => vscode.Uri.file(markdown));
			const info = captureMessages();
			try {
				await api.viewMessage({ type: 'conversation/export', id: api.conversations.current().id });
			} finally {
				save.restore();
				info.restore();
			}
			shown.push(...info.messages);
			assert.ok(fs.readFileSync(markdown, 'utf8').includes('provoke'), 'the conversation was exported');

			// the dashboard, once it has drawn the ledger
			await vscode.commands.executeCommand('claudeAssistant.showUsage');
			await waitFor(() => dashboard.posted.some((m) => (m as { type?: string }).type === 'dashboard/data'), 30_000);
			await api.conversations.flush();
			await api.ledger.read();

			// the log file has the trace lines and the last line written (the channel writes its file asynchronously)
			const logFolder = api.logFolder.fsPath;
			await waitFor(() => fs.existsSync(logFolder) && filesUnder(logFolder).some((f) => {
				const text = fs.readFileSync(f, 'utf8');
				return text.includes('[trace]') && text.includes('exported');
			}), 30_000).catch(() => assert.fail(`no trace-level log with the export in ${logFolder}`));
		} finally {
			subs.forEach((s) => s.dispose());
			dashboard.restore();
		}

		// the scan itself finds a planted key: in a file as UTF-8 and as UTF-16, and in a value
		const control: Scan = { places: 0, files: 0, hits: [], skipped: [] };
		const planted = path.join(outDir, 'planted');
		fs.mkdirSync(planted);
		fs.writeFileSync(path.join(planted, 'utf8.log'), `key=${KEY}\n`);
		fs.writeFileSync(path.join(planted, 'utf16.db'), Buffer.from(`{"k":"${WRONG_KEY}"}`, 'utf16le'));
		scanTree(control, planted);
		scanValue(control, 'planted value', { nested: [`Bearer ${KEY.slice(0, 25)}`] });
		assert.equal(control.hits.length, 3, control.hits.join('\n')); // two files, and a value with a truncated key
		fs.rmSync(planted, { recursive: true });

		const scan: Scan = { places: 0, files: 0, hits: [], skipped: [] };
		// on disk: the whole server state folder (user data: settings.json, globalStorage with the ledger, workspaceStorage
		// with the conversations, every log folder, state databases; the server's own log), the workspace, the exports
		const globalStorage = api.globalStorage.fsPath;
		const userDataDir = path.resolve(globalStorage, '..', '..', '..');
		const settingsFile = path.join(userDataDir, 'User', 'settings.json');
		assert.ok(fs.readFileSync(settingsFile, 'utf8').includes(server.url), `${settingsFile} is the user settings file in use`);
		assert.ok(api.storage.fsPath.startsWith(userDataDir) && api.logFolder.fsPath.startsWith(userDataDir), 'storage and logs are inside the scanned folder');
		scanTree(scan, path.dirname(userDataDir));
		scanTree(scan, workspaceUri().fsPath);
		scanTree(scan, outDir);
		const diskFiles = scan.files;
		// in memory: state, what the chat view and the dashboard were sent, what was shown
		const mementos = api.mementos();
		for (const [key, value] of [...Object.entries(mementos.global), ...Object.entries(mementos.workspace)]) {
			scanValue(scan, `memento ${key}`, value);
		}
		viewMessages.forEach((m, i) => scanValue(scan, `chat view message ${i} (${m.type})`, m));
		scanValue(scan, 'chat snapshot (state/init)', api.snapshot());
		scanValue(scan, 'conversation list', api.conversations.listMessage());
		scanValue(scan, 'model list', api.conversations.modelsMessage());
		for (const entry of api.conversations.list()) {
			scanValue(scan, `conversation ${entry.id}`, await api.conversations.content(entry.id));
		}
		events.forEach((e, i) => scanValue(scan, `session event ${i} (${e.type})`, e));
		scanText(scan, 'dashboard HTML', dashboard.html());
		dashboard.posted.forEach((m, i) => scanValue(scan, `dashboard message ${i}`, m));
		shown.forEach((m, i) => scanText(scan, `notification ${i}`, m));
		scanValue(scan, 'status bar', api.statusBar());
		scanValue(scan, 'settings', vscode.workspace.getConfiguration('claudeAssistant'));

		console.log(`      key-leak: ${scan.hits.length} hits in ${scan.places} places scanned (${diskFiles} files, ${scan.places - diskFiles} in-memory: `
			+ `${viewMessages.length} chat view messages, ${dashboard.posted.length} dashboard messages, ${Object.keys(mementos.global).length + Object.keys(mementos.workspace).length} state keys, ${events.length} session events, ${shown.length} notifications)`);
		assert.ok(viewMessages.length > 10 && dashboard.posted.length > 0 && diskFiles > 10, 'the scan saw the scenario');
		assert.deepEqual(scan.skipped, [], 'every file was read');
		assert.deepEqual(scan.hits, [], 'the key appears nowhere');
	});
});
