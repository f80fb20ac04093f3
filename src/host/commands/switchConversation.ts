import * as vscode from 'vscode';
import type { ConversationEntry } from '../../core/conversation/conversationLibrary';
import { formatUtc } from '../../core/conversation/conversationMarkdown';
import { deleteConversation, exportConversation, renameConversation } from '../chat/conversationActions';
import type { CommandDeps } from './deps';

interface ConversationItem extends vscode.QuickPickItem {
	id: string;
}

const RENAME: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Rename' };
const EXPORT: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('export'), tooltip: 'Export as Markdown' };
const DELETE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete' };

function toItem(entry: ConversationEntry, currentId: string): ConversationItem {
	return {
		id: entry.id,
		label: entry.title,
		description: entry.id === currentId ? 'open' : undefined,
		detail: `Last message ${formatUtc(entry.updatedAt)}${entry.model ? ` · ${entry.model}` : ''}`,
		buttons: [RENAME, EXPORT, DELETE],
	};
}

/**
 * Switch Conversation: the past chats, most recent first; Enter opens one in the chat view, and each row's buttons
 * rename, export or delete it (the list is rebuilt after a rename or delete). `id` opens that conversation directly.
 */
export function createSwitchConversationCommand(deps: CommandDeps): (id?: unknown) => Promise<void> {
	return async (id?: unknown) => {
		const store = deps.conversationStore;
		if (typeof id === 'string') {
			await store.switchTo(id);
			await deps.chatView.reveal();
			return;
		}
		const pick = vscode.window.createQuickPick<ConversationItem>();
		const refresh = () => {
			pick.items = store.list().map((e) => toItem(e, store.current.id));
		};
		pick.title = 'Claude: Switch Conversation';
		pick.placeholder = 'Open a past conversation (buttons: rename, export, delete)';
		pick.matchOnDetail = true;
		await store.ready;
		refresh();
		/** While a rename box or the delete confirmation replaces the pick, hiding it is not a cancel. */
		let acting = false;
		const chosen = await new Promise<ConversationItem | undefined>((resolve) => {
			pick.onDidAccept(() => resolve(pick.selectedItems[0]));
			pick.onDidHide(() => {
				if (!acting) {
					resolve(undefined);
				}
			});
			pick.onDidTriggerItemButton(async ({ item, button }) => {
				if (button === EXPORT) {
					await exportConversation(store, item.id, deps.logger);
					return;
				}
				acting = true;
				pick.hide();
				await (button === RENAME ? renameConversation(store, item.id) : deleteConversation(store, item.id));
				acting = false;
				refresh();
				pick.show();
			});
			pick.show();
		});
		pick.dispose();
		if (chosen) {
			await store.switchTo(chosen.id);
			await deps.chatView.reveal();
		}
	};
}
