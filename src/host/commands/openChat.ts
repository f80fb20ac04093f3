import type { CommandDeps } from './deps';

/** Open Chat: reveals the sidebar chat view. */
export function createOpenChatCommand(deps: CommandDeps): () => Promise<void> {
	return () => deps.chatView.reveal();
}
