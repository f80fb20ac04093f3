import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { nextTerminal, useFakeAnthropic, waitFor, workspaceUri } from './helpers';

/**
 * Replaces a vscode.window / vscode.env function for one action, answering with `answer(args)` and recording what
 * it was called with (the tests share the extension's `vscode` API object, as helpers.captureMessages does).
 */
function stub(target: object, name: string, answer: (args: unknown[]) => unknown): { calls: unknown[][]; restore(): void } {
	const t = target as Record<string, (...a: unknown[]) => unknown>;
	const original = t[name];
	const calls: unknown[][] = [];
	t[name] = async (...args: unknown[]) => {
		calls.push(args);
		return answer(args);
	};
	return { calls, restore: () => { t[name] = original; } };
}

let scratchCount = 0;

/**
 * An untitled editor with `content` (never a workspace file: other suites read src/sample.ts as it is). Each gets a
 * name of its own: a reused "Untitled-1" can briefly map to the closed document's stale text in the extension host.
 */
async function scratch(content: string, extension = 'ts'): Promise<vscode.TextEditor> {
	const uri = vscode.Uri.from({ scheme: 'untitled', path: `/scratch-${Date.now()}-${++scratchCount}.${extension}` });
	const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
	assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), content)));
	return editor;
}

/** Closes every editor without a save prompt (untitled scratch documents are reverted, not saved). */
async function closeAll(): Promise<void> {
	const open = () => vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
	for (let i = 0; open() > 0 && i < 20; i++) {
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	}
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function diffTabs(): vscode.Tab[] {
	return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);
}

