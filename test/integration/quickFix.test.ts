import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stubWindow, useFakeAnthropic, waitFor, workspaceUri } from './helpers';

const FILE = ['quickfix', 'total.ts'];
const ORIGINAL = [
	'// totals',
	'export function total(xs: number[]): number {',
	'\tconst sum: number = "0";',
	'\treturn xs.reduce((a, b) => a + b, sum);',
	'}',
	'',
].join('\n');

describe('Quick Fix with Claude: the lightbulb\'s actions on a real diagnostic', function () {
	this.timeout(60_000);
	const fake = useFakeAnthropic();
	const diagnostics = vscode.languages.createDiagnosticCollection('claude-quickfix-test');
	let doc: vscode.TextDocument;
	let problem: vscode.Diagnostic;

	before(async () => {
		await vscode.workspace.fs.writeFile(workspaceUri(...FILE), new TextEncoder().encode(ORIGINAL));
	});
	after(async () => {
		diagnostics.dispose();
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await vscode.workspace.fs.delete(workspaceUri('quickfix'), { recursive: true, useTrash: false });
	});
	beforeEach(async () => {
		doc = await vscode.workspace.openTextDocument(workspaceUri(...FILE));
		const editor = await vscode.window.showTextDocument(doc);
		if (doc.getText() !== ORIGINAL) {
			await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), ORIGINAL));
			await doc.save();
		}
		problem = new vscode.Diagnostic(new vscode.Range(2, 8, 2, 11), 'Type \'string\' is not assignable to type \'number\'.', vscode.DiagnosticSeverity.Error);
		problem.source = 'ts';
		problem.code = 2322;
		diagnostics.set(doc.uri, [problem]);
	});

	/** What the lightbulb offers at the problem, as VS Code asks every provider for it. */
	async function quickFixes(): Promise<vscode.CodeAction[]> {
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, problem.range, vscode.CodeActionKind.QuickFix.value);
		return actions.filter((a) => a.title.includes('Claude'));
	}

	it('offers Fix with Claude and Explain this problem with Claude on the problem, as quick fixes', async () => {
		const actions = await quickFixes();
		assert.deepEqual(actions.map((a) => [a.title, a.kind?.value, a.command?.command]), [
			['Fix with Claude', 'quickfix', 'claudeAssistant.fixProblem'],
			['Explain this problem with Claude', 'quickfix', 'claudeAssistant.explainProblem'],
		]);
	});

	it('Explain sends the problem, its source and code, and the lines around it to the chat', async () => {
		fake.server.enqueue({ text: 'The constant is a string.' });
		const [, explain] = await quickFixes();
		await vscode.commands.executeCommand(explain.command!.command, ...(explain.command!.arguments ?? []));
		const [request] = fake.server.messageRequests();
		const content = JSON.stringify(request.body.messages.at(-1).content);
		assert.match(content, /VS Code reports this problem: error 2322 from ts at line 3 of `quickfix\/total\.ts`: \\"Type 'string' is not assignable to type 'number'\.\\"/);
		assert.match(content, /lines 1–5 \(language: typescript\)/);
		assert.match(content, /const sum: number = \\"0\\";/);
		assert.equal(request.body.model, 'claude-haiku-5-5', 'the Explain model');
		const turns = fake.api.snapshot().turns;
		assert.equal(turns.at(-2)?.role === 'user' && turns.at(-2)?.text, 'Explain the problem at `quickfix/total.ts` line 3');
	});

	it('Fix asks for the corrected lines, then shows them as a diff and applies them on Apply, one Undo step', async () => {
		const fixed = ['// totals', 'export function total(xs: number[]): number {', '\tconst sum = 0;', '\treturn xs.reduce((a, b) => a + b, sum);', '}'].join('\n');
		fake.server.enqueue({ text: `Here is the fix:\n\n\`\`\`ts\n${fixed}\n\`\`\`\n\nThe initial value was a string.` });
		let diffOpen = false;
		const apply = stubWindow('showInformationMessage', (message) => {
			diffOpen = vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff);
			return String(message).startsWith('Replace lines 1–5 of total.ts') ? 'Apply' : undefined;
		});
		try {
			const [fix] = await quickFixes();
			await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
		} finally {
			apply.restore();
		}
		assert.equal(apply.calls.length, 1, 'asked Apply / Cancel once');
		assert.ok(diffOpen, 'the diff was open while it asked');
		assert.equal(doc.getText(), `${fixed}\n`);
		const request = fake.server.messageRequests()[0];
		assert.match(JSON.stringify(request.body.messages.at(-1).content), /ready to replace those lines as they are/);
		await vscode.window.showTextDocument(doc);
		await vscode.commands.executeCommand('undo');
		assert.equal(doc.getText(), ORIGINAL);
	});

	it('Fix changes nothing when the answer has no code block, and says so', async () => {
		fake.server.enqueue({ text: 'I cannot see a problem here.' });
		const notices: string[] = [];
		const sub = fake.api.onViewMessage((m) => m.type === 'notice' && notices.push(m.message));
		const apply = stubWindow('showInformationMessage', () => 'Apply');
		try {
			const [fix] = await quickFixes();
			await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
		} finally {
			apply.restore();
			sub.dispose();
		}
		assert.equal(apply.calls.length, 0);
		assert.equal(doc.getText(), ORIGINAL);
		await waitFor(() => notices.length > 0);
		assert.deepEqual(notices, ['Claude\'s answer has no code block to apply; nothing was changed.']);
	});
});
