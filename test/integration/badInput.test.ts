import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { captureMessages, nextTerminal, useFakeAnthropic, workspaceUri } from './helpers';

const MB = 1024 * 1024;

/** What one case expects the user to see and the API to receive. */
interface Expected {
	/** The words of the notification the command shows, if any (all of them must match one notification). */
	notification?: RegExp;
	/** The words of the notice in the chat view, if any. */
	notice?: RegExp;
	/** POST requests to the API (messages and token counts): 0 for input that must not be sent. */
	sends: number;
	/** The user turn the chat shows, when something is sent. */
	turn?: RegExp;
	/** What the prompt sent to the API says, when something is sent. */
	prompt?: RegExp;
}

interface Case {
	name: string;
	/** Opens or writes what the user has in front of them; returns the command to run (and its argument). */
	arrange(): Promise<{ command: string; arg?: vscode.Uri }>;
	expect: Expected;
}

/** A file in the workspace folder's bad-input/ folder, written with Node's fs (the test workspace is a local folder). */
function writeFixture(name: string, content: string | Buffer): vscode.Uri {
	const uri = workspaceUri('bad-input', name);
	fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
	fs.writeFileSync(uri.fsPath, content);
	return uri;
}

/** Opens a document in an editor with `select(doc)` selected. */
async function openWithSelection(doc: vscode.TextDocument, select: (doc: vscode.TextDocument) => vscode.Selection): Promise<vscode.TextEditor> {
	const editor = await vscode.window.showTextDocument(doc);
	editor.selection = select(doc);
	return editor;
}

/** An untitled Jupyter notebook: a markdown cell, then a Python cell, shown in the notebook editor. */
async function openNotebook(): Promise<vscode.NotebookDocument> {
	const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData([
		new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Doubling', 'markdown'),
		new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'def double(x):\n    return x * 2', 'python'),
	]));
	await vscode.window.showNotebookDocument(notebook);
	return notebook;
}

const all = (doc: vscode.TextDocument): vscode.Selection => new vscode.Selection(0, 0, doc.lineCount - 1, doc.lineAt(doc.lineCount - 1).text.length);

const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-outside-workspace-'));

const CASES: Case[] = [
	{
		name: 'no selection (Explain Selection)',
		arrange: async () => {
			await openWithSelection(await vscode.workspace.openTextDocument(workspaceUri('src', 'sample.ts')), () => new vscode.Selection(3, 4, 3, 4));
			return { command: 'claudeAssistant.explainSelection' };
		},
		expect: { notification: /^Select some code first/, notice: /^Select some code first/, sends: 0 },
	},
	{
		name: 'whitespace-only selection (Fix Selection)',
		arrange: async () => {
			const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'let a = 1;\n   \n\t\t\n  \nlet b = 2;\n' });
			await openWithSelection(doc, () => new vscode.Selection(1, 0, 4, 0));
			return { command: 'claudeAssistant.fixSelection' };
		},
		expect: { notification: /^Select some code first/, notice: /^Select some code first/, sends: 0 },
	},
	{
		name: 'binary file (Summarize File from the explorer)',
		arrange: async () => ({ command: 'claudeAssistant.summarizeFile', arg: workspaceUri('assets', 'logo.bin') }),
		expect: { notification: /^assets\/logo\.bin: This looks like a binary file .*only text files can be sent/, notice: /^assets\/logo\.bin: .*binary/, sends: 0 },
	},
	{
		name: '10 MB file (Summarize File from the explorer)',
		arrange: async () => ({ command: 'claudeAssistant.summarizeFile', arg: writeFixture('big.log', 'log line 0123456789 abcdefghij\n'.repeat(10 * MB / 31 + 1)) }),
		expect: { notification: /^bad-input\/big\.log: The file is too large to send \(10240\.\d KB; the limit is 200 KB\)/, notice: /too large/, sends: 0 },
	},
	{
		name: 'one 1 MB line (Summarize File from the explorer)',
		arrange: async () => ({ command: 'claudeAssistant.summarizeFile', arg: writeFixture('one-line.min.js', `var x="${'a'.repeat(MB)}";\n`) }),
		expect: { notification: /^bad-input\/one-line\.min\.js: The file is too large to send \(1024\.1 KB; the limit is 200 KB\)/, notice: /too large/, sends: 0 },
	},
	{
		name: 'one 1 MB line selected (Explain Selection)',
		arrange: async () => {
			await openWithSelection(await vscode.workspace.openTextDocument(writeFixture('one-line-open.min.js', `var y="${'b'.repeat(MB)}";`)), all);
			return { command: 'claudeAssistant.explainSelection' };
		},
		expect: { notification: /^The selection is too large to send \(1,048,585 characters; the limit is 100,000\)/, notice: /too large/, sends: 0 },
	},
	{
		name: 'non-UTF-8 text (Summarize File from the explorer)',
		arrange: async () => ({ command: 'claudeAssistant.summarizeFile', arg: writeFixture('latin1.txt', Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e, 3 \x80\n', 'latin1')) }),
		expect: { notification: /^bad-input\/latin1\.txt: .*not valid UTF-8/, notice: /not valid UTF-8/, sends: 0 },
	},
	{
		name: 'untitled document (Explain Selection sends it, named as the editor names it)',
		arrange: async () => {
			await openWithSelection(await vscode.workspace.openTextDocument({ language: 'python', content: 'def double(x):\n    return x * 2\n' }), all);
			return { command: 'claudeAssistant.explainSelection' };
		},
		expect: { sends: 1, turn: /^Explain `Untitled-\d+` lines 1–2$/ },
	},
	{
		name: 'empty untitled document (Summarize File)',
		arrange: async () => {
			await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '' }));
			return { command: 'claudeAssistant.summarizeFile' };
		},
		expect: { notification: /^Untitled-\d+: The file is empty\./, notice: /The file is empty/, sends: 0 },
	},
	{
		// The integration workspace always has a folder: the extension host cannot drop its first folder without
		// restarting (and ending these tests). A file outside every folder takes the same path as one with none:
		// workspace.asRelativePath finds no folder for it.
		name: 'file outside any workspace folder (Explain Selection)',
		arrange: async () => {
			const file = path.join(outsideDir, 'notes.py');
			fs.writeFileSync(file, 'print("outside")\n');
			await openWithSelection(await vscode.workspace.openTextDocument(vscode.Uri.file(file)), all);
			return { command: 'claudeAssistant.explainSelection' };
		},
		expect: { sends: 1, turn: /^Explain `notes\.py` line 1$/, prompt: /from `notes\.py` \(line 1, language: python\)/ },
	},
	{
		name: 'notebook cell (Explain Selection)',
		arrange: async () => {
			await openWithSelection((await openNotebook()).cellAt(1).document, all);
			return { command: 'claudeAssistant.explainSelection' };
		},
		expect: { sends: 1, turn: /^Explain `Untitled-\d+\.ipynb, cell 2` lines 1–2$/, prompt: /`Untitled-\d+\.ipynb, cell 2` \(lines 1–2, language: python\)[^]*return x \* 2/ },
	},
	{
		name: 'notebook cell, the cursor in it (Summarize File: the cell, which has no file of its own)',
		arrange: async () => {
			await openWithSelection((await openNotebook()).cellAt(1).document, () => new vscode.Selection(0, 0, 0, 0));
			return { command: 'claudeAssistant.summarizeFile' };
		},
		expect: { sends: 1, turn: /^Summarize `Untitled-\d+\.ipynb, cell 2`$/, prompt: /def double\(x\)/ },
	},
	{
		name: 'non-UTF-8 text reopened as Windows-1252 (Summarize File sends what the editor shows)',
		arrange: async () => {
			const uri = writeFixture('latin1-open.txt', Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1'));
			await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri, { encoding: 'windows1252' }));
			return { command: 'claudeAssistant.summarizeFile' };
		},
		expect: { sends: 1, turn: /^Summarize `bad-input\/latin1-open\.txt`$/, prompt: /Café crème brûlée/ },
	},
	{
		name: 'file deleted between the click and the read (Summarize File from the explorer)',
		arrange: async () => {
			const uri = writeFixture('gone.ts', 'export const gone = true;\n');
			fs.rmSync(uri.fsPath);
			return { command: 'claudeAssistant.summarizeFile', arg: uri };
		},
		expect: { notification: /^bad-input\/gone\.ts no longer exists \(deleted or moved\); nothing was sent\./, notice: /gone\.ts no longer exists/, sends: 0 },
	},
];

