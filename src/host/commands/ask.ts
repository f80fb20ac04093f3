import * as vscode from 'vscode';
import type { CommandDeps } from './deps';
import { sendToChat } from './sendToChat';

/**
 * Ask…: a question typed in an input box, sent to the open chat conversation on its model, without leaving the
 * editor. Nothing is attached; an empty or cancelled question sends nothing.
 */
export function createAskCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const question = await vscode.window.showInputBox({
			title: 'Claude: Ask',
			placeHolder: 'Ask Claude…',
			prompt: 'Sent to the open chat conversation. Nothing is attached.',
			ignoreFocusOut: true,
		});
		const text = question?.trim();
		if (!text) {
			return;
		}
		await sendToChat(deps, { heading: text, prompt: text, command: 'chat' });
	};
}
