import * as vscode from 'vscode';
import { checkFileSize, checkTextForSending, MAX_FILE_BYTES } from '../../core/editor/fileCheck';
import { buildSummarizePrompt } from '../../core/prompts/prompts';
import type { CommandDeps } from './deps';
import { fileLabel } from './fileLabel';
import { sendToChat } from './sendToChat';

/** The languageId VS Code gives a file (opening it as a document, not in an editor); called only for checked text. */
async function languageOf(uri: vscode.Uri): Promise<string> {
	try {
		return (await vscode.workspace.openTextDocument(uri)).languageId;
	} catch {
		return 'plaintext';
	}
}

/** Reads a file that is not open: its size first (a huge file is refused unread), then its bytes; or what to tell the user. */
async function readClosedFile(deps: CommandDeps, target: vscode.Uri): Promise<{ bytes: Uint8Array } | { refused: string }> {
	const file = fileLabel(target);
	try {
		const tooLarge = checkFileSize((await vscode.workspace.fs.stat(target)).size, { maxBytes: MAX_FILE_BYTES });
		return tooLarge ? { refused: `${file}: ${tooLarge.message}` } : { bytes: await vscode.workspace.fs.readFile(target) };
	} catch (err) {
		deps.logger.error('summarizeFile', `cannot read ${target.toString()}: ${err instanceof Error ? err.message : String(err)}`);
		// deleted or moved after it was clicked (or before the read): say so rather than a bare "cannot read"
		if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') {
			return { refused: `${file} no longer exists (deleted or moved); nothing was sent.` };
		}
		return { refused: `Cannot read ${file}; nothing was sent. Show Logs has the reason.` };
	}
}

/**
 * The text of an open document as the editor shows it, where the file on disk would be wrong or unreadable: unsaved
 * edits, an untitled editor, a notebook cell (no file of its own), or a file the user reopened in another encoding
 * (VS Code decoded it; the bytes on disk are not UTF-8). A clean UTF-8 file is read from disk like a closed one.
 */
function openText(target: vscode.Uri): Uint8Array | undefined {
	const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
	if (!doc) {
		return undefined;
	}
	const useEditorText = doc.isDirty || doc.isUntitled || target.scheme === 'vscode-notebook-cell' || !/^utf8(bom)?$/.test(doc.encoding);
	return useEditorText ? new TextEncoder().encode(doc.getText()) : undefined;
}

/** Says why nothing was sent, as a notification and in the chat. */
function refuse(deps: CommandDeps, message: string): void {
	void vscode.window.showWarningMessage(message);
	deps.chatView.notify(message, 'warning');
}

/**
 * Summarize File: the file right-clicked in the explorer (read with workspace.fs, it need not be open) or the
 * active editor (its current text, unsaved edits included). Binary, empty and huge files, and files that are gone
 * by the time they are read, are refused before anything is sent, with the reason as a notification and in the chat.
 */
export function createSummarizeFileCommand(deps: CommandDeps): (uri?: vscode.Uri) => Promise<void> {
	return async (uri?: vscode.Uri) => {
		const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
		if (!target) {
			void vscode.window.showInformationMessage('Open or select a file to summarize.');
			return;
		}
		const file = fileLabel(target);
		const open = openText(target);
		const read = open ? { bytes: open } : await readClosedFile(deps, target);
		if ('refused' in read) {
			refuse(deps, read.refused);
			return;
		}
		const check = checkTextForSending(read.bytes, { maxBytes: MAX_FILE_BYTES });
		if (!check.ok) {
			refuse(deps, `${file}: ${check.message}`);
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
