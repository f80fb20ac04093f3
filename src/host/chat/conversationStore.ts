import * as vscode from 'vscode';
import type { ChatSession } from '../../core/session/chatSession';
import type { ConversationContent, ConversationEntry, ConversationLibrary } from '../../core/conversation/conversationLibrary';
import { Disposable } from '../lifecycle';

/** How long a stopped request may take to end before a switch goes ahead anyway. */
const SETTLE_TIMEOUT_MS = 5_000;

/**
 * Keeps the session's conversation in the library: persists it (partial answers included) so it survives hiding
 * the view and reloading the window, and swaps it when the user opens another one. The start and end of a request
 * write the whole conversation at once; while the answer streams only its text is written (at most once per
 * `delayMs`, see RunningAnswer), and dispose writes everything. A running answer is stopped (and kept, marked stopped) before the conversation changes.
 */
export class ConversationStore extends Disposable {
	private timer: ReturnType<typeof setTimeout> | undefined;
	/** The conversation the session holds: its content is saved under this id. '' until loaded. */
	private loadedId = '';
	/** Resolves once the current conversation has been restored into the session. */
	readonly ready: Promise<void>;
	private readonly _onDidSwitch = this._register(new vscode.EventEmitter<void>());
	/** The session now holds another conversation (New Chat, switch, delete): a view must be re-initialized. */
	readonly onDidSwitch = this._onDidSwitch.event;
	private readonly _onDidChangeList = this._register(new vscode.EventEmitter<void>());
	/** The list changed: a title, the order, an entry added or removed, or which one is open. */
	readonly onDidChangeList = this._onDidChangeList.event;

	constructor(private readonly library: ConversationLibrary, private readonly session: ChatSession, private readonly delayMs = 300) {
		super();
		this._register({ dispose: library.onDidChange(() => this._onDidChangeList.fire()) });
		this.ready = library.load().then(async (content) => {
			if (session.snapshot().turns.length > 0) {
				// A command sent something before the library was read: it starts a conversation of its own.
				await library.create();
			} else {
				session.restore(content);
			}
			this.loadedId = library.current.id;
			if (session.snapshot().turns.length > 0) {
				await this.flush(true);
			}
		});
		// the question is on disk at once, and the conversation moves to the top
		this._register(session.onDidStart(() => void this.flush(true)));
		// While text streams in, only the answer's text, debounced; a finished, stopped or failed answer: all, at once.
		this._register(session.onDidChange(() => session.busy ? this.schedule() : void this.flush()));
	}

	/** The open conversation's entry. */
	get current(): ConversationEntry {
		return this.library.current;
	}

	/** The listed conversations, most recent first. */
	list(): ConversationEntry[] {
		return this.library.list();
	}

	get(id: string): ConversationEntry | undefined {
		return this.library.get(id);
	}

	/** What a reload would restore (the open conversation, read back from disk). */
	async stored(): Promise<ConversationContent> {
		await this.ready;
		return this.library.read(this.loadedId);
	}

	/** A conversation's content: the live session for the open one, else its file. */
	async content(id: string): Promise<ConversationContent> {
		await this.ready;
		return id === this.loadedId ? this.session.persistable() : this.library.read(id);
	}

	/** Writes now (also used by tests to avoid waiting); `touch` moves the conversation to the top of the list. */
	flush(touch = false): Promise<void> {
		clearTimeout(this.timer);
		this.timer = undefined;
		return this.loadedId ? this.library.save(this.loadedId, this.session.persistable(), { touch }) : Promise.resolve();
	}

	/** New Chat: an empty conversation, the current one kept in the list (an empty current one is reused). */
	async newConversation(): Promise<void> {
		await this.leave();
		if (await this.library.create()) {
			this.session.restore({ turns: [] });
		} else if (this.session.model) {
			this.setModel(undefined); // the empty conversation is reused, but a new chat starts on the default model
		}
		this.loadedId = this.library.current.id;
		this._onDidSwitch.fire();
	}

	/** Opens a listed conversation; false for an unknown id. */
	async switchTo(id: string): Promise<boolean> {
		await this.ready;
		if (!this.library.get(id)) {
			return false;
		}
		if (id !== this.loadedId) {
			await this.leave();
			const content = await this.library.open(id);
			if (!content) {
				return false;
			}
			this.show(content);
		}
		return true;
	}

	/** Renames a conversation; false for an unknown id or a blank title. */
	async rename(id: string, title: string): Promise<boolean> {
		await this.ready;
		return this.library.rename(id, title);
	}

	/** Deletes a conversation; deleting the open one opens the most recent other (or an empty one). */
	async remove(id: string): Promise<boolean> {
		await this.ready;
		const open = id === this.loadedId;
		if (open) {
			await this.settle();
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		if (!(await this.library.remove(id))) {
			return false;
		}
		if (open) {
			this.show(await this.library.read(this.library.current.id));
		}
		return true;
	}

	/** The open conversation's model for chat messages (undefined: the claudeAssistant.model setting). */
	get model(): string | undefined {
		return this.session.model;
	}

	setModel(model: string | undefined): void {
		this.session.model = model; // 'changed' → written, and mirrored in the index
	}

	override dispose(): void {
		if (this.timer) {
			void this.flush();
		}
		super.dispose();
	}

	/** Before the session gets another conversation: stop a running answer and write this one. */
	private async leave(): Promise<void> {
		await this.ready;
		await this.settle();
		await this.flush();
	}

	private show(content: ConversationContent): void {
		this.session.restore(content);
		this.loadedId = this.library.current.id;
		this._onDidSwitch.fire();
	}

	/** Stops the running request, if any, and waits until its answer has ended (kept, marked stopped). */
	private async settle(): Promise<void> {
		const requestId = this.session.activeRequestId;
		if (!requestId) {
			return;
		}
		let subscription: { dispose(): void } | undefined;
		const ended = new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, SETTLE_TIMEOUT_MS);
			subscription = this.session.onDidEnd((m) => {
				if (m.requestId === requestId) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
		this.session.cancel(requestId);
		await ended;
		subscription?.dispose();
	}

	private schedule(): void {
		this.timer ??= setTimeout(() => void this.saveRunning(), this.delayMs);
	}

	/** Saves the streaming answer's text on its own (the rest was written when the request started). */
	private saveRunning(): Promise<void> {
		this.timer = undefined;
		const turn = this.session.activeTurn();
		return turn && this.loadedId ? this.library.saveRunning(this.loadedId, { turnId: turn.id, text: turn.text }) : this.flush();
	}
}
