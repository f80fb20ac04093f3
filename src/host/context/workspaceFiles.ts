import * as vscode from 'vscode';
import { FileIndex, IgnoreRules, type GitignoreFile } from '../../core/context/fileIndex';
import type { Logger } from '../../core/log/logger';
import { Disposable } from '../lifecycle';

/** Most files indexed for @-mentions; a larger workspace is indexed up to here (and the log says so). */
export const MAX_INDEXED_FILES = 500_000;

/**
 * The workspace's files for @-mention completion, indexed on the first `@` and then kept current by a file watcher.
 * `files.exclude` applies (VS Code's file search) and so do the `.gitignore` files: folders the root one names are
 * never listed, and every file left is checked against all of them.
 */
export class WorkspaceFiles extends Disposable {
	private index: Promise<FileIndex> | undefined;
	private rules: IgnoreRules | undefined;
	private watching = false;
	/** Workspace-relative path → URI of every indexed file. */
	private readonly uris = new Map<string, vscode.Uri>();

	constructor(private readonly logger: Logger) {
		super();
	}

	/** Keeps the index current from the first `@` on (nothing is watched or listed before). */
	private watch(): void {
		const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
		this._register(watcher.onDidCreate((uri) => void this.created(uri)));
		this._register(watcher.onDidDelete((uri) => void this.deleted(uri)));
		const gitignores = this._register(vscode.workspace.createFileSystemWatcher('**/.gitignore', true, false, true));
		this._register(gitignores.onDidChange(() => this.invalidate()));
		this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()));
		this._register(vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration('files.exclude')) {
				this.invalidate();
			}
		}));
	}

	/** The index, built on first use (every later call gets the same one until a `.gitignore` or folder changes). */
	ready(): Promise<FileIndex> {
		if (!this.watching) {
			this.watching = true;
			this.watch();
		}
		this.index ??= this.build().catch((err: unknown) => {
			this.logger.warn('mentions', `could not list the workspace's files: ${err instanceof Error ? err.message : String(err)}`);
			this.index = undefined;
			return new FileIndex();
		});
		return this.index;
	}

	/** The URI of an indexed path. */
	uri(path: string): vscode.Uri | undefined {
		return this.uris.get(path);
	}

	private invalidate(): void {
		this.index = undefined;
		this.rules = undefined;
		this.uris.clear();
	}

	private async build(): Promise<FileIndex> {
		const started = Date.now();
		const folders = vscode.workspace.workspaceFolders ?? [];
		const gitignores = await this.readGitignores();
		const rules = new IgnoreRules(gitignores);
		const found: vscode.Uri[] = [];
		for (const folder of folders) {
			const root = gitignores.find((g) => g.dir === this.relative(folder.uri));
			const excludes = ['**/.git/**', ...IgnoreRules.folderExcludes(root?.text ?? '')];
			const pattern = new vscode.RelativePattern(folder, '**/*');
			found.push(...await vscode.workspace.findFiles(pattern, `{${excludes.join(',')}}`, MAX_INDEXED_FILES - found.length));
		}
		const index = new FileIndex();
		for (const uri of found) {
			const path = this.relative(uri);
			if (!rules.ignores(path)) {
				this.uris.set(path, uri);
				index.add(path);
			}
		}
		this.rules = rules;
		this.logger.info('mentions', `indexed ${index.size} files (${found.length - index.size} ignored by .gitignore) in ${Date.now() - started} ms`
			+ (found.length >= MAX_INDEXED_FILES ? `; stopped at ${MAX_INDEXED_FILES}` : ''));
		return index;
	}

	/** Every `.gitignore` of the workspace (`files.exclude` applies to them too), with its folder. */
	private async readGitignores(): Promise<GitignoreFile[]> {
		const files = await vscode.workspace.findFiles('**/.gitignore', '**/node_modules/**', 1000);
		const read = await Promise.all(files.map(async (uri): Promise<GitignoreFile | undefined> => {
			try {
				const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
				const path = this.relative(uri);
				return { dir: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', text };
			} catch {
				return undefined;
			}
		}));
		return read.filter((g): g is GitignoreFile => g !== undefined);
	}

	/** Workspace-relative, `/`-separated; in a multi-root workspace it starts with the folder's name. */
	private relative(uri: vscode.Uri): string {
		const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
		return vscode.workspace.asRelativePath(uri, multiRoot);
	}

	/**
	 * The index and the path a watcher event is about, or undefined when there is nothing to update: no index yet, or
	 * a `.gitignore` changed, which drops the index so the next `@` builds it again under the new rules.
	 */
	private watched(uri: vscode.Uri): { index: Promise<FileIndex>; path: string } | undefined {
		const index = this.index;
		if (!index) {
			return undefined;
		}
		const path = this.relative(uri);
		if (path.endsWith('.gitignore')) {
			this.invalidate();
			return undefined;
		}
		return { index, path };
	}

	private async created(uri: vscode.Uri): Promise<void> {
		const { index, path } = this.watched(uri) ?? {};
		if (!index || path === undefined) {
			return;
		}
		const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
		if (stat?.type === vscode.FileType.File && this.rules && !this.rules.ignores(path)) {
			this.uris.set(path, uri);
			(await index).add(path);
		}
	}

	private async deleted(uri: vscode.Uri): Promise<void> {
		const { index, path } = this.watched(uri) ?? {};
		if (!index || path === undefined) {
			return;
		}
		(await index).remove(path);
		if (this.uris.delete(path)) {
			return; // a file: its folder's other files are not touched
		}
		for (const p of this.uris.keys()) {
			if (p.startsWith(`${path}/`)) {
				this.uris.delete(p);
			}
		}
	}
}