describe('Code block actions and links (host side of code/* and link/open)', function () {
	this.timeout(30_000);
	const fake = useFakeAnthropic();
	let notices: string[];
	let noticeListener: vscode.Disposable;

	beforeEach(() => {
		notices = [];
		noticeListener = fake.api.onViewMessage((m) => m.type === 'notice' && notices.push(m.message));
	});
	afterEach(async () => {
		noticeListener.dispose();
		await closeAll();
	});

	it('Insert at Cursor inserts the code at the active editor\'s cursor, as one undoable edit', async () => {
		const editor = await scratch('const a = 1;\n\nconst c = 3;\n');
		editor.selection = new vscode.Selection(1, 0, 1, 0);
		await fake.api.viewMessage({ type: 'code/insert', code: 'const b = 2;\n', language: 'ts' });
		assert.equal(editor.document.getText(), 'const a = 1;\nconst b = 2;\n\nconst c = 3;\n');
		await vscode.window.showTextDocument(editor.document); // Undo acts on the focused editor, as in the Replace test below
		await vscode.commands.executeCommand('undo');
		assert.equal(editor.document.getText(), 'const a = 1;\n\nconst c = 3;\n');
		assert.deepEqual(notices, []);
	});

	it('Insert at Cursor still targets the editor after the chat view took the focus', async () => {
		const editor = await scratch('x = ;\n', 'py');
		editor.selection = new vscode.Selection(0, 4, 0, 4);
		await vscode.commands.executeCommand('claudeAssistant.openChat');
		await fake.api.viewMessage({ type: 'code/insert', code: '42\n', language: 'py' });
		assert.equal(editor.document.getText(), 'x = 42;\n', 'inside a line, the block\'s final newline is dropped');
	});

	it('Insert at Cursor with no editor open says so in the chat and changes nothing', async () => {
		await closeAll();
		await fake.api.viewMessage({ type: 'code/insert', code: 'x', language: '' });
		assert.equal(notices.length, 1);
		assert.match(notices[0], /No editor to put the code in/);
	});

	it('Replace Selection shows a diff and changes nothing when cancelled', async () => {
		const original = 'function f() {\n\treturn old();\n}\n';
		const editor = await scratch(original);
		editor.selection = new vscode.Selection(1, 1, 1, 14); // "return old();"
		const seen: Array<{ diff: number; right: string; text: string }> = [];
		const ask = stub(vscode.window, 'showInformationMessage', async () => {
			const tab = diffTabs()[0];
			const right = tab ? (await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified)).getText() : '';
			seen.push({ diff: diffTabs().length, right, text: editor.document.getText() });
			return 'Cancel';
		});
		try {
			await fake.api.viewMessage({ type: 'code/replace', code: 'return fresh();\n', language: 'ts' });
		} finally {
			ask.restore();
		}
		assert.equal(ask.calls.length, 1);
		assert.match(String(ask.calls[0][0]), /^Replace line 2 of scratch-\d+-\d+\.ts with Claude's code\?/);
		assert.deepEqual(ask.calls[0].slice(1), ['Apply', 'Cancel']);
		assert.deepEqual(seen, [{ diff: 1, right: 'function f() {\n\treturn fresh();\n}\n', text: original }], 'the diff is open while the user decides');
		assert.equal(editor.document.getText(), original, 'Cancel changes nothing');
		assert.equal(diffTabs().length, 0, 'the diff is closed');
	});

	it('Replace Selection applied replaces exactly the selection (and Undo takes it back)', async () => {
		const original = 'a();\nb();\nc();\nd();\n';
		const editor = await scratch(original);
		editor.selection = new vscode.Selection(1, 0, 3, 0); // lines 2–3 with their line break
		const ask = stub(vscode.window, 'showInformationMessage', () => 'Apply');
		try {
			await fake.api.viewMessage({ type: 'code/replace', code: 'B();\nC();\n', language: 'ts' });
		} finally {
			ask.restore();
		}
		assert.match(String(ask.calls[0][0]), /^Replace lines 2–3 of /);
		assert.equal(editor.document.getText(), 'a();\nB();\nC();\nd();\n');
		assert.equal(diffTabs().length, 0);
		assert.deepEqual(notices, []);
		await vscode.window.showTextDocument(editor.document);
		await vscode.commands.executeCommand('undo');
		assert.equal(editor.document.getText(), original);
	});

	it('Replace Selection does not apply a preview that went stale, nor run without a selection', async () => {
		const editor = await scratch('one\ntwo\n');
		editor.selection = new vscode.Selection(0, 0, 0, 3);
		const ask = stub(vscode.window, 'showInformationMessage', async () => {
			// the user edits the document (e.g. in the diff's left side) before answering
			const edit = new vscode.WorkspaceEdit();
			edit.insert(editor.document.uri, new vscode.Position(1, 0), 'typed meanwhile ');
			assert.ok(await vscode.workspace.applyEdit(edit));
			return 'Apply';
		});
		try {
			await fake.api.viewMessage({ type: 'code/replace', code: 'ONE', language: '' });
			// the diff replaced the editor in its group; closing it showed the document in a new TextEditor
			const shown = vscode.window.activeTextEditor;
			assert.equal(shown?.document, editor.document);
			shown.selection = new vscode.Selection(0, 0, 0, 0);
			await fake.api.viewMessage({ type: 'code/replace', code: 'ONE', language: '' });
		} finally {
			ask.restore();
		}
		assert.equal(editor.document.getText(), 'one\ntyped meanwhile two\n');
		assert.equal(ask.calls.length, 1, 'no question without a selection');
		assert.match(notices[0], /changed while the diff was open; nothing was replaced/);
		assert.match(notices[1], /Select the code to replace/);
	});

	it('New File opens an untitled document with the code in the fence\'s language', async () => {
		await fake.api.viewMessage({ type: 'code/newFile', code: 'print("hi")\n', language: 'py' });
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor?.document.isUntitled);
		assert.equal(editor.document.languageId, 'python');
		assert.equal(editor.document.getText(), 'print("hi")\n');
		await fake.api.viewMessage({ type: 'code/newFile', code: 'whatever', language: 'no-such-lang' });
		assert.equal(vscode.window.activeTextEditor?.document.languageId, 'plaintext');
	});

	it('link/open opens http(s) in the browser and refuses every other scheme with a notice', async () => {
		const open = stub(vscode.env, 'openExternal', () => true);
		try {
			for (const url of ['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'vscode://x.y/z', './notes.md', 'data:text/html,hi']) {
				await fake.api.viewMessage({ type: 'link/open', url });
			}
			assert.equal(open.calls.length, 0, 'nothing but http(s) is opened');
			assert.equal(notices.length, 6);
			assert.ok(notices.every((n) => /^Only http\(s\) links open from the chat/.test(n)), notices.join(' | '));
			await fake.api.viewMessage({ type: 'link/open', url: 'https://example.com/docs?a=1' });
			assert.equal(open.calls.length, 1);
			// VS Code opens a Uri as encodeURI(uri.toString(true)): the URL as written
			assert.equal((open.calls[0][0] as vscode.Uri).toString(true), 'https://example.com/docs?a=1');
		} finally {
			open.restore();
		}
	});
});

