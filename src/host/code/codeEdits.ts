import * as vscode from 'vscode';
import { fitCode } from '../../core/editor/codeInsert';
import { languageIdForFence } from '../../core/editor/codeLanguage';

function eolOf(doc: vscode.TextDocument): '\n' | '\r\n' {
	return doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/** The code as it should replace `range` of `doc`: its final newline kept only when the range ends a line. */
export function codeFor(doc: vscode.TextDocument, range: vscode.Range, code: string): string {
	const endsAtLineBreak = !range.isEmpty ? range.end.character === 0 : range.start.character === 0;
	return fitCode(code, { endsAtLineBreak, eol: eolOf(doc) });
}

/**
 * Insert at Cursor: the code goes in at the primary cursor (a selection is kept, not overwritten: replacing it is
 * Replace Selection's job, with a preview). One edit, so one Undo takes it out again.
 */
export async function insertAtCursor(editor: vscode.TextEditor, code: string): Promise<boolean> {
	const position = editor.selection.active;
	const text = codeFor(editor.document, new vscode.Range(position, position), code);
	const ok = await editor.edit((builder) => builder.insert(position, text));
	if (ok) {
		const end = editor.document.positionAt(editor.document.offsetAt(position) + text.length);
		editor.revealRange(new vscode.Range(position, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
	}
	return ok;
}

/** New File: an untitled editor with the code, in the language the block's fence names (plaintext if unknown). */
export async function openAsNewFile(code: string, fenceTag: string): Promise<vscode.TextEditor> {
	const language = languageIdForFence(fenceTag, await vscode.languages.getLanguages());
	const doc = await vscode.workspace.openTextDocument({ language, content: code });
	return vscode.window.showTextDocument(doc, { preview: false });
}
