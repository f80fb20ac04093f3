import * as vscode from 'vscode';
import { modelFor } from '../../core/settings/configSchema';
import { modelWithPrice } from '../../core/models/modelChoices';
import { buildAskPrompt, formatLineRange } from '../../core/prompts/prompts';
import type { CommandDeps } from './deps';
import { currentSelection, reportNoSelection, toAttachment } from './selection';
import { sendToChat } from './sendToChat';

/**
 * Ask the Opus Tier: one hard question for the most capable (and priciest) tier, which the input box names with its
 * price so the choice is deliberate. A non-empty selection is attached; an empty or cancelled question sends nothing.
 */
export function createAskOpusCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const model = modelFor(deps.getConfig(), 'askOpus');
		const selection = currentSelection();
		if (!selection.ok && selection.reason === 'tooLarge') {
			reportNoSelection(deps, selection.message);
			return;
		}
		const attached = selection.ok ? selection.input : undefined;
		const question = await vscode.window.showInputBox({
			title: 'Claude: Ask the Opus Tier',
			placeHolder: `Ask Claude Opus (${modelWithPrice(model)})…`,
			prompt: attached
				? `The selection (${attached.file}, ${formatLineRange(attached.startLine, attached.endLine)}) is attached to the question.`
				: 'Nothing is attached; select code first to ask about it.',
			ignoreFocusOut: true,
		});
		if (!question?.trim()) {
			return;
		}
		const prompt = buildAskPrompt({ question, selection: attached });
		await sendToChat(deps, { heading: prompt.heading, prompt: prompt.userText, code: attached && toAttachment(attached), command: 'askOpus' });
	};
}
