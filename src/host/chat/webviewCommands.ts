import * as vscode from 'vscode';
import { assertNever } from '../../shared/assertNever';
import type { WebviewCommand } from '../../shared/protocol';
import { CommandId } from '../commands/ids';

/** Runs one of the few host commands the chat webview may ask for (already validated against WEBVIEW_COMMANDS). */
export function runWebviewCommand(command: WebviewCommand): void {
	switch (command) {
		case 'setApiKey':
			void vscode.commands.executeCommand(CommandId.setApiKey);
			break;
		case 'showLogs':
			void vscode.commands.executeCommand(CommandId.showLogs);
			break;
		case 'openSettings':
			void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeAssistant');
			break;
		default:
			assertNever(command);
	}
}
