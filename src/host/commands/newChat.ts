import type { CommandDeps } from './deps';

/** New Chat: stops any running request and starts an empty conversation. */
export function createNewChatCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		deps.session.clear();
		await deps.chatView.sendInit();
		await deps.chatView.reveal();
	};
}
