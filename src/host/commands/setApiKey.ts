import * as vscode from 'vscode';
import { verifyKey } from '../../core/anthropic/client';
import { connectWithKey, describeConnectFailure } from '../../core/anthropic/connect';
import { savedKeyNote } from '../../core/settings/keyPersistence';
import type { CommandDeps } from './deps';

/**
 * Set API Key: asks with a password box, stores the trimmed key in SecretStorage, then checks it with one cheap
 * call (list models). A network problem keeps the key; a rejected key is kept too but clearly flagged. Where the key
 * will not last (VS Code in the browser keeps it there, not on the server), the message says so.
 */
export function createSetApiKeyCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const input = await vscode.window.showInputBox({
			title: 'Claude: Set API Key',
			prompt: 'Your Anthropic API key. It is stored in VS Code SecretStorage, never in settings.',
			placeHolder: 'sk-ant-…',
			password: true,
			ignoreFocusOut: true,
			validateInput: (v) => (v.trim() ? undefined : 'The key cannot be empty.'),
		});
		if (input === undefined) {
			return;
		}
		const key = input.trim();
		if (!key) {
			void vscode.window.showErrorMessage('The API key is empty; nothing was stored.');
			return;
		}
		await deps.keys.set(key);
		deps.logger.info('key', `API key stored in SecretStorage (${deps.keys.persistence.where}); checking it`);
		const note = savedKeyNote(deps.keys.persistence);
		const saved = (message: string): string => (note ? `${message} ${note}` : message);
		const config = deps.getConfig();
		// The key just typed (not whatever the store or the environment holds), with at most one SDK retry and a short
		// timeout so the check does not keep the user waiting.
		const connected = await connectWithKey(key, config, { maxRetries: Math.min(config.maxRetries, 1), timeoutMs: 15_000 });
		if (!connected.ok) {
			deps.logger.error('key', `API key stored but not checked: ${describeConnectFailure(connected)}`);
			const action = connected.reason === 'badBaseUrl' ? 'Open Settings' : 'Show Logs';
			void vscode.window.showWarningMessage(`API key saved, but it could not be checked. ${connected.message}`, action).then((c) => {
				if (c === 'Open Settings') {
					void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeAssistant.baseUrl');
				} else if (c) {
					deps.logger.show();
				}
			});
			return;
		}
		const result = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: 'Checking the API key…' },
			() => verifyKey(connected.connection),
		);
		deps.logger.info('key', `key check: ${result}`);
		switch (result) {
			case 'valid':
				void vscode.window.showInformationMessage(saved('API key saved and valid.'));
				break;
			case 'rejected':
				void vscode.window.showErrorMessage(saved('API key saved, but the API rejected it (401/403). Check the key.'), 'Set API Key').then((c) => {
					if (c) {
						void vscode.commands.executeCommand('claudeAssistant.setApiKey');
					}
				});
				break;
			case 'unreachable':
				void vscode.window.showWarningMessage(saved('API key saved. The API is unreachable right now, so it could not be checked.'));
				break;
			default:
				void vscode.window.showWarningMessage(saved('API key saved. The check failed unexpectedly; see Show Logs.'));
		}
	};
}
