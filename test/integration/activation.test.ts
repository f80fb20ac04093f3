import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'claude-assistant-dev.claude-assistant';

describe('Activation', () => {
	it('the extension is installed and activates', async () => {
		const ext = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(ext, `${EXTENSION_ID} is not installed`);
		await ext.activate();
		assert.equal(ext.isActive, true);
	});

	it('registers every command that package.json contributes', async () => {
		const ext = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(ext, `${EXTENSION_ID} is not installed`);
		await ext.activate();
		const contributes = (ext.packageJSON as { contributes?: { commands?: Array<{ command: string }>; views?: Record<string, Array<{ id: string }>> } }).contributes;
		const contributed = (contributes?.commands ?? []).map((c) => c.command);
		const views = Object.values(contributes?.views ?? {}).flat().map((v) => v.id);
		assert.ok(contributed.length > 0, 'package.json contributes no commands');
		const registered = new Set(await vscode.commands.getCommands(true));
		const missing = contributed.filter((id) => !registered.has(id));
		assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
		// and the other way round: nothing registered under our prefix that the manifest does not declare
		// (each view's own `<view id>.*` commands, such as `claudeAssistant.chat.focus`, come from VS Code, not from us)
		assert.deepEqual(views, ['claudeAssistant.chat', 'claudeAssistant.batches']);
		const ours = [...registered].filter((id) => id.startsWith('claudeAssistant.') && !views.some((v) => id.startsWith(`${v}.`)));
		const undeclared = ours.filter((id) => !contributed.includes(id));
		assert.deepEqual(undeclared, [], `registered but not declared: ${undeclared.join(', ')}`);
	});
});