describe('bad input', function () {
	this.timeout(120_000);
	const fake = useFakeAnthropic();
	let passed = 0;
	let ran = 0;

	afterEach(async function () {
		ran++;
		if (this.currentTest?.state === 'passed') {
			passed++;
		}
		// untitled documents are dirty: revert them so closing asks nothing
		for (let i = 0; i < 10 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		}
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});
	after(() => {
		fs.rmSync(workspaceUri('bad-input').fsPath, { recursive: true, force: true });
		fs.rmSync(outsideDir, { recursive: true, force: true });
		console.log(`      bad-input: ${passed}/${ran} cases`);
	});

	for (const c of CASES) {
		it(c.name, async () => {
			const { command, arg } = await c.arrange();
			const notices: string[] = [];
			const sub = fake.api.onViewMessage((m) => {
				if (m.type === 'notice') {
					notices.push(m.message);
				}
			});
			const shown = captureMessages();
			const terminal = c.expect.sends > 0 ? nextTerminal(fake.api, 30_000) : undefined;
			try {
				await vscode.commands.executeCommand(command, ...(arg ? [arg] : []));
				assert.equal((await terminal)?.type ?? 'chat/done', 'chat/done');
			} finally {
				shown.restore();
				sub.dispose();
			}
			const sent = fake.server.requests.filter((r) => r.method === 'POST');
			assert.equal(sent.length, c.expect.sends, `sent: ${sent.map((r) => r.path).join(', ')}`);
			if (c.expect.notification) {
				assert.ok(shown.messages.some((m) => c.expect.notification!.test(m)), `notifications: ${JSON.stringify(shown.messages)}`);
			} else {
				assert.deepEqual(shown.messages, [], 'no notification');
			}
			if (c.expect.notice) {
				assert.ok(notices.some((m) => c.expect.notice!.test(m)), `chat notices: ${JSON.stringify(notices)}`);
			}
			if (c.expect.turn) {
				assert.match(fake.api.snapshot().turns[0]?.text ?? '', c.expect.turn);
			}
			if (c.expect.prompt) {
				assert.match(JSON.stringify(sent[0]?.body.messages), c.expect.prompt);
			}
		});
	}
});
