import * as vscode from 'vscode';
import type { CommandDeps } from './deps';
import { CommandId } from './ids';

/**
 * For a command that works outside the chat (Batch…, the commit message): whether an API key is set. With none it
 * says `message` with a Set API Key button and returns false, before the user chooses or anything is read. A key store
 * that cannot be read counts as set here: the request that follows reports it, with its cause.
 */
export async function hasKeyOrSay(deps: CommandDeps, message: string): Promise<boolean> {
	const noKey = await deps.keys.get().then(({ key }) => !key, () => false);
	if (!noKey) {
		return true;
	}
	const choice = await vscode.window.showWarningMessage(message, 'Set API Key');
	if (choice) {
		await vscode.commands.executeCommand(CommandId.setApiKey);
	}
	return false;
}
