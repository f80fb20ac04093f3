import type { CommandDeps } from './deps';

/** New Chat: stops any running request and starts an empty conversation; the previous one stays in the list. */
export function createNewChatCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		await deps.conversationStore.newConversation(); // the chat view re-initializes on the switch
		await deps.chatView.reveal();
	};
}
