import * as vscode from 'vscode';
import { exportConversation } from '../chat/conversationActions';
import type { CommandDeps } from './deps';

/** Export Conversation as Markdown: the open conversation, to a file the user picks. */
export function createExportConversationCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		await deps.conversationStore.ready;
		if (deps.conversationStore.current.title === '') {
			void vscode.window.showInformationMessage('This conversation has no messages yet.');
			return;
		}
		await exportConversation(deps.conversationStore, deps.conversationStore.current.id, deps.logger);
	};
}
