import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { CommandName } from '../../core/request/settings';
import type { CodeAttachment } from '../../shared/protocol';
import type { Attachment } from '../../core/context/attachment';
import { CommandId } from './ids';
import type { CommandDeps } from './deps';

/**
 * Shared tail of the commands that send to the chat (selection commands, Summarize File, Ask Opus): open the chat,
 * add the turn, stream the answer.
 * With no key the turn is still added (so nothing the user asked is lost) and fails with "No API key";
 * a notification offers Set API Key. Nothing is sent.
 */
export async function sendToChat(
	deps: CommandDeps,
	req: { heading: string; prompt: string; code?: CodeAttachment; command: CommandName; attachments?: Attachment[] },
): Promise<void> {
	await deps.chatView.reveal();
	// A key store that cannot be read is reported by the request itself (in the chat, with its cause in the log).
	const noKey = await deps.keys.get().then(({ key }) => !key, () => false);
	if (noKey) {
		void vscode.window.showWarningMessage('No API key: nothing was sent to Claude.', 'Set API Key').then((choice) => {
			if (choice) {
				void vscode.commands.executeCommand(CommandId.setApiKey);
			}
		});
	}
	await deps.session.send({ requestId: randomUUID(), text: req.heading, prompt: req.prompt, code: req.code, command: req.command, attachments: req.attachments });
}
