import * as vscode from 'vscode';
import { formatLineRange } from '../../core/prompts/prompts';
import { codeFor } from './codeEdits';
import type { ProposalDocuments } from './proposals';

/** What Replace Selection came to: the user's choice, or why nothing could be applied. */
export type ReplaceOutcome = 'applied' | 'cancelled' | 'noSelection' | 'changed' | 'failed';

/** The Apply / Cancel question under the diff; a separate function so its wording is found in one place. */
async function askToApply(fileName: string, lines: string): Promise<boolean> {
	const choice = await vscode.window.showInformationMessage(
		`Replace ${lines} of ${fileName} with Claude's code? The diff editor shows the change; nothing changes until you apply it.`,
		'Apply',
		'Cancel',
	);
	return choice === 'Apply';
}

async function closeDiff(proposal: vscode.Uri): Promise<void> {
	const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
		.filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposal.toString());
	if (tabs.length > 0) {
		await vscode.window.tabGroups.close(tabs, true);
	}
}

/**
 * Replace Selection: shows a diff between the document and the document with the selection replaced (the right side
 * is an in-memory proposal, nothing is written), then asks Apply / Cancel. Only Apply changes the document, with a
 * WorkspaceEdit on the original (so Undo works and the file stays unsaved for the user to review). If the document
 * changed while the question was open, the preview is stale and nothing is applied.
 */
export async function replaceSelection(editor: vscode.TextEditor, code: string, proposals: ProposalDocuments): Promise<ReplaceOutcome> {
	const doc = editor.document;
	const range = new vscode.Range(editor.selection.start, editor.selection.end);
	if (range.isEmpty) {
		return 'noSelection';
	}
	const version = doc.version;
	const replacement = codeFor(doc, range, code);
	const text = doc.getText();
	const proposed = text.slice(0, doc.offsetAt(range.start)) + replacement + text.slice(doc.offsetAt(range.end));
	const proposal = proposals.add(doc.uri, proposed);
	const fileName = doc.uri.path.split('/').pop() || doc.uri.toString();
	const lastLine = range.end.character === 0 ? range.end.line : range.end.line + 1;
	try {
		await vscode.commands.executeCommand('vscode.diff', doc.uri, proposal, `${fileName} ↔ Claude's code (Replace Selection)`, { preview: true, viewColumn: editor.viewColumn });
		if (!(await askToApply(fileName, formatLineRange(range.start.line + 1, Math.max(lastLine, range.start.line + 1))))) {
			return 'cancelled';
		}
		if (doc.isClosed || doc.version !== version) {
			return 'changed';
		}
		const edit = new vscode.WorkspaceEdit();
		edit.replace(doc.uri, range, replacement);
		if (!(await vscode.workspace.applyEdit(edit))) {
			return 'failed';
		}
		const end = doc.positionAt(doc.offsetAt(range.start) + replacement.length);
		await closeDiff(proposal);
		await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, selection: new vscode.Range(range.start, end) });
		return 'applied';
	} finally {
		await closeDiff(proposal);
		proposals.delete(proposal);
	}
}
