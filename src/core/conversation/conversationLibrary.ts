import { isStoredTurn, type StoredTurn } from '../session/types';
import { cleanTitle, titleFromPrompt } from './conversationTitle';

/** One conversation in the list: what the History panel and Switch Conversation show, without its turns. */
export interface ConversationEntry {
	id: string;
	/** From the first prompt, or the user's rename; '' while the conversation has no message yet (it is not listed). */
	title: string;
	createdAt: number;
	/** When a message was last sent in it (or it was created): the list's order. */
	updatedAt: number;
	/** The model its chat messages use; absent = the claudeAssistant.model setting at request time. */
	model?: string;
}

/**
 * Where the library keeps its files; the host implements it with atomic JSON files in the extension's storage,
 * tests with a Map. Ids passed in are always {@link isSafeId}, so they may be used in file names.
 */
export interface LibraryStorage {
	readIndex(): Promise<unknown>;
	writeIndex(index: LibraryIndex): Promise<void>;
	/** A conversation's content (undefined when missing or unreadable). */
	read(id: string): Promise<unknown>;
	write(id: string, data: unknown): Promise<void>;
	remove(id: string): Promise<void>;
	/** The answer being streamed, saved on its own while it grows ({@link RunningAnswer}; undefined when none). */
	readRunning(id: string): Promise<unknown>;
	writeRunning(id: string, running: RunningAnswer): Promise<void>;
	removeRunning(id: string): Promise<void>;
	/** The single conversation.json written before there was a library: migrated once, then removed. */
	readLegacy(): Promise<unknown>;
	removeLegacy(): Promise<void>;
}

/** The index file: the list and which conversation was open, so a reload comes back to it. */
export interface LibraryIndex {
	version: 1;
	currentId: string;
	entries: ConversationEntry[];
}

/** What a conversation file holds: ChatSession.persistable() (turns, history summary state, model). */
export interface ConversationContent {
	turns: StoredTurn[];
	model?: string;
	[key: string]: unknown;
}

/**
 * The text of the answer being streamed, saved beside its conversation while it grows, so a long answer does not
 * rewrite the whole conversation several times a second. Read back into its turn while that turn is still marked
 * streaming in the conversation (a reload mid-answer); ignored once the whole conversation was saved after it.
 */
export interface RunningAnswer {
	turnId: string;
	text: string;
}

/** Ids become file names: word characters and dashes only, bounded. */
export function isSafeId(id: unknown): id is string {
	return typeof id === 'string' && /^[\w-]{1,100}$/.test(id);
}

function parseEntry(raw: unknown): ConversationEntry | undefined {
	const x = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
	if (!isSafeId(x.id) || typeof x.title !== 'string') {
		return undefined;
	}
	const entry: ConversationEntry = { id: x.id, title: x.title, createdAt: time(x.createdAt), updatedAt: time(x.updatedAt) };
	return typeof x.model === 'string' && x.model !== '' ? { ...entry, model: x.model } : entry;
}

/** Guards a stored index: unknown versions and malformed entries are dropped rather than trusted. */
export function parseIndex(raw: unknown): LibraryIndex | undefined {
	const x = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	if (x.version !== 1 || !Array.isArray(x.entries)) {
		return undefined;
	}
	const entries = x.entries.map(parseEntry).filter((e): e is ConversationEntry => e !== undefined);
	const unique = entries.filter((e, i) => entries.findIndex((o) => o.id === e.id) === i);
	return { version: 1, currentId: typeof x.currentId === 'string' ? x.currentId : '', entries: unique };
}

/** The well-formed turns of stored content (none for anything else). */
export function turnsOf(data: unknown): StoredTurn[] {
	const turns = (data as { turns?: unknown } | undefined)?.turns;
	return Array.isArray(turns) ? turns.filter(isStoredTurn) : [];
}

/** The title for content: from its first prompt, '' while there is none. */
function titleFor(turns: readonly StoredTurn[]): string {
	const first = turns.find((t) => t.role === 'user');
	return first ? titleFromPrompt(first.text) : '';
}

/**
 * Every conversation of the workspace: an index (titles, dates, model, which one is open) plus one file per
 * conversation, so switching reads one file and a streaming answer rewrites only its own. At most one conversation
 * is empty at a time (the current one): New Chat reuses it, and switching away drops it.
 */
export class ConversationLibrary {
	private entries: ConversationEntry[] = [];
	private currentId = '';
	/** Conversations with a running answer saved on its own since their last whole save. */
	private readonly running = new Set<string>();
	private readonly listeners = new Set<() => void>();
	private readonly now: () => number;
	private readonly newId: () => string;

	constructor(private readonly storage: LibraryStorage, deps: { now?: () => number; newId: () => string }) {
		this.now = deps.now ?? Date.now;
		this.newId = deps.newId;
	}

	/** Fires after the list or the current conversation changed (and the index was written). */
	onDidChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * Reads the index and returns the current conversation's content. On the first run the conversation.json of
	 * earlier versions becomes the first entry; it is removed only once its copy reads back.
	 */
	async load(): Promise<ConversationContent> {
		const index = parseIndex(await this.storage.readIndex());
		if (index) {
			this.entries = index.entries;
			this.currentId = index.currentId;
		} else {
			await this.migrate();
		}
		if (!this.get(this.currentId)) {
			this.currentId = this.newest()?.id ?? this.addEntry().id;
			await this.writeIndex();
		}
		return this.read(this.currentId);
	}

