import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BatchFile } from '../../core/batch/batchRequests';
import { checkFileSize, checkTextForSending, MAX_FILE_BYTES } from '../../core/editor/fileCheck';
import { fileLabel } from '../commands/fileLabel';
import { DELETED_STATUSES, gitRepositories } from '../git';

/**
 * Which files a batch is about, and their text: the Explorer's selection (folders expanded), a glob, or the working
 * tree's changes (VS Code's git extension). Each file is checked the way Summarize File checks one; what cannot be sent
 * is left out and listed with why.
 */

/** Most files one Batch command takes: the benchmark's largest run. More is refused, with a hint to narrow the choice. */
export const MAX_BATCH_FILES = 10_000;

/** Files read at once: enough to keep the disk busy, few enough to keep memory flat. */
const READ_CONCURRENCY = 32;

export interface BatchInput extends BatchFile {
	uri: string;
}

export interface GatheredFiles {
	files: BatchInput[];
	skipped: Array<{ path: string; reason: string }>;
}

/** Every file under `uris`: a file as itself, a folder as the files inside it (`files.exclude` applies); each once. */
export async function expandToFiles(uris: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
	const seen = new Map<string, vscode.Uri>();
	for (const uri of uris) {
		const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
		if (stat && stat.type & vscode.FileType.Directory) {
			for (const file of await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), undefined, MAX_BATCH_FILES + 1)) {
				seen.set(file.toString(), file);
			}
		} else {
			seen.set(uri.toString(), uri);
		}
	}
	return [...seen.values()];
}

/** The workspace's files matching `glob` (`files.exclude` applies). */
export function filesMatching(glob: string): Thenable<vscode.Uri[]> {
	return vscode.workspace.findFiles(glob, undefined, MAX_BATCH_FILES + 1);
}

/** The files changed in the working tree or the index of every open repository, or why they cannot be listed. */
export async function changedFiles(): Promise<vscode.Uri[] | { error: string }> {
	const api = await gitRepositories();
	if ('error' in api) {
		return api;
	}
	const seen = new Map<string, vscode.Uri>();
	for (const repo of api.repositories) {
		await repo.status(); // a file changed a moment ago is in the state
		const { workingTreeChanges, indexChanges, untrackedChanges = [] } = repo.state;
		for (const change of [...indexChanges, ...workingTreeChanges, ...untrackedChanges]) {
			if (!DELETED_STATUSES.has(change.status)) {
				seen.set(change.uri.toString(), change.uri);
			}
		}
	}
	return [...seen.values()];
}

/**
 * Reads and checks each file (the editor's text for one with unsaved changes), in path order: binary, empty, too
 * large and unreadable files are skipped with the reason. Stops early when `token` is canceled.
 */
export async function readForBatch(uris: readonly vscode.Uri[], token?: vscode.CancellationToken, progress?: (done: number) => void): Promise<GatheredFiles> {
	const open = new Map(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => [d.uri.toString(), d]));
	const results: Array<BatchInput | { path: string; reason: string }> = [];
	for (let i = 0; i < uris.length && !token?.isCancellationRequested; i += READ_CONCURRENCY) {
		results.push(...await Promise.all(uris.slice(i, i + READ_CONCURRENCY).map((uri) => readCheckedFile(uri, open.get(uri.toString())))));
		progress?.(Math.min(uris.length, i + READ_CONCURRENCY));
	}
	const gathered: GatheredFiles = { files: [], skipped: [] };
	for (const r of results.sort((a, b) => a.path.localeCompare(b.path))) {
		if ('reason' in r) {
			gathered.skipped.push(r);
		} else {
			gathered.files.push(r);
		}
	}
	return gathered;
}

/**
 * One file's text, checked like Summarize File's: `dirty` is its open document with unsaved changes (read instead of
 * the disk), or why it cannot be sent (binary, empty, over 200 KB, gone, unreadable). Also reads files attached to the chat.
 */
export async function readCheckedFile(uri: vscode.Uri, dirty: vscode.TextDocument | undefined): Promise<BatchInput | { path: string; reason: string }> {
	const file = fileLabel(uri);
	let bytes: Uint8Array;
	try {
		if (dirty) {
			bytes = new TextEncoder().encode(dirty.getText());
		} else {
			// a local file through Node (the extension host's own disk: several times faster over 10,000 files), any
			// other scheme (remote, virtual) through VS Code
			const local = uri.scheme === 'file';
			const size = local ? (await fsp.stat(uri.fsPath)).size : (await vscode.workspace.fs.stat(uri)).size;
			const tooLarge = checkFileSize(size, { maxBytes: MAX_FILE_BYTES });
			if (tooLarge) {
				return { path: file, reason: tooLarge.message };
			}
			bytes = local ? await fsp.readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
		}
	} catch (err) {
		const gone = (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') || (err as NodeJS.ErrnoException)?.code === 'ENOENT';
		return { path: file, reason: gone ? 'no longer exists' : 'cannot be read' };
	}
	const check = checkTextForSending(bytes, { maxBytes: MAX_FILE_BYTES });
	if (!check.ok) {
		return { path: file, reason: check.message };
	}
	return { path: file, uri: uri.toString(), languageId: dirty?.languageId ?? languageOfPath(file), text: check.text };
}

/** A language name for the prompt and the code fence, from the file's extension (opening 10,000 documents to ask VS Code would be slow). */
export function languageOfPath(file: string): string {
	const ext = path.extname(file).slice(1).toLowerCase();
	return /^[a-z0-9+#-]{1,12}$/.test(ext) ? ext : 'plaintext';
}
