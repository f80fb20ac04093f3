import * as vscode from 'vscode';
import type { CommandDeps } from './deps';
import { sendToChat } from './sendToChat';

/**
 * Ask…: a question typed in an input box, sent to the open chat conversation on its model, without leaving the
 * editor, with what is attached in the chat (Add to Chat, @-mentions) as a message typed there would be. An empty or
 * cancelled question sends nothing and leaves the attachments where they are.
 */
export function createAskCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const waiting = deps.chatContext.attachments.length;
		const question = await vscode.window.showInputBox({
			title: 'Claude: Ask',
			placeHolder: 'Ask Claude…',
			prompt: waiting
				? `Sent to the open chat conversation with the ${waiting === 1 ? 'attachment' : `${waiting} attachments`} waiting there.`
				: 'Sent to the open chat conversation. Nothing is attached.',
			ignoreFocusOut: true,
		});
		const text = question?.trim();
		if (!text) {
			return;
		}
		await sendToChat(deps, { heading: text, prompt: text, command: 'chat', attachments: deps.chatContext.take() });
	};
}
