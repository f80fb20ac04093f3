import * as vscode from 'vscode';
import { conversationToMarkdown, markdownFileName } from '../../core/conversation/conversationMarkdown';
import type { Logger } from '../../core/log/logger';
import type { ConversationStore } from './conversationStore';

/* Rename, Delete and Export as Markdown: the host's dialogs, shared by the chat's History list and the palette. */

/** Asks for a new title (prefilled with the current one); a cancelled or blank answer changes nothing. */
export async function renameConversation(store: ConversationStore, id: string): Promise<boolean> {
	const entry = store.get(id);
	if (!entry) {
		return false;
	}
	const title = await vscode.window.showInputBox({
		title: 'Claude: Rename Conversation',
		value: entry.title,
		prompt: 'A new title for this conversation',
		validateInput: (value) => (value.trim() === '' ? 'Enter a title' : undefined),
	});
	return title !== undefined && store.rename(id, title);
}

/** Deletes after a modal confirmation naming the conversation; its file is removed from the extension's storage. */
export async function deleteConversation(store: ConversationStore, id: string): Promise<boolean> {
	const entry = store.get(id);
	if (!entry) {
		return false;
	}
	const choice = await vscode.window.showWarningMessage(
		`Delete the conversation "${entry.title}"?`,
		{ modal: true, detail: 'Its messages are removed from this workspace\'s storage. This cannot be undone.' },
		'Delete',
	);
	return choice === 'Delete' && store.remove(id);
}

/**
 * Writes the conversation as a Markdown file where the user chooses (the save dialog starts in the workspace folder
 * with a name from the title); undefined when cancelled. The open conversation is exported as shown, partial
 * answer included.
 */
export async function exportConversation(store: ConversationStore, id: string, logger: Logger): Promise<vscode.Uri | undefined> {
	const entry = store.get(id);
	if (!entry) {
		return undefined;
	}
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
	const name = markdownFileName(entry.title);
	const target = await vscode.window.showSaveDialog({
		title: 'Claude: Export Conversation as Markdown',
		defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
		filters: { Markdown: ['md'] },
		saveLabel: 'Export',
	});
	if (!target) {
		return undefined;
	}
	const content = await store.content(id);
	const markdown = conversationToMarkdown({ title: entry.title, createdAt: entry.createdAt, exportedAt: Date.now() }, content.turns);
	await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
	logger.info('conversations', `exported ${content.turns.length} turns to ${target.toString()}`);
	void vscode.window.showInformationMessage(`Exported "${entry.title}" to ${vscode.workspace.asRelativePath(target, false)}.`, 'Open').then((choice) => {
		if (choice) {
			void vscode.window.showTextDocument(target);
		}
	});
	return target;
}
