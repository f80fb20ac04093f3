import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

/** Clear API Key: deletes the stored key; says so if ANTHROPIC_API_KEY will still be used. */
export function createClearApiKeyCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		await deps.keys.delete();
		deps.logger.info('key', 'API key deleted from SecretStorage');
		const { source } = await deps.keys.get();
		void vscode.window.showInformationMessage(source === 'environment'
			? 'Stored API key cleared. ANTHROPIC_API_KEY from the environment is still used.'
			: 'Stored API key cleared.');
	};
}
