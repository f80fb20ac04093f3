import * as vscode from 'vscode';
import type { MentionItem } from '../../shared/protocol';
import { fileLabel } from '../commands/fileLabel';
import type { LastEditorTracker } from '../code/lastEditor';
import { fromChanges, fromProblems, fromSelection, fromSymbol, fromUris, type SourceResult } from './attachmentSources';
import type { WorkspaceFiles } from './workspaceFiles';

/** Most suggestions one query shows. */
const MAX_ITEMS = 30;
/** Most symbols a query adds (they come after the files). */
const MAX_SYMBOLS = 12;
/** How long the language servers get to answer a symbol query before the list is final without them. */
const SYMBOL_TIMEOUT_MS = 1500;
/** Symbols are looked up once typing pauses this long, for a query this long or longer (see MentionSearch.query). */
const SYMBOL_PAUSE_MS = 200;
const SYMBOL_MIN_CHARS = 3;

/** Symbols worth attaching on their own: declarations with a body, not variables or properties. */
const SYMBOL_KINDS: ReadonlySet<vscode.SymbolKind> = new Set([
	vscode.SymbolKind.Class, vscode.SymbolKind.Interface, vscode.SymbolKind.Function, vscode.SymbolKind.Method,
	vscode.SymbolKind.Constructor, vscode.SymbolKind.Enum, vscode.SymbolKind.Struct, vscode.SymbolKind.Namespace,
	vscode.SymbolKind.Module, vscode.SymbolKind.TypeParameter,
]);

/** A suggestion and what picking it attaches. */
interface Suggestion {
	item: Omit<MentionItem, 'id'>;
	attach(): Promise<SourceResult>;
}

/** One query's suggestions: the files and fixed mentions now; `symbols` settles with the whole list, symbols added. */
export interface MentionAnswer {
	items: MentionItem[];
	symbols?: Promise<MentionItem[]>;
}

/**
 * The composer's @-mentions: `@selection`, `@problems` (the active file's, or the workspace's), `@changes` (the working
 * tree's git diff), `@open` (every open editor), files (fuzzy, open editors first for an empty query) and symbols (VS
 * Code's workspace symbol providers). Only the latest query's suggestions can be picked.
 */
export class MentionSearch {
	private latest: { queryId: string; suggestions: Map<string, Suggestion> } | undefined;
	/** The symbol lookup under way (settled, at the latest, when it times out). */
	private symbolLookup: Promise<unknown> = Promise.resolve();

	constructor(private readonly files: WorkspaceFiles, private readonly editors: LastEditorTracker) {}

	async query(queryId: string, query: string): Promise<MentionAnswer> {
		const suggestions = new Map<string, Suggestion>();
		this.latest = { queryId, suggestions };
		const add = (list: Suggestion[]): MentionItem[] => list.map((s) => {
			const id = `m${suggestions.size + 1}`;
			suggestions.set(id, s);
			return { id, ...s.item };
		});
		const items = add([...this.fixed(query), ...await this.fileSuggestions(query)]).slice(0, MAX_ITEMS);
		if (query.trim().length < SYMBOL_MIN_CHARS) {
			return { items };
		}
		const symbols = this.symbolsOnPause(queryId, query).then((found) => (this.latest?.queryId === queryId ? [...items, ...add(found)] : items));
		return { items, symbols };
	}

	/**
	 * The symbols for `query` once typing has paused, one lookup at a time; none when a newer query came meanwhile. A
	 * symbol search over a large project takes a language server up to seconds for a short query and can answer
	 * hundreds of symbols, which VS Code converts on its way to us; looked up on every keystroke, they queued up and
	 * held the next keystrokes' file lists for hundreds of milliseconds (bench/workbenchBench.ts, mentionsInHost).
	 */
	private async symbolsOnPause(queryId: string, query: string): Promise<Suggestion[]> {
		const current = () => this.latest?.queryId === queryId;
		await new Promise((resolve) => setTimeout(resolve, SYMBOL_PAUSE_MS));
		await this.symbolLookup;
		if (!current()) {
			return [];
		}
		const lookup = this.symbolSuggestions(query);
		this.symbolLookup = lookup.catch(() => undefined);
		return lookup;
	}

