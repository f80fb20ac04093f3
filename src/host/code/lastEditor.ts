import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { PROPOSAL_SCHEME } from './proposals';

/** Documents code from the chat never goes into: output channels, our own diff proposals. */
function isTarget(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
	return editor !== undefined && !['output', 'debug', PROPOSAL_SCHEME].includes(editor.document.uri.scheme);
}

/**
 * Remembers the text editor the user was last in. Clicking a code block's button moves focus into the chat
 * webview, and VS Code may then report no active text editor; Insert and Replace still mean "the editor I was just
 * in", as long as it is still open.
 */
export class LastEditorTracker extends Disposable {
	private last: vscode.TextEditor | undefined;

	constructor() {
		super();
		this.last = isTarget(vscode.window.activeTextEditor) ? vscode.window.activeTextEditor : undefined;
		this._register(vscode.window.onDidChangeActiveTextEditor((editor) => {
			if (isTarget(editor)) {
				this.last = editor;
			}
		}));
	}

	/** The active text editor, else the last one if its document is still shown; undefined when there is none. */
	get editor(): vscode.TextEditor | undefined {
		const active = vscode.window.activeTextEditor;
		if (isTarget(active)) {
			return active;
		}
		const last = this.last;
		if (!last || last.document.isClosed) {
			return undefined;
		}
		const visible = vscode.window.visibleTextEditors;
		return visible.find((e) => e === last) ?? visible.find((e) => e.document === last.document && isTarget(e));
	}
}
