import { buildFixPrompt } from '../../core/prompts/prompts';
import type { CommandDeps } from './deps';
import { createSelectionCommand } from './selection';

/** Fix Selection (Sonnet tier, the chat model, by default): asks for the fixed code in one block and what was wrong. */
export function createFixSelectionCommand(deps: CommandDeps): () => Promise<void> {
	return createSelectionCommand(deps, 'fixSelection', buildFixPrompt);
}
