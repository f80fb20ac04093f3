import * as vscode from 'vscode';
import { checkTextForSending, MAX_FILE_BYTES } from '../../core/fileCheck';
import { buildSummarizePrompt } from '../../core/prompts';
import type { CommandDeps } from './deps';
import { sendToChat } from './sendToChat';

/** The languageId VS Code gives a file (opening it as a document, not in an editor); called only for checked text. */
async function languageOf(uri: vscode.Uri): Promise<string> {
	try {
		return (await vscode.workspace.openTextDocument(uri)).languageId;
	} catch {
		return 'plaintext';
	}
}

/**
 * Summarize File: the file right-clicked in the explorer (read with workspace.fs, it need not be open) or the
 * active editor (its current text, unsaved edits included). Binary, empty and huge files are refused before
 * anything is sent.
 */
export function createSummarizeFileCommand(deps: CommandDeps): (uri?: vscode.Uri) => Promise<void> {
	return async (uri?: vscode.Uri) => {
		const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
		if (!target) {
			void vscode.window.showInformationMessage('Open or select a file to summarize.');
			return;
		}
		const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
		let bytes: Uint8Array;
		try {
			bytes = openDoc && (openDoc.isDirty || openDoc.isUntitled) ? new TextEncoder().encode(openDoc.getText()) : await vscode.workspace.fs.readFile(target);
		} catch (err) {
			deps.logger.error('summarizeFile', `cannot read ${target.toString()}: ${err instanceof Error ? err.message : String(err)}`);
			void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(target, false)}.`);
			return;
		}
		const file = vscode.workspace.asRelativePath(target, false);
		const check = checkTextForSending(bytes, { maxBytes: MAX_FILE_BYTES });
		if (!check.ok) {
			const message = `${file}: ${check.message}`;
			void vscode.window.showWarningMessage(message);
			deps.chatView.notify(message, 'warning');
			return;
		}
		const languageId = await languageOf(target);
		const prompt = buildSummarizePrompt({ file, languageId, text: check.text });
		await sendToChat(deps, {
			heading: prompt.heading,
			prompt: prompt.userText,
			code: { file, languageId, text: check.text },
			command: 'summarizeFile',
		});
	};
}
