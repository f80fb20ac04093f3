import type { CommandDeps } from './deps';

/** Stop Answer: stops the answer being written (also while it waits to retry), keeping what arrived, marked Stopped. */
export function createStopAnswerCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const requestId = deps.session.activeRequestId;
		if (requestId) {
			deps.session.cancel(requestId);
		}
	};
}
