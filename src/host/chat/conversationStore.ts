import type { ChatSession } from '../../core/chatSession';
import type { JsonFileStore } from '../jsonFileStore';
import { Disposable } from '../lifecycle';

/**
 * Persists the conversation, partial answers included, so it survives hiding the view and reloading the window.
 * Writes are debounced while streaming (one write per `delayMs`, not per delta); the end of a request and New Chat
 * are written at once, and dispose flushes.
 */
export class ConversationStore extends Disposable {
	private timer: ReturnType<typeof setTimeout> | undefined;
	/** Resolves once the stored conversation has been restored into the session. */
	readonly ready: Promise<void>;

	constructor(private readonly file: JsonFileStore, private readonly session: ChatSession, private readonly delayMs = 300) {
		super();
		this.ready = file.read().then((stored) => {
			if (session.snapshot().turns.length === 0) {
				session.restore(stored);
			}
		});
		const unsubscribe = session.onEvent((e) => {
			if (e.type === 'changed') {
				// Debounce only while text streams in; a finished, stopped or failed answer is written at once.
				if (session.busy) {
					this.schedule();
				} else {
					void this.flush();
				}
			}
		});
		this._register({ dispose: unsubscribe });
	}

	/** What a reload would restore (read back from disk). */
	stored(): Promise<unknown> {
		return this.file.read();
	}

	/** Writes now (also used by tests to avoid waiting). */
	flush(): Promise<void> {
		clearTimeout(this.timer);
		this.timer = undefined;
		return this.file.write(this.session.persistable());
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
