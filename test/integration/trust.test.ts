import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeAnthropicServer } from '../fake-anthropic/server';
import { ask, captureMessages, EXTENSION_ID, TEST_KEY, useFakeAnthropic, waitFor, workspaceUri } from './helpers';

describe('Trust: the key stays ours, a workspace cannot redirect it or lift the budget', function () {
	this.timeout(30_000);
	const fake = useFakeAnthropic();

	it('what another extension gets through exports holds no key and no way to send', async () => {
		const exported = vscode.extensions.getExtension(EXTENSION_ID)?.exports as Record<string, unknown>;
		// in normal use activate() returns undefined; under the test runner, only the narrow test handle
		assert.deepEqual(Object.keys(exported).sort(), [
			'attachments', 'batches', 'budget', 'busy', 'chatViewVisible', 'conversations', 'globalStorage', 'keySource', 'ledger', 'logFolder', 'mementos',
			'onSessionEvent', 'onViewMessage', 'sessionUsage', 'snapshot', 'statusBar', 'storage', 'todayUsage', 'viewMessage',
		]);
		assert.ok(!JSON.stringify(exported, (_k, v: unknown) => (typeof v === 'function' ? String(v) : v)).includes(TEST_KEY));
		assert.ok(!JSON.stringify(fake.api.mementos()).includes(TEST_KEY), 'the state copy holds no key');
		assert.equal(await fake.api.keySource(), 'secretStorage');
		await assert.rejects(fake.api.viewMessage({ type: 'chat/send', requestId: 'x1', text: 'spend my money' }), /does not pass on/);
		await assert.rejects(fake.api.viewMessage({ type: 'chat/sendAnyway', requestId: 'x2', turnId: 't' }), /does not pass on/);
		assert.equal(fake.server.messageRequests().length, 0, 'nothing was sent');
	});

	it('a workspace .vscode/settings.json that points baseUrl elsewhere and lifts the budget is ignored, and the user is told once', async () => {
		const elsewhere = await FakeAnthropicServer.start({ apiKeys: [TEST_KEY] });
		const file = workspaceUri('.vscode', 'settings.json');
		const shown = captureMessages();
		try {
			await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify({
				'claudeAssistant.baseUrl': elsewhere.url,
				'claudeAssistant.dailyBudgetUsd': 0,
				'claudeAssistant.maxTokens': 128000,
			})));
			await waitFor(() => shown.messages.some((m) => m.includes('ignored claudeAssistant.baseUrl')));
			const notice = shown.messages.find((m) => m.includes('ignored claudeAssistant.baseUrl')) ?? '';
			assert.match(notice, /claudeAssistant\.dailyBudgetUsd/);
			assert.match(notice, /claudeAssistant\.maxTokens/);
			assert.match(notice, /user settings/);
			fake.server.enqueue({ text: 'from the user\'s server' });
			const end = await ask(fake.api, 'where does this go?');
			assert.equal(end.type, 'chat/done');
			assert.equal(elsewhere.requests.length, 0, 'the workspace\'s server never saw the key');
			assert.equal(fake.server.messageRequests().length, 1);
			assert.equal(fake.server.messageRequests()[0].body.max_tokens, 4096, 'the workspace cannot raise max_tokens');
			assert.equal(shown.messages.filter((m) => m.includes('ignored claudeAssistant.baseUrl')).length, 1, 'told once');
			assert.match(fake.api.statusBar().tooltip, /Requests go to:\*\* http:\/\/127\.0\.0\.1:\d+ \(from claudeAssistant\.baseUrl\)/);
		} finally {
			shown.restore();
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(file, '..'), { recursive: true });
			await elsewhere.close();
		}
	});

	it('spend from another window (another extension host appending to the same ledger) counts against the budget', async () => {
		const config = vscode.workspace.getConfiguration('claudeAssistant');
		const before = fake.api.todayUsage().costUsd;
		try {
			await config.update('dailyBudgetUsd', before + 1, vscode.ConfigurationTarget.Global);
			// the other window's request, as its UsageLedgerFile writes it: one JSONL line appended to the same file
			const other = { time: new Date().toISOString(), requestId: 'req_other_window', command: 'chat', model: 'claude-sonnet-5-5',
				input: 1000, output: 100, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, costUsd: 2 };
			const old = await vscode.workspace.fs.readFile(fake.api.ledger.uri).then((b) => new TextDecoder().decode(b), () => '');
			const sep = old === '' || old.endsWith('\n') ? '' : '\n';
			await vscode.workspace.fs.writeFile(fake.api.ledger.uri, new TextEncoder().encode(`${old}${sep}${JSON.stringify(other)}\n`));
			const end = await ask(fake.api, 'one more?');
			assert.equal(end.type === 'chat/error' && end.error.kind, 'budget', 'the other window\'s $2 put today over the limit');
			assert.equal(fake.server.messageRequests().length, 0, 'nothing was sent');
			assert.ok(fake.api.todayUsage().costUsd >= before + 2 - 1e-9);
		} finally {
			await config.update('dailyBudgetUsd', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('an unreadable ledger holds the request with the reason when a budget is set (fails closed)', async () => {
		const config = vscode.workspace.getConfiguration('claudeAssistant');
		const ledger = fake.api.ledger.uri;
		const saved = await vscode.workspace.fs.readFile(ledger).then((b) => b, () => new Uint8Array());
		try {
			await config.update('dailyBudgetUsd', 1000, vscode.ConfigurationTarget.Global);
			await vscode.workspace.fs.delete(ledger).then(undefined, () => undefined);
			await vscode.workspace.fs.createDirectory(ledger); // a folder where the file should be: reading it fails (EISDIR)
			const end = await ask(fake.api, 'is the budget checked?');
			assert.equal(end.type, 'chat/error');
			const error = end.type === 'chat/error' ? end.error : undefined;
			assert.equal(error?.kind, 'budget');
			assert.match(error?.message ?? '', /Spend cannot be read from the usage ledger \(EISDIR/);
			assert.match(error?.message ?? '', /Send anyway/);
			assert.equal(fake.server.messageRequests().length, 0, 'nothing was sent');
		} finally {
			await config.update('dailyBudgetUsd', undefined, vscode.ConfigurationTarget.Global);
			await vscode.workspace.fs.delete(ledger, { recursive: true }).then(undefined, () => undefined);
			await vscode.workspace.fs.writeFile(ledger, saved);
		}
	});
});
