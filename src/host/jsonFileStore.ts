import * as vscode from 'vscode';

/**
 * A JSON file owned by the extension (under its storage folder), written on the extension-host side. Unlike
 * Memento state, which in remote and web workbenches lives in the browser and reaches disk only on its own flush
 * schedule, a write here is on disk once the promise resolves, so a reload right after an answer loses nothing.
 * Writes are serialized and atomic (temp file, then rename).
 */
export class JsonFileStore {
	private queue: Promise<void> = Promise.resolve();

	constructor(readonly uri: vscode.Uri) {}

	/** The stored value, or undefined when missing or unreadable. */
	async read(): Promise<unknown> {
		try {
			return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri)));
		} catch {
			return undefined;
		}
	}

	/** Queues a write of `value` (serialized now, so later mutations do not leak into it). */
	write(value: unknown): Promise<void> {
		const bytes = new TextEncoder().encode(JSON.stringify(value));
		this.queue = this.queue.then(async () => {
			const tmp = this.uri.with({ path: `${this.uri.path}.tmp` });
			await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
			await vscode.workspace.fs.writeFile(tmp, bytes);
			await vscode.workspace.fs.rename(tmp, this.uri, { overwrite: true });
		}).catch(() => undefined);
		return this.queue;
	}
}