	/** What picking `itemId` of query `queryId` attaches; undefined when that query is no longer the latest. */
	pick(queryId: string, itemId: string): Promise<SourceResult> | undefined {
		const suggestion = this.latest?.queryId === queryId ? this.latest.suggestions.get(itemId) : undefined;
		return suggestion?.attach();
	}

	private fixed(query: string): Suggestion[] {
		const q = query.trim().toLowerCase();
		const editor = this.editors.editor;
		const active = editor?.document.uri;
		const list: Suggestion[] = [];
		if (editor && !editor.selection.isEmpty) {
			const { start, end } = editor.selection;
			list.push({ item: { kind: 'selection', label: 'selection', detail: `lines ${start.line + 1}–${end.line + 1} of ${fileLabel(editor.document.uri)}` }, attach: async () => fromSelection(this.editors.editor) });
		}
		if (active) {
			const count = vscode.languages.getDiagnostics(active).length;
			list.push({ item: { kind: 'problems', label: 'problems', detail: `${count} in ${fileLabel(active)}` }, attach: async () => fromProblems(active) });
		}
		const all = vscode.languages.getDiagnostics().reduce((n, [, d]) => n + d.length, 0);
		list.push({ item: { kind: 'problems', label: 'problems:workspace', detail: `${all} in the workspace` }, attach: async () => fromProblems(undefined) });
		list.push({ item: { kind: 'changes', label: 'changes', detail: 'the working tree\'s git diff' }, attach: () => fromChanges() });
		const open = this.openFiles();
		if (open.length) {
			list.push({ item: { kind: 'file', label: 'open', detail: `${open.length} open editor${open.length === 1 ? '' : 's'}` }, attach: () => fromUris(open) });
		}
		return q ? list.filter((s) => s.item.label.startsWith(q)) : list;
	}

	/** Files matching `query`; for an empty query, the open editors' files. */
	private async fileSuggestions(query: string): Promise<Suggestion[]> {
		if (!query.trim()) {
			return this.openFiles().map((uri) => this.fileSuggestion(uri, fileLabel(uri)));
		}
		const index = await this.files.ready();
		return index.search(query, MAX_ITEMS).flatMap((p) => {
			const uri = this.files.uri(p);
			return uri ? [this.fileSuggestion(uri, p)] : [];
		});
	}

	private fileSuggestion(uri: vscode.Uri, path: string): Suggestion {
		const slash = path.lastIndexOf('/');
		return { item: { kind: 'file', label: path.slice(slash + 1), detail: slash > 0 ? path.slice(0, slash) : '' }, attach: () => fromUris([uri]) };
	}

	/** Files of the open editor tabs, in tab order. */
	private openFiles(): vscode.Uri[] {
		const seen = new Map<string, vscode.Uri>();
		for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
			const input = tab.input;
			if (input instanceof vscode.TabInputText && input.uri.scheme === 'file') {
				seen.set(input.uri.toString(), input.uri);
			}
		}
		return [...seen.values()];
	}

	private async symbolSuggestions(query: string): Promise<Suggestion[]> {
		const lookup = Promise.resolve(vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', query))
			.catch(() => undefined);
		const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SYMBOL_TIMEOUT_MS));
		const found = (await Promise.race([lookup, timeout])) ?? [];
		return found
			.filter((s) => SYMBOL_KINDS.has(s.kind) && s.location.uri.scheme === 'file')
			.slice(0, MAX_SYMBOLS)
			.map((s) => ({
				item: { kind: 'symbol' as const, label: s.name, detail: `${vscode.SymbolKind[s.kind].toLowerCase()} in ${fileLabel(s.location.uri)}` },
				attach: () => fromSymbol(s.location.uri, s.location.range, s.name),
			}));
	}
}
