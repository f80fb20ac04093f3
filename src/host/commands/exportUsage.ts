import * as os from 'node:os';
import * as vscode from 'vscode';
import { localDayKey } from '../../core/usage/usage';
import { toCsv, toJsonl } from '../../core/usage/usageLedgerLine';
import type { CommandDeps } from './deps';

interface FormatItem extends vscode.QuickPickItem {
	ext: 'csv' | 'jsonl';
}

const FORMATS: FormatItem[] = [
	{ label: 'CSV', description: 'for spreadsheets', ext: 'csv' },
	{ label: 'JSONL', description: 'one JSON object per request, as stored', ext: 'jsonl' },
];

/** Where the save dialog starts: the first workspace folder, else the home folder. */
function defaultUri(fileName: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	return folder ? vscode.Uri.joinPath(folder.uri, fileName) : vscode.Uri.joinPath(vscode.Uri.file(os.homedir()), fileName);
}

/**
 * Export Usage: writes the per-request ledger as CSV or JSONL where the user chooses, so spend can be checked against
 * the Anthropic console or charged back, outside VS Code. A first argument 'csv' or 'jsonl' skips the format pick: the usage
 * dashboard's Export buttons pass it. Any other argument (a menu can pass a URI) is ignored and the pick is shown.
 */
export function createExportUsageCommand(deps: CommandDeps): (format?: unknown) => Promise<void> {
	return async (requested?: unknown) => {
		const lines = await deps.ledger.read();
		if (lines.length === 0) {
			void vscode.window.showInformationMessage('No Claude requests recorded yet; there is no usage to export.');
			return;
		}
		const format = FORMATS.find((f) => f.ext === requested)
			?? await vscode.window.showQuickPick(FORMATS, { title: 'Export Claude usage', placeHolder: 'File format' });
		if (!format) {
			return;
		}
		const target = await vscode.window.showSaveDialog({
			title: 'Export Claude usage',
			defaultUri: defaultUri(`claude-usage-${localDayKey(Date.now())}.${format.ext}`),
			filters: format.ext === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] },
		});
		if (!target) {
			return;
		}
		const text = format.ext === 'csv' ? toCsv(lines) : toJsonl(lines);
		await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
		deps.logger.info('exportUsage', `exported ${lines.length} request(s) as ${format.ext}`);
		const where = target.scheme === 'file' ? target.fsPath : target.toString();
		void vscode.window.showInformationMessage(`Exported ${lines.length} request${lines.length === 1 ? '' : 's'} to ${where}`);
	};
}
