import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import { assertNever } from '../../shared/assertNever';
import type { WebviewToHost } from '../../shared/protocol';
import { Disposable } from '../lifecycle';
import { insertAtCursor, openAsNewFile } from './codeEdits';
import { LastEditorTracker } from './lastEditor';
import { openLink } from './openLink';
import { ProposalDocuments } from './proposals';
import { replaceSelection, type ReplaceOutcome } from './replaceSelection';

/** The webview messages that act on editors or the browser: a code block's buttons and link clicks. */
export type EditorActionMessage = Extract<WebviewToHost, { type: 'code/insert' | 'code/replace' | 'code/newFile' | 'link/open' }>;

export interface EditorActionsDeps {
	logger: Logger;
	/** Tells the user in the chat (where they clicked) why nothing happened. */
	notify(message: string, level: 'info' | 'warning' | 'error'): void;
	/** Opens a URL outside VS Code; default `vscode.env.openExternal`, looked up per call. */
	openExternal?(uri: vscode.Uri): Thenable<boolean>;
}

const NO_EDITOR = 'No editor to put the code in: open a file, place the cursor, then try again.';

const REPLACE_NOTICES: Partial<Record<ReplaceOutcome, string>> = {
	noSelection: 'Select the code to replace in the editor first (or use Insert at Cursor).',
	changed: 'The document changed while the diff was open; nothing was replaced. Try Replace again.',
	failed: 'VS Code did not apply the change; nothing was replaced.',
};

/**
 * Carries out what a code block's buttons and answer links ask for, against the editor the user was last in (the
 * chat webview has the focus when they click). Validation of the message itself happened in isWebviewToHost.
 */
export class EditorActions extends Disposable {
	private readonly tracker = this._register(new LastEditorTracker());
	private readonly proposals = this._register(new ProposalDocuments());

	constructor(private readonly deps: EditorActionsDeps) {
		super();
	}

	async handle(msg: EditorActionMessage): Promise<void> {
		try {
			await this.run(msg);
		} catch (err) {
			this.deps.logger.error('editorActions', `${msg.type} failed: ${err instanceof Error ? err.message : String(err)}`);
			this.deps.notify('That did not work; see the log (Claude: Show Logs) for details.', 'error');
		}
	}

	/**
	 * Replace → diff → Apply on `editor`'s selection with `code` (a code block's Replace button, and Fix with Claude),
	 * with the notice in the chat when nothing could be replaced.
	 */
	async proposeReplacement(editor: vscode.TextEditor, code: string): Promise<ReplaceOutcome> {
		const outcome = await replaceSelection(editor, code, this.proposals);
		this.deps.logger.info('editorActions', `Replace Selection in ${editor.document.uri.scheme} document: ${outcome}`);
		const notice = REPLACE_NOTICES[outcome];
		if (notice) {
			this.deps.notify(notice, outcome === 'noSelection' ? 'info' : 'warning');
		}
		return outcome;
	}

	private async run(msg: EditorActionMessage): Promise<void> {
		switch (msg.type) {
			case 'code/insert': {
				const editor = this.tracker.editor;
				if (!editor) {
					this.deps.notify(NO_EDITOR, 'info');
				} else if (!(await insertAtCursor(editor, msg.code))) {
					this.deps.notify('VS Code did not insert the code (is the document read-only?).', 'warning');
				}
				break;
			}
			case 'code/replace': {
				const editor = this.tracker.editor;
				if (!editor) {
					this.deps.notify(NO_EDITOR, 'info');
					break;
				}
				await this.proposeReplacement(editor, msg.code);
				break;
			}
			case 'code/newFile':
				await openAsNewFile(msg.code, msg.language);
				break;
			case 'link/open': {
				const outcome = await openLink(msg.url, (uri) => (this.deps.openExternal ? this.deps.openExternal(uri) : vscode.env.openExternal(uri)));
				if (!outcome.opened) {
					this.deps.logger.warn('editorActions', `refused to open a link: ${msg.url.slice(0, 200)}`);
					this.deps.notify(outcome.message, 'warning');
				}
				break;
			}
			default:
				assertNever(msg);
		}
	}
}
