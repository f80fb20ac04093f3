import { buildAddDocsPrompt } from '../../core/prompts/prompts';
import type { CommandDeps } from './deps';
import { createSelectionCommand } from './selection';

/** Add Docs to Selection (Haiku tier by default): the code back with doc comments in the language's convention. */
export function createAddDocsCommand(deps: CommandDeps): () => Promise<void> {
	return createSelectionCommand(deps, 'addDocs', buildAddDocsPrompt);
}
