import * as vscode from 'vscode';
import { fillCustomAction, parseCustomActions, type CustomAction } from '../../core/prompts/customActions';
import type { CommandDeps } from './deps';
import { readSelection, toAttachment } from './selection';
import { sendToChat } from './sendToChat';

/** The actions from `claudeAssistant.customActions`, with skipped entries logged (once per run, as they are read). */
function readActions(deps: CommandDeps): { actions: CustomAction[]; skipped: number } {
	const { actions, warnings } = parseCustomActions(deps.getConfig().customActions);
	for (const warning of warnings) {
		deps.logger.warn('customActions', warning);
	}
	return { actions, skipped: warnings.length };
}

async function offerSettings(message: string): Promise<void> {
	if (await vscode.window.showInformationMessage(message, 'Open Settings')) {
		await vscode.commands.executeCommand('workbench.action.openSettings', 'claudeAssistant.customActions');
	}
}

/**
 * Run Custom Action…: picks one of the user's own prompt templates by title (or takes the title as the command's
 * argument, for keybindings), fills it from the selection and sends it to the chat on the chat model.
 */
export function createRunCustomActionCommand(deps: CommandDeps): (title?: unknown) => Promise<void> {
	return async (title?: unknown) => {
		const { actions, skipped } = readActions(deps);
		if (actions.length === 0) {
			const why = skipped > 0 ? `${skipped} entr${skipped === 1 ? 'y was' : 'ies were'} skipped as invalid (see Claude: Show Logs)` : 'none are defined';
			await offerSettings(`No custom actions: ${why}. Add { "title", "prompt" } entries to claudeAssistant.customActions.`);
			return;
		}
		const selection = readSelection(deps);
		if (!selection) {
			return;
		}
		const action = typeof title === 'string' && actions.find((a) => a.title === title)
			|| (await vscode.window.showQuickPick(actions.map((a) => ({ label: a.title, detail: a.prompt.replace(/\s+/g, ' ').slice(0, 120), action: a })), {
				title: 'Claude: Run Custom Action',
				placeHolder: 'Run which action on the selection?',
				matchOnDetail: true,
			}))?.action;
		if (!action) {
			return;
		}
		const prompt = fillCustomAction(action, selection);
		await sendToChat(deps, { heading: prompt.heading, prompt: prompt.userText, code: toAttachment(selection), command: 'chat' });
	};
}
