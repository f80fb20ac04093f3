import type { CommandDeps } from './deps';

/** Focus Chat (keyboard): opens the chat and puts the cursor in its prompt box, from anywhere in VS Code. */
export function createFocusChatCommand(deps: CommandDeps): () => Promise<void> {
	return () => deps.chatView.focusComposer();
}
