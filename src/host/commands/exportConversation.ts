import * as vscode from 'vscode';
import { exportConversation } from '../chat/conversationActions';
import type { CommandDeps } from './deps';

/** Export Conversation as Markdown: the open conversation, to a file the user picks. */
export function createExportConversationCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		await deps.conversations.ready;
		if (deps.conversations.current.title === '') {
			void vscode.window.showInformationMessage('This conversation has no messages yet.');
			return;
		}
		await exportConversation(deps.conversations, deps.conversations.current.id, deps.logger);
	};
}
