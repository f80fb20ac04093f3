import type * as vscode from 'vscode';
import type { ChatSession } from '../../core/chatSession';
import { Disposable } from '../lifecycle';

/** workspaceState key of the conversation (per workspace; never holds the key). */
export const CONVERSATION_STATE_KEY = 'claudeAssistant.conversation';

/**
 * Persists the conversation, partial answers included, so it survives hiding the view and reloading the window.
 * Writes are debounced while streaming (one write per `delayMs`, not per delta) and flushed on dispose.
 */
export class ConversationStore extends Disposable {
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly state: vscode.Memento, private readonly session: ChatSession, private readonly delayMs = 300) {
		super();
		session.restore(state.get(CONVERSATION_STATE_KEY));
		const unsubscribe = session.onEvent((e) => {
			if (e.type === 'changed') {
				this.schedule();
			}
		});
		this._register({ dispose: unsubscribe });
	}

	/** What is persisted now (what a reload would restore). */
	stored(): unknown {
		return this.state.get(CONVERSATION_STATE_KEY);
	}

	/** Writes now (also used by tests to avoid waiting). */
	flush(): Thenable<void> {
		clearTimeout(this.timer);
		this.timer = undefined;
		return this.state.update(CONVERSATION_STATE_KEY, this.session.persistable());
	}

	override dispose(): void {
		if (this.timer) {
			void this.flush();
		}
		super.dispose();
	}

	private schedule(): void {
		this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
	}
}
