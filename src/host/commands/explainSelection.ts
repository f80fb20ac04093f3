import * as vscode from 'vscode';
import { checkSelection, MAX_SELECTION_CHARS } from '../../core/fileCheck';
import { buildExplainPrompt } from '../../core/prompts';
import type { CommandDeps } from './deps';
import { sendToChat } from './sendToChat';

/** Explain Selection: sends the selected code with its language, relative path and line range. */
export function createExplainSelectionCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const editor = vscode.window.activeTextEditor;
		const selection = editor?.selection;
		const text = editor && selection ? editor.document.getText(selection) : '';
		const check = checkSelection(text, { maxChars: MAX_SELECTION_CHARS });
		if (!editor || !selection || !check.ok) {
			const message = check.ok ? 'Select some code first' : check.message;
			void vscode.window.showInformationMessage(message);
			deps.chatView.notify(message, 'info');
			return;
		}
		const doc = editor.document;
		const file = vscode.workspace.asRelativePath(doc.uri, false);
		const startLine = selection.start.line + 1;
		// A selection ending at column 0 of the next line does not include that line.
		const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
		const prompt = buildExplainPrompt({ file, languageId: doc.languageId, startLine, endLine, code: text });
		await sendToChat(deps, {
			heading: prompt.heading,
			prompt: prompt.userText,
			code: { file, languageId: doc.languageId, startLine, endLine, text },
			command: 'explainSelection',
		});
	};
}
