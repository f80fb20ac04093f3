import * as vscode from 'vscode';
import { openableUrl } from '../../core/editor/externalLinks';

/** How a link click ended: opened in the browser, or refused (not an absolute http(s) URL). */
export type LinkOutcome = { opened: true } | { opened: false; message: string };

/**
 * Opens a link from an answer in the user's browser, http(s) only: `command:`, `file:`, `vscode:` and relative
 * links are refused, because answers are model output. `openExternal` still applies VS Code's link protection.
 */
export async function openLink(raw: string, openExternal: (uri: vscode.Uri) => Thenable<boolean>): Promise<LinkOutcome> {
	const url = openableUrl(raw);
	if (!url) {
		const shown = raw.length > 80 ? `${raw.slice(0, 77)}…` : raw;
		return { opened: false, message: `Only http(s) links open from the chat; "${shown}" was not opened.` };
	}
	await openExternal(vscode.Uri.parse(url, true));
	return { opened: true };
}