describe('Ask About Selection and custom actions', function () {
	this.timeout(30_000);
	const fake = useFakeAnthropic();
	const config = () => vscode.workspace.getConfiguration('claudeAssistant');

	async function selectSample(from: number, to: number): Promise<string> {
		const doc = await vscode.workspace.openTextDocument(workspaceUri('src', 'sample.ts'));
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(from - 1, 0, to - 1, doc.lineAt(to - 1).text.length);
		return doc.getText(editor.selection);
	}

	it('Ask About Selection sends the question with the selection to the chat model', async () => {
		fake.server.enqueue({ text: 'Because.' });
		const code = await selectSample(4, 6);
		const input = stub(vscode.window, 'showInputBox', () => '  Why a function?  ');
		const terminal = nextTerminal(fake.api);
		try {
			await vscode.commands.executeCommand('claudeAssistant.askAboutSelection');
		} finally {
			input.restore();
		}
		assert.equal((await terminal).type, 'chat/done');
		const options = input.calls[0][0] as vscode.InputBoxOptions;
		assert.equal(options.title, 'Claude: Ask About Selection');
		assert.match(options.prompt ?? '', /src\/sample\.ts, lines 4–6\) is attached/);
		const [req] = fake.server.messageRequests();
		assert.equal(req.body.model, 'claude-sonnet-5-5');
		const prompt = req.body.messages[0].content as string;
		assert.ok(prompt.startsWith('Why a function?'), prompt);
		assert.ok(prompt.includes(`\`\`\`typescript\n${code}\n\`\`\``), prompt);
		const user = fake.api.snapshot().turns[0];
		assert.equal(user.text, 'Why a function?');
		assert.equal(user.role === 'user' && user.code?.text, code);
	});

	it('Ask About Selection with an empty or cancelled question sends nothing', async () => {
		await selectSample(4, 6);
		for (const answer of ['  ', undefined]) {
			const input = stub(vscode.window, 'showInputBox', () => answer);
			try {
				await vscode.commands.executeCommand('claudeAssistant.askAboutSelection');
			} finally {
				input.restore();
			}
		}
		assert.equal(fake.server.messageRequests().length, 0);
		assert.equal(fake.api.snapshot().turns.length, 0);
	});

	it('Run Custom Action picks an action by title, fills its template and sends it (bad entries skipped)', async () => {
		await config().update('customActions', [
			{ title: 'Broken', prompt: 'uses {{nope}}' },
			{ title: 'Find security issues', prompt: 'Review this {{language}} from {{file}} for security issues:\n{{selection}}' },
			{ title: 'Simplify', prompt: 'Simplify it.' },
		], vscode.ConfigurationTarget.Global);
		try {
			fake.server.enqueue({ text: 'Looks safe.' });
			const code = await selectSample(9, 11);
			const pick = stub(vscode.window, 'showQuickPick', ([items]) => (items as Array<{ label: string }>).find((i) => i.label === 'Find security issues'));
			const terminal = nextTerminal(fake.api);
			try {
				await vscode.commands.executeCommand('claudeAssistant.runCustomAction');
			} finally {
				pick.restore();
			}
			assert.equal((await terminal).type, 'chat/done');
			assert.deepEqual((pick.calls[0][0] as Array<{ label: string }>).map((i) => i.label), ['Find security issues', 'Simplify']);
			const [req] = fake.server.messageRequests();
			assert.equal(req.body.model, 'claude-sonnet-5-5');
			assert.equal(req.body.messages[0].content, `Review this typescript from src/sample.ts for security issues:\n\`\`\`typescript\n${code}\n\`\`\``);
			assert.equal(fake.api.snapshot().turns[0].text, 'Find security issues: `src/sample.ts` lines 9–11');
		} finally {
			await config().update('customActions', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('Run Custom Action without any actions offers the setting and sends nothing', async () => {
		await selectSample(9, 11);
		const info = stub(vscode.window, 'showInformationMessage', () => undefined);
		try {
			await vscode.commands.executeCommand('claudeAssistant.runCustomAction');
		} finally {
			info.restore();
		}
		assert.match(String(info.calls[0][0]), /^No custom actions: none are defined/);
		assert.equal(fake.server.messageRequests().length, 0);
	});

	it('Focus Chat reveals the chat view', async () => {
		await vscode.commands.executeCommand('workbench.action.closeSidebar');
		await vscode.commands.executeCommand('claudeAssistant.focusChat');
		await waitFor(() => fake.api.chatViewVisible());
	});
});
