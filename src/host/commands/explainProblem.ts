import { buildExplainProblemPrompt } from '../../core/prompts/problemPrompts';
import type { CommandDeps } from './deps';
import { askAboutProblem } from './problemCommand';

/**
 * Explain this problem with Claude (Quick Fix): the diagnostic, who reported it and the code around it go to the chat
 * on the Explain model; the code is attached as the turn's code, so the chat shows what was sent.
 */
export function createExplainProblemCommand(deps: CommandDeps): (uri?: unknown, diagnostic?: unknown) => Promise<void> {
	return async (uri?: unknown, diagnostic?: unknown) => {
		await askAboutProblem(deps, { uri, diagnostic }, { title: 'Explain this problem with Claude', build: buildExplainProblemPrompt, command: 'explainSelection' });
	};
}
