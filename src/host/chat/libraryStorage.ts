import * as vscode from 'vscode';
import { isSafeId, type LibraryIndex, type LibraryStorage, type RunningAnswer } from '../../core/conversation/conversationLibrary';
import { JsonFileStore } from '../jsonFileStore';

/**
 * The conversation library on disk, in the extension's storage folder: `conversations/index.json` plus one
 * `conversations/<id>.json` per conversation (and `<id>.running.json` while an answer streams), each written
 * atomically and in order by its own JsonFileStore.
 */
export class JsonLibraryStorage implements LibraryStorage {
	private readonly index: JsonFileStore;
	private readonly files = new Map<string, JsonFileStore>();

	/** `legacy` is the single conversation.json of versions before the library, migrated on first run. */
	constructor(private readonly dir: vscode.Uri, private readonly legacy: JsonFileStore) {
		this.index = new JsonFileStore(vscode.Uri.joinPath(dir, 'index.json'));
	}

	readIndex(): Promise<unknown> {
		return this.index.read();
	}

	writeIndex(index: LibraryIndex): Promise<void> {
		return this.index.write(index);
	}

	read(id: string): Promise<unknown> {
		return this.file(id).read();
	}

	write(id: string, data: unknown): Promise<void> {
		return this.file(id).write(data);
	}

	async remove(id: string): Promise<void> {
		await this.file(id).delete();
		await this.file(id, '.running').delete();
		this.files.delete(id);
		this.files.delete(`${id}.running`);
	}

	readRunning(id: string): Promise<unknown> {
		return this.file(id, '.running').read();
	}

	writeRunning(id: string, running: RunningAnswer): Promise<void> {
		return this.file(id, '.running').write(running);
	}

	async removeRunning(id: string): Promise<void> {
		await this.file(id, '.running').delete();
	}

	readLegacy(): Promise<unknown> {
		return this.legacy.read();
	}

	removeLegacy(): Promise<void> {
		return this.legacy.delete();
	}

	/** A file of a conversation, `<id><suffix>.json` (one store per file, so its writes stay in order). */
	private file(id: string, suffix: '' | '.running' = ''): JsonFileStore {
		if (!isSafeId(id)) {
			throw new Error(`not a conversation id: ${JSON.stringify(id).slice(0, 40)}`);
		}
		const name = `${id}${suffix}`;
		let store = this.files.get(name);
		if (!store) {
			store = new JsonFileStore(vscode.Uri.joinPath(this.dir, `${name}.json`));
			this.files.set(name, store);
		}
		return store;
	}
}
