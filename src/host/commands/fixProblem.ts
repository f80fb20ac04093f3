import * as vscode from 'vscode';
import { buildFixProblemPrompt, firstCodeBlock } from '../../core/prompts/problemPrompts';
import type { CommandDeps } from './deps';
import { askAboutProblem } from './problemCommand';

/**
 * Fix with Claude (Quick Fix): asks, in the chat and on the Fix model, for the corrected lines around the problem;
 * once the answer is complete, its code block goes through Replace → diff → Apply on those lines (nothing changes
 * until Apply; one Undo step). A stopped, failed or code-less answer, or a file edited meanwhile, changes nothing.
 */
export function createFixProblemCommand(deps: CommandDeps): (uri?: unknown, diagnostic?: unknown) => Promise<void> {
	return async (uri?: unknown, diagnostic?: unknown) => {
		const asked = await askAboutProblem(deps, { uri, diagnostic }, { title: 'Fix with Claude', build: buildFixProblemPrompt, command: 'fixSelection' });
		if (!asked) {
			return;
		}
		const { document, version, range, input } = asked;
		const answer = deps.session.snapshot().turns.at(-1);
		if (answer?.role !== 'assistant' || answer.status !== 'complete') {
			return; // stopped, failed or cut: the chat says so, and nothing is proposed
		}
		const code = firstCodeBlock(answer.text);
		if (code === undefined) {
			deps.chatView.notify('Claude\'s answer has no code block to apply; nothing was changed.', 'info');
			return;
		}
		if (document.isClosed || document.version !== version) {
			deps.chatView.notify(`${input.file} changed while Claude was answering; nothing was replaced. The code is in the answer (Replace).`, 'warning');
			return;
		}
		const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
		editor.selection = new vscode.Selection(range.start, range.end);
		await deps.editorActions.proposeReplacement(editor, code);
	};
}
