import * as path from 'node:path';
import * as vscode from 'vscode';

/** The notebook a cell document belongs to, and the cell's 1-based position in it. */
function notebookOfCell(uri: vscode.Uri): { notebook: vscode.NotebookDocument; cell: number } | undefined {
	for (const notebook of vscode.workspace.notebookDocuments) {
		const index = notebook.getCells().findIndex((c) => c.document.uri.toString() === uri.toString());
		if (index >= 0) {
			return { notebook, cell: index + 1 };
		}
	}
	return undefined;
}

/**
 * How a document is named in the chat and in the prompt sent to the API: its workspace-relative path; an untitled
 * editor's title; a notebook cell as "analysis.ipynb, cell 3" (its line numbers count from the cell's start, not the
 * notebook file's); and only the file name for a file outside every workspace folder (also every file when no
 * folder is open), so an absolute path with the user's home folder is never sent.
 */
export function fileLabel(uri: vscode.Uri): string {
	if (uri.scheme === 'vscode-notebook-cell') {
		const owner = notebookOfCell(uri);
		if (owner) {
			return `${fileLabel(owner.notebook.uri)}, cell ${owner.cell}`;
		}
	}
	if (uri.scheme === 'untitled' || vscode.workspace.getWorkspaceFolder(uri)) {
		return vscode.workspace.asRelativePath(uri, false);
	}
	return path.posix.basename(uri.path);
}
