import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';

/**
 * A JSON file owned by the extension (under its storage folder), written on the extension-host side. Unlike
 * Memento state, which in remote and web workbenches lives in the browser and reaches disk only on its own flush
 * schedule, a write here is on disk once the promise resolves, so a reload right after an answer loses nothing.
 * Writes are serialized and atomic: a temp file, then a rename over the target. For `file:` URIs (the extension
 * host's own storage, always local to it) that rename is Node's, which replaces the target in one step;
 * `workspace.fs.rename` with `overwrite` deletes the target first, so an extension host stopped between the two
 * steps (a window reload right after an answer) lost the whole file. A temp file left behind is read as a fallback.
 */
export class JsonFileStore {
	private queue: Promise<void> = Promise.resolve();

	constructor(readonly uri: vscode.Uri) {}

	/** The stored value, or undefined when missing or unreadable. */
	async read(): Promise<unknown> {
		return (await readJson(this.uri)) ?? readJson(this.tmp);
	}

	private get tmp(): vscode.Uri {
		return this.uri.with({ path: `${this.uri.path}.tmp` });
	}

	/** Queues a write of `value` (serialized now, so later mutations do not leak into it). */
	write(value: unknown): Promise<void> {
		const bytes = new TextEncoder().encode(JSON.stringify(value));
		this.queue = this.queue.then(async () => {
			const tmp = this.tmp;
			await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
			await vscode.workspace.fs.writeFile(tmp, bytes);
			if (this.uri.scheme === 'file') {
				await fsp.rename(tmp.fsPath, this.uri.fsPath);
			} else {
				await vscode.workspace.fs.rename(tmp, this.uri, { overwrite: true });
			}
		}).catch(() => undefined);
		return this.queue;
	}

	/** Queues the file's removal, after any pending write; a missing file is not an error. */
	delete(): Promise<void> {
		const remove = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.delete(uri, { useTrash: false })).catch(() => undefined);
		this.queue = this.queue.then(async () => {
			await remove(this.uri);
			await remove(this.tmp); // so a deleted file cannot come back from a left-over temp file
		});
		return this.queue;
	}
}

async function readJson(uri: vscode.Uri): Promise<unknown> {
	try {
		return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
	} catch {
		return undefined;
	}
}
