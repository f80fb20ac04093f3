import { buildWriteTestsPrompt } from '../../core/prompts/prompts';
import type { CommandDeps } from './deps';
import { createSelectionCommand } from './selection';

/** Write Tests for Selection (Sonnet tier by default): tests in the framework the language's projects most likely use. */
export function createWriteTestsCommand(deps: CommandDeps): () => Promise<void> {
	return createSelectionCommand(deps, 'writeTests', buildWriteTestsPrompt);
}
