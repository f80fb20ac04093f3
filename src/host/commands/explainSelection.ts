import { buildExplainPrompt } from '../../core/prompts/prompts';
import type { CommandDeps } from './deps';
import { createSelectionCommand } from './selection';

/** Explain Selection (Haiku tier by default): sends the selected code with its language, relative path and line range. */
export function createExplainSelectionCommand(deps: CommandDeps): () => Promise<void> {
	return createSelectionCommand(deps, 'explainSelection', buildExplainPrompt);
}