	/** The open conversation. */
	get current(): ConversationEntry {
		const entry = this.get(this.currentId);
		if (entry) {
			return entry;
		}
		const added = this.addEntry(); // only before load()
		this.currentId = added.id;
		return added;
	}

	get(id: string): ConversationEntry | undefined {
		return this.entries.find((e) => e.id === id);
	}

	/** The conversations to list: those with a message, most recently used first. */
	list(): ConversationEntry[] {
		return this.entries.filter((e) => e.title !== '').sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt).map((e) => ({ ...e }));
	}

	/** A conversation's stored content, with the model from the index; an empty conversation when there is no file. */
	async read(id: string): Promise<ConversationContent> {
		const entry = this.get(id);
		const data = entry && entry.title !== '' ? await this.storage.read(id) : undefined;
		const content: ConversationContent = { ...(typeof data === 'object' && data !== null ? data : {}), turns: turnsOf(data) };
		delete content.model;
		const streaming = content.turns.at(-1);
		if (streaming?.role === 'assistant' && streaming.status === 'streaming') {
			const running = await this.storage.readRunning(id) as Partial<RunningAnswer> | undefined;
			if (running?.turnId === streaming.id && typeof running.text === 'string') {
				content.turns[content.turns.length - 1] = { ...streaming, text: running.text };
			}
		}
		return entry?.model ? { ...content, model: entry.model } : content;
	}

	/** Makes a new, empty conversation current; false when the current one is still empty (it is kept instead). */
	async create(): Promise<boolean> {
		if (this.current.title === '') {
			return false;
		}
		this.currentId = this.addEntry().id;
		await this.writeIndex();
		return true;
	}

	/** Makes `id` current and returns its content; undefined for an unknown id. An empty current conversation is dropped. */
	async open(id: string): Promise<ConversationContent | undefined> {
		if (!this.get(id)) {
			return undefined;
		}
		const content = await this.read(id);
		const previous = this.get(this.currentId);
		this.currentId = id;
		if (previous && previous.id !== id && previous.title === '') {
			this.entries = this.entries.filter((e) => e !== previous);
		}
		await this.writeIndex();
		return content;
	}

	/**
	 * Writes a conversation's content. The first prompt gives it its title, and its model is mirrored in the index;
	 * `touch` (a message was sent) moves it to the top of the list. Content for a deleted conversation is dropped,
	 * so a late write cannot bring it back; an empty conversation gets no file.
	 */
	/** Saves the text of the answer being streamed, without the rest of the conversation (see {@link RunningAnswer}). */
	async saveRunning(id: string, running: RunningAnswer): Promise<void> {
		if (this.get(id)?.title) {
			this.running.add(id);
			await this.storage.writeRunning(id, running);
		}
	}

	async save(id: string, content: ConversationContent, options: { touch?: boolean } = {}): Promise<void> {
		const entry = this.get(id);
		if (!entry) {
			return;
		}
		let changed = false;
		if (entry.title === '' && content.turns.length > 0) {
			entry.title = titleFor(content.turns);
			changed = true;
		}
		const model = content.model || undefined;
		if (model !== entry.model) {
			if (model) {
				entry.model = model;
			} else {
				delete entry.model;
			}
			changed = true;
		}
		if (options.touch) {
			entry.updatedAt = this.now();
			changed = true;
		}
		if (entry.title !== '') {
			await this.storage.write(id, content);
			if (this.running.delete(id)) {
				await this.storage.removeRunning(id); // the conversation now holds the answer's text
			}
		}
		if (changed) {
			await this.writeIndex();
		}
	}

	/** Renames a conversation; false for an unknown id or a blank title. */
	async rename(id: string, title: string): Promise<boolean> {
		const entry = this.get(id);
		const clean = cleanTitle(title);
		if (!entry || !clean) {
			return false;
		}
		entry.title = clean;
		await this.writeIndex();
		return true;
	}

	/**
	 * Deletes a conversation and its file; false for an unknown id. Deleting the current one opens the most recent
	 * other (or a new, empty one): compare `current` before and after.
	 */
	async remove(id: string): Promise<boolean> {
		const entry = this.get(id);
		if (!entry) {
			return false;
		}
		this.entries = this.entries.filter((e) => e !== entry);
		if (id === this.currentId) {
			this.currentId = this.newest()?.id ?? this.addEntry().id;
		}
		await this.storage.remove(id);
		await this.writeIndex();
		return true;
	}

	private newest(): ConversationEntry | undefined {
		const first = this.list()[0];
		return first && this.get(first.id);
	}

	private addEntry(): ConversationEntry {
		const now = this.now();
		const entry: ConversationEntry = { id: this.newId(), title: '', createdAt: now, updatedAt: now };
		this.entries.push(entry);
		return entry;
	}

	private async migrate(): Promise<void> {
		const legacy = await this.storage.readLegacy();
		const turns = turnsOf(legacy);
		if (turns.length === 0) {
			return;
		}
		const entry = this.addEntry();
		entry.title = titleFor(turns);
		this.currentId = entry.id;
		await this.storage.write(entry.id, legacy);
		await this.writeIndex();
		if (turnsOf(await this.storage.read(entry.id)).length === turns.length) {
			await this.storage.removeLegacy();
		}
	}

	private async writeIndex(): Promise<void> {
		await this.storage.writeIndex({ version: 1, currentId: this.currentId, entries: this.entries.map((e) => ({ ...e })) });
		for (const listener of [...this.listeners]) {
			listener();
		}
	}
}
