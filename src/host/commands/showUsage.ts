import * as vscode from 'vscode';
import { UsageDashboardPanel } from '../dashboard/usageDashboardPanel';
import type { CommandDeps } from './deps';
import { CommandId } from './ids';

/**
 * Show Usage: opens the usage dashboard ("Claude Usage", charts over the last 30 days of the usage ledger), or brings
 * it to the front when it is already open. One panel at most; it is remembered in this closure, not in a global, and
 * forgotten when the user closes it.
 */
export function createShowUsageCommand(deps: CommandDeps): () => Promise<void> {
	let current: UsageDashboardPanel | undefined;
	return async () => {
		if (current) {
			current.reveal();
			return;
		}
		const panel = UsageDashboardPanel.create({
			extensionUri: deps.extensionUri,
			ledger: deps.ledger,
			session: deps.session,
			logger: deps.logger,
			exportUsage: (format) => vscode.commands.executeCommand(CommandId.exportUsage, format),
		});
		current = panel;
		panel.onDidDispose(() => {
			if (current === panel) {
				current = undefined;
			}
		});
	};
}
