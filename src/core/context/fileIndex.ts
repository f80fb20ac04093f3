import fuzzysort from 'fuzzysort';
import ignore, { type Ignore } from 'ignore';

/**
 * The workspace's file paths for @-mention completion: fuzzy matching through fuzzysort on paths prepared once, so a
 * keystroke over 100,000 files costs 1–30 ms in Node (bench/workbenchBench.ts measures it in the extension host).
 * Paths are workspace-relative, `/`-separated.
 */
export class FileIndex {
	private readonly prepared = new Map<string, Fuzzysort.Prepared>();
	/** The prepared paths as an array, rebuilt on the first search after a change. */
	private targets: Fuzzysort.Prepared[] | undefined;

	constructor(paths: Iterable<string> = []) {
		for (const p of paths) {
			this.prepared.set(p, fuzzysort.prepare(p));
		}
	}

	get size(): number {
		return this.prepared.size;
	}

	has(path: string): boolean {
		return this.prepared.has(path);
	}

	add(path: string): void {
		if (!this.prepared.has(path)) {
			this.prepared.set(path, fuzzysort.prepare(path));
			this.targets = undefined;
		}
	}

	/**
	 * Removes `path` and, for a folder, everything under it. A file is one lookup: a deleted folder's watcher sends an
	 * event for each of its files, so the scan over every path runs only for a path that is not a file of the index.
	 */
	remove(path: string): void {
		if (this.prepared.delete(path)) {
			this.targets = undefined;
			return;
		}
		const prefix = `${path}/`;
		for (const p of this.prepared.keys()) {
			if (p === path || p.startsWith(prefix)) {
				this.prepared.delete(p);
				this.targets = undefined;
			}
		}
	}

	/**
	 * The best `limit` paths for `query`, best first: letters in order anywhere in the path, with word starts, the file
	 * name and contiguous runs scoring higher (fuzzysort's ranking); between equal scores the shorter path wins.
	 */
	search(query: string, limit = 20): string[] {
		const q = query.trim();
		if (!q) {
			return [];
		}
		this.targets ??= [...this.prepared.values()];
		const results = fuzzysort.go(q, this.targets, { limit: limit * 2, threshold: 0.2 });
		return results
			.map((r) => ({ path: r.target, score: r.score + nameBonus(q, r.target) }))
			.sort((a, b) => b.score - a.score || a.path.length - b.path.length)
			.slice(0, limit)
			.map((r) => r.path);
	}
}

/** A small lift for a match in the file name itself (`app` finds `src/app.ts` before `app/src/x.ts`). */
function nameBonus(query: string, path: string): number {
	const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
	const q = query.toLowerCase();
	return name.startsWith(q) ? 0.2 : name.includes(q) ? 0.1 : 0;
}

/** A `.gitignore` file: the folder it is in (workspace-relative, '' for the root) and its text. */
export interface GitignoreFile {
	dir: string;
	text: string;
}

/**
 * The rules of every `.gitignore` in a workspace: a path is ignored when the rules of a `.gitignore` in one of its
 * folders say so (git's own semantics, through the `ignore` package: patterns, negations, folder rules). `.git/` is
 * always ignored.
 */
export class IgnoreRules {
	private readonly rules: Array<{ prefix: string; ig: Ignore }>;

	constructor(files: readonly GitignoreFile[]) {
		this.rules = files.map((f) => ({ prefix: f.dir ? `${f.dir}/` : '', ig: ignore().add(f.text) }));
	}

	ignores(path: string): boolean {
		if (path === '.git' || path.startsWith('.git/') || path.includes('/.git/')) {
			return true;
		}
		return this.rules.some((r) => path.startsWith(r.prefix) && r.ig.ignores(path.slice(r.prefix.length)));
	}

	/**
	 * Globs of whole folders the root `.gitignore` leaves out (`node_modules/`, `/dist`), to pass to the file search as
	 * excludes so it never lists them: only plain names, and none at all when the file has a negation (`!`), which
	 * could bring back a file inside such a folder.
	 */
	static folderExcludes(rootText: string): string[] {
		const lines = rootText.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
		if (lines.some((l) => l.startsWith('!'))) {
			return [];
		}
		const globs: string[] = [];
		for (const line of lines) {
			const m = /^(\/)?([\w.-]+)\/?$/.exec(line);
			if (m && m[2] !== '.' && m[2] !== '..') {
				globs.push(m[1] ? `${m[2]}/**` : `**/${m[2]}/**`);
			}
		}
		return globs;
	}
}
