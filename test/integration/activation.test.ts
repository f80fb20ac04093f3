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
		const contributed = ((ext.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [])
			.map((c) => c.command);
		assert.ok(contributed.length > 0, 'package.json contributes no commands');
		const registered = new Set(await vscode.commands.getCommands(true));
		const missing = contributed.filter((id) => !registered.has(id));
		assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
	});
});
