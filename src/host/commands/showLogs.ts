import type { CommandDeps } from './deps';

/** Show Logs: opens the "Claude Assistant" output channel. */
export function createShowLogsCommand(deps: CommandDeps): () => Promise<void> {
	return async () => deps.logger.show();
}
