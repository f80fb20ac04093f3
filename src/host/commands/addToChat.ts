import * as vscode from 'vscode';
import { fromSelection, fromUris } from '../context/attachmentSources';
import type { CommandDeps } from './deps';

/**
 * Claude: Add to Chat: attaches without sending. From the Explorer or an editor tab: the files and folders clicked
 * (a folder as its files). From the palette: the selection when there is one, else the active file, else the files
 * chosen in a dialog. The chat opens with the keyboard in the prompt and the new chips above it.
 */
export function createAddToChatCommand(deps: CommandDeps): (uri?: vscode.Uri, uris?: vscode.Uri[]) => Promise<void> {
	return async (uri?: vscode.Uri, uris?: vscode.Uri[]) => {
		const clicked = Array.isArray(uris) && uris.length > 0 ? uris.filter((u) => u instanceof vscode.Uri) : uri instanceof vscode.Uri ? [uri] : [];
		const editor = vscode.window.activeTextEditor;
		let added: number;
		if (clicked.length) {
			added = await deps.chatContext.attach(fromUris(clicked));
		} else if (editor && !editor.selection.isEmpty) {
			added = await deps.chatContext.attach(fromSelection(editor));
		} else if (editor && editor.document.uri.scheme === 'file') {
			added = await deps.chatContext.attach(fromUris([editor.document.uri]));
		} else {
			const chosen = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Add to Chat' });
			if (!chosen?.length) {
				return;
			}
			added = await deps.chatContext.attach(fromUris(chosen));
		}
		await deps.chatView.focusComposer(); // the chips, or the reason nothing was attached, are in the chat
		deps.logger.info('attach', `Add to Chat: ${added} attached`);
	};
}

/** Claude: Add Selection to Chat (the editor's right-click menu): the selected lines, without sending. */
export function createAddSelectionToChatCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		await deps.chatContext.attach(fromSelection(vscode.window.activeTextEditor));
		await deps.chatView.focusComposer();
	};
}
