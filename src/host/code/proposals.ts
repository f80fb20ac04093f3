import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';

/** URI scheme of the read-only "after" side of a Replace Selection diff. */
export const PROPOSAL_SCHEME = 'claude-assistant-proposal';

/**
 * In-memory documents for diff previews: the proposed text of a file lives here (never on disk) until the user
 * accepts or cancels, then it is dropped.
 */
export class ProposalDocuments extends Disposable implements vscode.TextDocumentContentProvider {
	private readonly texts = new Map<string, string>();
	private next = 0;

	constructor() {
		super();
		this._register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this));
	}

	/** Stores `text` under a fresh URI whose path ends in the original's file name (so the diff gets its language). */
	add(original: vscode.Uri, text: string): vscode.Uri {
		const name = original.path.split('/').pop() || 'untitled';
		const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${++this.next}/${name}` });
		this.texts.set(uri.toString(), text);
		return uri;
	}

	delete(uri: vscode.Uri): void {
		this.texts.delete(uri.toString());
	}

	provideTextDocumentContent(uri: vscode.Uri): string {
		return this.texts.get(uri.toString()) ?? '';
	}
}
