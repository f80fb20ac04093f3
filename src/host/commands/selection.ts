import * as vscode from 'vscode';
import { checkSelection, MAX_SELECTION_CHARS } from '../../core/editor/fileCheck';
import type { CommandName } from '../../core/request/settings';
import type { BuiltPrompt, SelectionPromptInput } from '../../core/prompts/prompts';
import type { CodeAttachment } from '../../shared/protocol';
import type { CommandDeps } from './deps';
import { fileLabel } from './fileLabel';
import { sendToChat } from './sendToChat';

/** The active editor's selection, checked, or why there is none to send (empty, too large, no editor). */
export type SelectionResult = { ok: true; input: SelectionPromptInput } | { ok: false; reason: 'empty' | 'tooLarge'; message: string };

/** Reads and checks the active editor's selection with its file label (see fileLabel) and 1-based line range. */
export function currentSelection(): SelectionResult {
	const editor = vscode.window.activeTextEditor;
	const selection = editor?.selection;
	const code = editor && selection ? editor.document.getText(selection) : '';
	const check = checkSelection(code, { maxChars: MAX_SELECTION_CHARS });
	if (!editor || !selection || !check.ok) {
		return check.ok ? { ok: false, reason: 'empty', message: 'Select some code first' } : { ok: false, reason: check.reason, message: check.message };
	}
	const doc = editor.document;
	const startLine = selection.start.line + 1;
	// A selection ending at column 0 of the next line does not include that line.
	const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
	return { ok: true, input: { file: fileLabel(doc.uri), languageId: doc.languageId, startLine, endLine, code } };
}

/** Says why nothing was sent, as a notification and in the chat view. */
export function reportNoSelection(deps: CommandDeps, message: string): void {
	void vscode.window.showInformationMessage(message);
	deps.chatView.notify(message, 'info');
}

/**
 * The selection commands' shared start: the checked selection, or undefined after telling the user why there is
 * nothing to send.
 */
export function readSelection(deps: CommandDeps): SelectionPromptInput | undefined {
	const result = currentSelection();
	if (!result.ok) {
		reportNoSelection(deps, result.message);
		return undefined;
	}
	return result.input;
}

/** The selection as the chat shows it attached to the user turn. */
export function toAttachment(input: SelectionPromptInput): CodeAttachment {
	return { file: input.file, languageId: input.languageId, startLine: input.startLine, endLine: input.endLine, text: input.code };
}

/**
 * A command that sends the selection with a prompt built from it (Explain, Fix, Write Tests, Add Docs): the selection
 * is attached to the user turn, and the command name picks the model tier.
 */
export function createSelectionCommand(deps: CommandDeps, command: CommandName, build: (input: SelectionPromptInput) => BuiltPrompt): () => Promise<void> {
	return async () => {
		const input = readSelection(deps);
		if (!input) {
			return;
		}
		const prompt = build(input);
		await sendToChat(deps, { heading: prompt.heading, prompt: prompt.userText, code: toAttachment(input), command });
	};
}
