import * as vscode from 'vscode';
import { modelFor } from '../../core/settings/configSchema';
import { buildAskPrompt, formatLineRange } from '../../core/prompts/prompts';
import type { CommandDeps } from './deps';
import { readSelection, toAttachment } from './selection';
import { sendToChat } from './sendToChat';

/**
 * Ask About Selection: the user's own question about the selected code, on the chat model (not a dearer tier). The
 * selection is attached; an empty or cancelled question sends nothing.
 */
export function createAskAboutSelectionCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const selection = readSelection(deps);
		if (!selection) {
			return;
		}
		const question = await vscode.window.showInputBox({
			title: 'Claude: Ask About Selection',
			placeHolder: `Ask Claude about the selection (${modelFor(deps.getConfig(), 'chat')})…`,
			prompt: `The selection (${selection.file}, ${formatLineRange(selection.startLine, selection.endLine)}) is attached to the question.`,
			ignoreFocusOut: true,
		});
		if (!question?.trim()) {
			return;
		}
		const prompt = buildAskPrompt({ question, selection });
		await sendToChat(deps, { heading: prompt.heading, prompt: prompt.userText, code: toAttachment(selection), command: 'chat' });
	};
}
