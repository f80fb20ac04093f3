/**
 * Escape anywhere in the chat (prompt box, transcript, a button) stops the running answer, like Stop. With nothing
 * running the key is left alone, so VS Code's own Escape handling (closing widgets, leaving the view) still works.
 * `stop` posts `chat/cancel` and returns false when no request runs.
 */
export function handleChatKeydown(event: KeyboardEvent, stop: () => boolean): void {
	if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) {
		return;
	}
	if (stop()) {
		event.preventDefault();
		event.stopPropagation();
	}
}
