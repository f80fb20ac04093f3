import * as vscode from 'vscode';
import type { BuiltPrompt } from '../../core/prompts/prompts';
import type { ProblemPromptInput } from '../../core/prompts/problemPrompts';
import type { CommandName } from '../../core/request/settings';
import { problemArgs, problemRegion } from '../code/problemActions';
import type { CommandDeps } from './deps';
import { sendToChat } from './sendToChat';

/** What a Quick Fix command asked about: the document as it was when asked, and the region around the problem. */
export interface AskedProblem {
	document: vscode.TextDocument;
	version: number;
	range: vscode.Range;
	input: ProblemPromptInput;
}

/**
 * The shared part of Explain this problem and Fix with Claude: checks the Quick Fix's arguments, builds the prompt
 * from the problem and the lines around it, and sends it to the chat with the region as the turn's code. Resolves
 * when the answer has ended; undefined when the command was run without a problem (it says where to find it).
 */
export async function askAboutProblem(
	deps: CommandDeps,
	args: { uri: unknown; diagnostic: unknown },
	opts: { title: string; build: (input: ProblemPromptInput) => BuiltPrompt; command: CommandName },
): Promise<AskedProblem | undefined> {
	const checked = problemArgs(args.uri, args.diagnostic);
	if (!checked) {
		void vscode.window.showInformationMessage(`${opts.title} runs from the Quick Fix menu (the lightbulb) of a problem in the editor.`);
		return undefined;
	}
	const document = await vscode.workspace.openTextDocument(checked.uri);
	const { input, range } = problemRegion(document, checked.diagnostic);
	const version = document.version;
	const prompt = opts.build(input);
	await sendToChat(deps, {
		heading: prompt.heading,
		prompt: prompt.userText,
		code: { file: input.file, languageId: input.languageId, text: input.code, startLine: input.startLine, endLine: input.endLine },
		command: opts.command,
	});
	return { document, version, range, input };
}
