import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AssistantTurn } from '../../src/shared/protocol';
import { LedgerTotals } from '../../src/core/usage/ledgerTotals';
import { ask, captureMessages, clearKey, nextTerminal, runCapturing, TEST_KEY, useBaseUrl, useFakeAnthropic, waitFor, workspaceUri } from './helpers';

describe('Claude Assistant inside VS Code', function () {
	this.timeout(30_000);
	const fake = useFakeAnthropic();


	it('Set API Key stores the key in SecretStorage and checks it with one models call; Clear deletes it', async () => {
		await clearKey();
		const shown = await runCapturing('claudeAssistant.setApiKey', { inputs: [`  ${TEST_KEY}  `] });
		assert.equal(await fake.api.keySource(), 'secretStorage');
		// the key check is one `limit=1` call (the model picker's list, refreshed for a new key, asks for 100)
		const check = fake.server.requests.filter((r) => r.path === '/v1/models' && r.query.limit === '1');
		assert.equal(check.length, 1);
		assert.equal(check[0].headers.authorization, `Bearer ${TEST_KEY}`);
		assert.ok(shown.some((m) => m.startsWith('API key saved and valid.')), shown.join(' | '));
		const settings = JSON.stringify(vscode.workspace.getConfiguration('claudeAssistant'));
		assert.ok(!settings.includes(TEST_KEY), 'the key is not in settings');

		const cleared = await runCapturing('claudeAssistant.clearApiKey');
		assert.equal(await fake.api.keySource(), 'none');
		assert.ok(cleared.includes('Stored API key cleared.'));
	});

	it('Set API Key says where the key lives when it will not last: in code-server, this browser only, for its address', async () => {
		const { uiKind, remoteName, appHost } = vscode.env;
		console.log(`      vscode.env: ${JSON.stringify({ uiKind: vscode.UIKind[uiKind], remoteName, appHost })}`);
		const shown = await runCapturing('claudeAssistant.setApiKey', { inputs: [TEST_KEY] });
		await waitFor(() => fake.api.statusBar().tooltip.includes('API key: SecretStorage'));
		const keyLine = fake.api.statusBar().tooltip.split('\n').find((l) => l.startsWith('API key:'));
		if (uiKind === vscode.UIKind.Desktop) {
			// the OS keychain: the key lasts, and nothing extra is said
			assert.deepEqual(shown, ['API key saved and valid.']);
			assert.equal(keyLine, 'API key: SecretStorage');
		} else {
			// code-server: VS Code for the Web (appHost server-distro) keeps secrets in the browser's storage for the
			// address the page was opened on, which VS Code reports as remoteName
			assert.equal(appHost, 'server-distro');
			assert.match(remoteName ?? '', /^127\.0\.0\.1:\d+$/);
			assert.deepEqual(shown, [
				`API key saved and valid. It is kept in this browser only, for ${remoteName}: this VS Code keeps secrets in the browser's storage, not on the server, `
				+ 'so another browser, a private window or the server on another address or port starts without it. '
				+ 'To keep it, set ANTHROPIC_API_KEY in the server\'s environment.',
			]);
			assert.equal(keyLine, `API key: SecretStorage, kept in this browser only, for ${remoteName} \\(another browser or port starts without it; ANTHROPIC\\_API\\_KEY in the server's environment lasts\\)`);
		}
	});

	it('Set API Key says "rejected" for a key the API refuses, and refuses empty input', async () => {
		const shown = await runCapturing('claudeAssistant.setApiKey', { inputs: ['sk-ant-wrong-key'] });
		assert.ok(shown.some((m) => m.includes('rejected')), shown.join(' | '));
		const shown2 = await runCapturing('claudeAssistant.setApiKey', { inputs: ['   '] });
		assert.ok(shown2.some((m) => m.includes('empty')));
		fake.server.reset();
		const end = await ask(fake.api, 'which key?');
		assert.equal(end.type === 'chat/error' && end.error.kind, 'auth');
		assert.equal(fake.server.messageRequests()[0]?.headers.authorization, 'Bearer sk-ant-wrong-key', 'empty input did not replace the key');
	});

	it('Explain Selection sends the selection, file name, line range, configured model and key; the chat opens', async () => {
		fake.server.enqueue({ text: 'This function adds numbers.\n\n```ts\nadd(1, 2)\n```' });
		const doc = await vscode.workspace.openTextDocument(workspaceUri('src', 'sample.ts'));
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(2, 0, 9, doc.lineAt(9).text.length);
		const terminal = nextTerminal(fake.api);
		await vscode.commands.executeCommand('claudeAssistant.explainSelection');
		const end = await terminal;
		assert.equal(end.type, 'chat/done');
		const [req] = fake.server.messageRequests();
		assert.equal(req.body.model, 'claude-haiku-5-5');
		assert.equal(req.apiKey, TEST_KEY);
		const prompt = req.body.messages[0].content as string;
		assert.ok(prompt.includes('src/sample.ts'), prompt);
		assert.ok(prompt.includes('3') && prompt.includes('10'));
		assert.ok(prompt.includes(doc.getText(editor.selection)));
		assert.ok(prompt.includes('typescript'));
		const user = fake.api.snapshot().turns[0];
		assert.equal(user.text, 'Explain `src/sample.ts` lines 3–10');
		await waitFor(() => fake.api.chatViewVisible());
		const answer = fake.api.snapshot().turns[1] as AssistantTurn;
		assert.equal(answer.text, 'This function adds numbers.\n\n```ts\nadd(1, 2)\n```');
	});

	it('Explain Selection with no selection says "Select some code first" and sends nothing', async () => {
		const doc = await vscode.workspace.openTextDocument(workspaceUri('src', 'sample.ts'));
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(0, 0, 0, 0);
		const shown = await runCapturing('claudeAssistant.explainSelection');
		assert.ok(shown.includes('Select some code first'));
		assert.equal(fake.server.messageRequests().length, 0);
	});

	it('Summarize File works on a URI that is not open, with the file model', async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		fake.server.enqueue({ text: 'A README.' });
		const terminal = nextTerminal(fake.api);
		await vscode.commands.executeCommand('claudeAssistant.summarizeFile', workspaceUri('README.md'));
		assert.equal((await terminal).type, 'chat/done');
		const [req] = fake.server.messageRequests();
		assert.equal(req.body.model, 'claude-haiku-5-5');
		const content = req.body.messages[0].content as string;
		assert.ok(content.includes('README.md'));
		assert.ok(content.includes('Sample workspace') || content.length > 50, content.slice(0, 200));
		assert.equal(fake.api.snapshot().turns[0].text, 'Summarize `README.md`');
	});

	it('Summarize File refuses a binary file with a message and sends nothing', async () => {
		const shown = await runCapturing('claudeAssistant.summarizeFile', { args: [workspaceUri('assets', 'logo.bin')] });
		assert.ok(shown.some((m) => m.includes('logo.bin') && /binary/i.test(m)), shown.join(' | '));
		assert.equal(fake.server.messageRequests().length, 0);
	});

	it('with no key: a clear "No API key" message, no request, and the prompt is kept', async () => {
		await clearKey();
		const doc = await vscode.workspace.openTextDocument(workspaceUri('src', 'sample.ts'));
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(0, 0, 4, 0);
		const shown = captureMessages();
		const terminal = nextTerminal(fake.api);
		try {
			await vscode.commands.executeCommand('claudeAssistant.explainSelection');
			const end = await terminal;
			assert.equal(end.type, 'chat/error');
			assert.equal(end.type === 'chat/error' && end.error.kind, 'noKey');
		} finally {
			shown.restore();
		}
		assert.ok(shown.messages.some((m) => m.startsWith('No API key')), shown.messages.join(' | '));
		assert.equal(fake.server.messageRequests().length, 0);
		assert.equal(fake.server.requests.length, 0);
		assert.equal(fake.api.snapshot().turns[0].text, 'Explain `src/sample.ts` lines 1–4');
	});

	it('a base URL that is not a URL: the chat names it (not "No API key"), nothing is sent, the prompt is kept', async () => {
		await useBaseUrl('not a url');
		try {
			const end = await ask(fake.api, 'hello there');
			assert.equal(end.type, 'chat/error');
			const error = end.type === 'chat/error' ? end.error : undefined;
			assert.equal(error?.kind, 'badBaseUrl');
			assert.ok(error?.message.includes('"not a url" is not a valid http(s) URL'), error?.message);
			assert.ok(!/No API key/i.test(error?.message ?? ''), error?.message);
			assert.equal(fake.server.requests.length, 0);
			assert.equal(fake.api.snapshot().turns[0].text, 'hello there');
		} finally {
			await useBaseUrl(fake.server.url);
		}
	});

	it('the status bar shows the fake server\'s usage and the right cost; the tooltip breaks it down', async () => {
		fake.server.enqueue({ text: 'x', usage: { input_tokens: 1200, output_tokens: 340, cache_read_input_tokens: 0 } });
		const terminal = ask(fake.api, 'hello');
		await terminal;
		await waitFor(() => fake.api.statusBar().text.includes('340↓'));
		// claude-sonnet-5-5: $2/MTok in, $10/MTok out → 1200×2e-6 + 340×1e-5 = $0.0058 for this request
		const sessionCost = fake.api.sessionUsage().costUsd;
		assert.ok(fake.api.statusBar().text.includes('1.2k↑ 340↓'), fake.api.statusBar().text);
		assert.ok(sessionCost >= 0.0058 - 1e-9, `session cost ${sessionCost}`);
		assert.ok(fake.api.statusBar().tooltip.includes('claude-sonnet-5-5'), fake.api.statusBar().tooltip);
		assert.ok(/Last request/i.test(fake.api.statusBar().tooltip) && /Today/i.test(fake.api.statusBar().tooltip));
		assert.ok(fake.api.statusBar().tooltip.includes('SecretStorage'));
		assert.ok(!fake.api.statusBar().tooltip.includes(TEST_KEY));
	});

	it('an unknown model shows "cost unknown" until claudeAssistant.pricing gives it a price', async () => {
		const config = vscode.workspace.getConfiguration('claudeAssistant');
		await config.update('model', 'claude-future-1', vscode.ConfigurationTarget.Global);
		try {
			fake.server.enqueue({ text: 'a', usage: { input_tokens: 1000, output_tokens: 100 } });
			let t = ask(fake.api, 'hi');
			assert.equal((await t).turn.costUsd, undefined);
			// never an invented number: the session cost is "cost unknown", or a lower bound "$x+" after priced requests
			assert.match(fake.api.statusBar().text, /cost unknown|\$[\d.]+\+/);
			assert.match(fake.api.statusBar().tooltip, /No price known for: claude-future-1/);
			await config.update('pricing', { 'claude-future-1': { input: 10, output: 100 } }, vscode.ConfigurationTarget.Global);
			fake.server.enqueue({ text: 'b', usage: { input_tokens: 1000, output_tokens: 100 } });
			t = ask(fake.api, 'hi again');
			// 1000 × $10/MTok + 100 × $100/MTok = $0.02
			assert.ok(Math.abs(((await t).turn.costUsd ?? NaN) - 0.02) < 1e-9);
		} finally {
			await config.update('model', undefined, vscode.ConfigurationTarget.Global);
			await config.update('pricing', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('a reached daily budget turns the status bar to error colours and says so in the tooltip', async () => {
		const config = vscode.workspace.getConfiguration('claudeAssistant');
		try {
			await config.update('dailyBudgetUsd', 1000, vscode.ConfigurationTarget.Global);
			fake.server.enqueue({ text: 'c', usage: { input_tokens: 1000, output_tokens: 100 } });
			let t = ask(fake.api, 'spend');
			await t;
			assert.equal(fake.api.budget().level, 'ok');
			assert.equal(fake.api.statusBar().background, undefined);
			await config.update('dailyBudgetUsd', 0.000001, vscode.ConfigurationTarget.Global);
			await waitFor(() => fake.api.statusBar().background === 'statusBarItem.errorBackground');
			assert.equal(fake.api.budget().level, 'over');
			assert.match(fake.api.statusBar().tooltip, /Budget:\*\* daily budget \$0\.00 reached/);
			// at 100% the next request is stopped before anything is sent, and "Send anyway" sends that one
			const before = fake.server.messageRequests().length;
			t = ask(fake.api, 'one more');
			const stopped = await t;
			assert.equal(stopped.type === 'chat/error' && stopped.error.kind, 'budget');
			assert.equal(fake.server.messageRequests().length, before, 'nothing was sent');
			// "Send anyway" is the chat's button (the test handle does not pass on messages that spend): its sending is in
			// test/unit/core/session/chatSession.test.ts, its button in test/unit/webview/footer.test.ts.
		} finally {
			await config.update('dailyBudgetUsd', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('today\'s usage is what the ledger on disk says, so a reload (a fresh reader of the file) keeps it', async () => {
		const todayBefore = fake.api.todayUsage().requests;
		fake.server.enqueue({ text: 'y', usage: { input_tokens: 100, output_tokens: 10 } });
		await ask(fake.api, 'count me');
		await waitFor(() => fake.api.todayUsage().requests === todayBefore + 1);
		const reread = new LedgerTotals(Date.now);
		reread.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(fake.api.ledger.uri)));
		assert.equal(reread.today().requests, fake.api.todayUsage().requests);
		assert.ok(Math.abs(reread.today().costUsd - fake.api.todayUsage().costUsd) < 1e-12);
		assert.ok(fake.api.todayUsage().usage.input >= 100);
	});

	it('max_tokens marks the answer truncated at the configured max_tokens', async () => {
		fake.server.enqueue({ text: 'first half ', stopReason: 'max_tokens' }, { text: 'second half' });
		const t1 = ask(fake.api, 'long answer please');
		const end = await t1;
		assert.equal(end.turn.status, 'truncated');
		assert.equal(end.turn.maxTokens, vscode.workspace.getConfiguration('claudeAssistant').get('maxTokens'));
		// Continue is the chat's button: test/e2e/answers.spec.js clicks it and sees the answer grow.
	});

	it('persists the conversation to the extension\'s storage, as a reload would restore it', async () => {
		fake.server.enqueue({ text: 'persist me' });
		const t = ask(fake.api, 'remember this');
		await t;
		await fake.api.conversations.flush();
		const stored = await fake.api.conversations.stored() as { turns: Array<{ text: string; status?: string }> };
		assert.deepEqual(stored.turns.map((x) => x.text), ['remember this', 'persist me']);
		assert.equal(stored.turns[1].status, 'complete');
		assert.ok(!JSON.stringify(stored).includes(TEST_KEY));
	});
});
