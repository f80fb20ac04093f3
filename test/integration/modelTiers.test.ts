import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ModelItem, RoleItem } from '../../src/core/models/modelChoices';
import { captureMessages, nextTerminal, useFakeAnthropic, workspaceUri } from './helpers';

/**
 * Replaces a vscode.window function for one command run, answering with `answers` in order and recording what the
 * command passed (items and options), the way helpers.answerInputBox does for input boxes.
 */
function stubWindow<T>(name: 'showQuickPick' | 'showInputBox', answers: Array<(args: unknown[]) => T | undefined>): { calls: unknown[][]; restore(): void } {
	const w = vscode.window as unknown as Record<string, (...a: unknown[]) => Thenable<unknown>>;
	const original = w[name];
	const calls: unknown[][] = [];
	w[name] = async (...args: unknown[]) => {
		const resolved = await Promise.all(args);
		calls.push(resolved);
		return answers.shift()?.(resolved);
	};
	return { calls, restore: () => { w[name] = original; } };
}

/** Opens the sample file with lines `from`..`to` (1-based, whole lines) selected; returns the selected text. */
async function selectSample(from: number, to: number): Promise<string> {
	const doc = await vscode.workspace.openTextDocument(workspaceUri('src', 'sample.ts'));
	const editor = await vscode.window.showTextDocument(doc);
	editor.selection = new vscode.Selection(from - 1, 0, to - 1, doc.lineAt(to - 1).text.length);
	return doc.getText(editor.selection);
}

describe('Model tiers: Fix / Write Tests / Add Docs, Ask Opus, Choose Models', function () {
	this.timeout(30_000);
	const fake = useFakeAnthropic();
	const config = () => vscode.workspace.getConfiguration('claudeAssistant');


	const selectionCases = [
		{ id: 'claudeAssistant.fixSelection', model: 'claude-sonnet-5-5', heading: 'Fix `src/sample.ts` lines 9–11', asks: /fixed code in one fenced code block/ },
		{ id: 'claudeAssistant.writeTests', model: 'claude-sonnet-5-5', heading: 'Write tests for `src/sample.ts` lines 9–11', asks: /Vitest, Jest or Mocha/ },
		{ id: 'claudeAssistant.addDocs', model: 'claude-haiku-5-5', heading: 'Add docs to `src/sample.ts` lines 9–11', asks: /TSDoc\/JSDoc/ },
	];
	for (const c of selectionCases) {
		it(`${c.id} sends the selection to ${c.model} with its own prompt`, async () => {
			fake.server.enqueue({ text: 'done' });
			const code = await selectSample(9, 11);
			const terminal = nextTerminal(fake.api);
			await vscode.commands.executeCommand(c.id);
			assert.equal((await terminal).type, 'chat/done');
			const [req] = fake.server.messageRequests();
			assert.equal(req.body.model, c.model);
			const prompt = req.body.messages[0].content as string;
			assert.ok(prompt.includes(code), prompt);
			assert.ok(prompt.includes('src/sample.ts') && prompt.includes('lines 9–11'), prompt);
			assert.match(prompt, c.asks);
			const user = fake.api.snapshot().turns[0];
			assert.equal(user.text, c.heading);
			assert.equal(user.role === 'user' && user.code?.text, code, 'the selection is attached to the turn');
		});
	}

	it('the selection commands say "Select some code first" without a selection and send nothing', async () => {
		const doc = await vscode.workspace.openTextDocument(workspaceUri('src', 'sample.ts'));
		(await vscode.window.showTextDocument(doc)).selection = new vscode.Selection(0, 0, 0, 0);
		for (const id of ['claudeAssistant.fixSelection', 'claudeAssistant.writeTests', 'claudeAssistant.addDocs']) {
			const shown = captureMessages();
			try {
				await vscode.commands.executeCommand(id);
			} finally {
				shown.restore();
			}
			assert.ok(shown.messages.includes('Select some code first'), `${id}: ${shown.messages.join(' | ')}`);
		}
		assert.equal(fake.server.messageRequests().length, 0);
	});

	/** Runs Ask Opus answering its input box with `question`; resolves once the answer is done, with the box's calls. */
	async function askOpus(question: string): Promise<{ calls: unknown[][] }> {
		const input = stubWindow('showInputBox', [() => question]);
		const terminal = nextTerminal(fake.api);
		try {
			await vscode.commands.executeCommand('claudeAssistant.askOpus');
		} finally {
			input.restore();
		}
		assert.equal((await terminal).type, 'chat/done');
		return input;
	}

	it('Ask Opus names the model and its price, sends the question with the selection to claude-opus-5-5', async () => {
		fake.server.enqueue({ text: 'a deep answer' });
		const code = await selectSample(4, 6);
		const input = await askOpus('  Can this overflow?  ');
		const options = input.calls[0][0] as vscode.InputBoxOptions;
		assert.equal(options.placeHolder, 'Ask Claude Opus (claude-opus-5-5, $4 / $20 per MTok)…');
		assert.match(options.prompt ?? '', /src\/sample\.ts, lines 4–6\) is attached/);
		const [req] = fake.server.messageRequests();
		assert.equal(req.body.model, 'claude-opus-5-5');
		const prompt = req.body.messages[0].content as string;
		assert.ok(prompt.startsWith('Can this overflow?'), prompt);
		assert.ok(prompt.includes(code), prompt);
		assert.equal(fake.api.snapshot().turns[0].text, 'Can this overflow?');
	});

	it('Ask Opus without a selection sends the question alone', async () => {
		fake.server.enqueue({ text: 'answer' });
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await askOpus('What is a monad?');
		const [req] = fake.server.messageRequests();
		assert.equal(req.body.model, 'claude-opus-5-5');
		assert.equal(JSON.stringify(req.body.messages).includes('What is a monad?'), true);
		const user = fake.api.snapshot().turns[0];
		assert.equal(user.role === 'user' && user.code, undefined);
	});

	it('Ask Opus with an empty or cancelled question sends nothing', async () => {
		await selectSample(4, 6);
		for (const answer of ['   ', undefined]) {
			const input = stubWindow('showInputBox', [() => answer]);
			try {
				await vscode.commands.executeCommand('claudeAssistant.askOpus');
			} finally {
				input.restore();
			}
			assert.equal(input.calls.length, 1, 'the input box was shown');
		}
		assert.equal(fake.server.messageRequests().length, 0);
		assert.equal(fake.api.snapshot().turns.length, 0);
	});

	it('Choose Models shows roles and models with prices and writes the choice to user settings', async () => {
		const pick = stubWindow<RoleItem | ModelItem>('showQuickPick', [
			([items]) => (items as RoleItem[]).find((i) => i.role === 'addDocs'),
			([items]) => (items as ModelItem[]).find((i) => i.model === 'claude-sonnet-5-5'),
		]);
		const shown = captureMessages();
		try {
			await vscode.commands.executeCommand('claudeAssistant.chooseModels');
		} finally {
			pick.restore();
			shown.restore();
		}
		try {
			const roles = pick.calls[0][0] as RoleItem[];
			assert.deepEqual(roles.find((r) => r.role === 'askOpus')?.description, 'claude-opus-5-5 · $4 / $20 per MTok');
			assert.deepEqual(roles.find((r) => r.role === 'fixSelection')?.description, 'claude-sonnet-5-5 (chat model) · $2 / $10 per MTok');
			const models = pick.calls[1][0] as ModelItem[];
			assert.equal(models[0].label, 'claude-haiku-5-5');
			assert.equal(models[0].description, '$0.10 / $0.50 per MTok · current · default');
			assert.equal(models.find((m) => m.label === 'claude-opus-5-5')?.description, '$4 / $20 per MTok');
			assert.equal((config().inspect('commandModels')?.globalValue as Record<string, string>).addDocs, 'claude-sonnet-5-5');
			assert.ok(shown.messages.includes('Add Docs now uses claude-sonnet-5-5, $2 / $10 per MTok.'), shown.messages.join(' | '));

			// the next Add Docs request uses the chosen model; the other commands keep their defaults
			fake.server.enqueue({ text: 'docs' });
			await selectSample(3, 6);
			const terminal = nextTerminal(fake.api);
			await vscode.commands.executeCommand('claudeAssistant.addDocs');
			await terminal;
			assert.equal(fake.server.messageRequests()[0].body.model, 'claude-sonnet-5-5');
			assert.equal(config().get<Record<string, string>>('commandModels')?.explainSelection, 'claude-haiku-5-5');
		} finally {
			await config().update('commandModels', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('Choose Models writes the chat model to claudeAssistant.model; Escape changes nothing', async () => {
		const pick = stubWindow<RoleItem | ModelItem>('showQuickPick', [
			([items]) => (items as RoleItem[]).find((i) => i.role === 'chat'),
			([items]) => (items as ModelItem[]).find((i) => i.model === 'claude-opus-5-5'),
			() => undefined,
		]);
		const shown = captureMessages();
		try {
			await vscode.commands.executeCommand('claudeAssistant.chooseModels');
			assert.equal(config().inspect('model')?.globalValue, 'claude-opus-5-5');
			await vscode.commands.executeCommand('claudeAssistant.chooseModels');
			assert.equal(pick.calls.length, 3);
			assert.equal(config().inspect('model')?.globalValue, 'claude-opus-5-5');
		} finally {
			pick.restore();
			shown.restore();
			await config().update('model', undefined, vscode.ConfigurationTarget.Global);
		}
	});
});
