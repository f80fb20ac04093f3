import * as vscode from 'vscode';
import { MAX_FOLDER_FILES, type Attachment } from '../../core/context/attachment';
import { checkSelection, MAX_SELECTION_CHARS } from '../../core/editor/fileCheck';
import { readCheckedFile } from '../batch/batchFiles';
import { trimDiff } from '../../core/commit/commitMessage';
import { fileLabel } from '../commands/fileLabel';
import { gitRepositories } from '../git';

/**
 * What can be attached to a question, read and checked the way Summarize File and Explain Selection check theirs:
 * a file or a folder's files, a selection, a symbol, the problems list, the working tree's changes. Each source
 * returns the attachments without id and size (ChatContext adds them), or the reason nothing can be attached.
 */
export type NewAttachment = Omit<Attachment, 'id' | 'tokens'>;
export type SourceResult = { ok: true; items: NewAttachment[]; skipped: string[] } | { ok: false; message: string };

const fail = (message: string): SourceResult => ({ ok: false, message });

function baseName(label: string): string {
	return label.slice(label.lastIndexOf('/') + 1);
}

/** A file as itself, a folder as its files (`files.exclude` applies, at most {@link MAX_FOLDER_FILES}). */
export async function fromUris(uris: readonly vscode.Uri[]): Promise<SourceResult> {
	const files: vscode.Uri[] = [];
	for (const uri of uris) {
		const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
		if (!stat) {
			return fail(`${fileLabel(uri)} cannot be read.`);
		}
		if (stat.type & vscode.FileType.Directory) {
			const inside = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), undefined, MAX_FOLDER_FILES + 1);
			if (inside.length > MAX_FOLDER_FILES) {
				return fail(`${fileLabel(uri)} holds more than ${MAX_FOLDER_FILES} files; attach a smaller folder or some of its files (Claude: Batch… works on whole folders).`);
			}
			files.push(...inside.sort((a, b) => a.path.localeCompare(b.path)));
		} else {
			files.push(uri);
		}
	}
	const items: NewAttachment[] = [];
	const skipped: string[] = [];
	for (const uri of files) {
		const read = await readFile(uri);
		if ('reason' in read) {
			skipped.push(`${fileLabel(uri)}: ${read.reason}`);
		} else {
			items.push(read);
		}
	}
	if (items.length === 0 && files.length === 1) {
		return fail(skipped[0]);
	}
	return items.length || skipped.length ? { ok: true, items, skipped } : fail('There is no file in that folder to attach.');
}

/** One file's text (an open document's unsaved changes included), checked: binary, empty and over 200 KB refused. */
async function readFile(uri: vscode.Uri): Promise<NewAttachment | { reason: string }> {
	const dirty = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === uri.toString());
	const read = await readCheckedFile(uri, dirty);
	if ('reason' in read) {
		return { reason: read.reason };
	}
	return { kind: 'file', label: baseName(read.path), file: read.path, uri: read.uri, languageId: read.languageId, text: read.text };
}

/** The lines `range` covers, 1-based: a range ending at column 0 of a later line does not include that line. */
function lineSpan(range: vscode.Range): { startLine: number; endLine: number } {
	const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
	return { startLine: range.start.line + 1, endLine };
}

/** The lines of `range` in `document`, as a selection or a symbol. */
function fromRange(document: vscode.TextDocument, range: vscode.Range, kind: 'selection' | 'symbol', name?: string): SourceResult {
	const { startLine, endLine } = lineSpan(range);
	const whole = new vscode.Range(startLine - 1, 0, endLine - 1, document.lineAt(Math.min(endLine - 1, document.lineCount - 1)).text.length);
	const text = document.getText(whole);
	const check = checkSelection(text, { maxChars: MAX_SELECTION_CHARS });
	if (!check.ok) {
		return fail(check.reason === 'empty' ? 'Select some code first' : check.message);
	}
	const file = fileLabel(document.uri);
	return {
		ok: true, skipped: [],
		items: [{ kind, label: name ?? baseName(file), file, uri: document.uri.toString(), languageId: document.languageId, text: check.text, startLine, endLine }],
	};
}

/** The editor's selection, whole lines. */
export function fromSelection(editor: vscode.TextEditor | undefined): SourceResult {
	if (!editor || editor.selection.isEmpty) {
		return fail('Select some code first');
	}
	return fromRange(editor.document, editor.selection, 'selection');
}

/**
 * A symbol, by where a symbol provider put it: the whole declaration, from the document's own symbols when the
 * location only covers the name (as workspace-symbol results may).
 */
export async function fromSymbol(uri: vscode.Uri, range: vscode.Range, name: string): Promise<SourceResult> {
	let document: vscode.TextDocument;
	try {
		document = await vscode.workspace.openTextDocument(uri);
	} catch {
		return fail(`${fileLabel(uri)} cannot be read.`);
	}
	const symbols = await Promise.resolve(vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>(
		'vscode.executeDocumentSymbolProvider', uri)).catch(() => undefined);
	const declaration = innermost(symbols ?? [], range.start, name);
	return fromRange(document, declaration ?? range, 'symbol', name);
}

/** The smallest symbol named `name` whose range holds `at`. */
function innermost(symbols: ReadonlyArray<vscode.DocumentSymbol | vscode.SymbolInformation>, at: vscode.Position, name: string): vscode.Range | undefined {
	let best: vscode.Range | undefined;
	const visit = (list: ReadonlyArray<vscode.DocumentSymbol | vscode.SymbolInformation>): void => {
		for (const s of list) {
			const range = 'range' in s ? s.range : s.location.range;
			if (range.contains(at) && s.name === name && (!best || best.contains(range))) {
				best = range;
			}
			if ('children' in s) {
				visit(s.children);
			}
		}
	};
	visit(symbols);
	return best;
}

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'];

/** The problems VS Code reports for `uri` (the active file), or for the whole workspace: one line each. */
export function fromProblems(uri: vscode.Uri | undefined): SourceResult {
	const entries: Array<[vscode.Uri, readonly vscode.Diagnostic[]]> = uri ? [[uri, vscode.languages.getDiagnostics(uri)]] : vscode.languages.getDiagnostics();
	const lines: string[] = [];
	for (const [file, diagnostics] of entries) {
		for (const d of [...diagnostics].sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line)) {
			const code = typeof d.code === 'object' ? d.code.value : d.code;
			const source = [d.source, code].filter((x) => x !== undefined && x !== '').join(' ');
			lines.push(`${fileLabel(file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAMES[d.severity]}${source ? ` (${source})` : ''}: ${d.message.replace(/\s+/g, ' ')}`);
		}
	}
	if (lines.length === 0) {
		return fail(uri ? `VS Code reports no problems in ${fileLabel(uri)}.` : 'VS Code reports no problems in the workspace.');
	}
	const label = uri ? `Problems in ${baseName(fileLabel(uri))}` : 'Problems in the workspace';
	const shown = lines.slice(0, 300);
	const more = lines.length > shown.length ? `\n(${lines.length - shown.length} more not shown)` : '';
	return { ok: true, skipped: [], items: [{ kind: 'problems', label, uri: uri ? `problems:${uri.toString()}` : 'problems:workspace', languageId: 'plaintext', text: shown.join('\n') + more }] };
}

/** The working tree's changes against HEAD (staged and unstaged) of every repository, cut like a commit message's diff. */
export async function fromChanges(): Promise<SourceResult> {
	const api = await gitRepositories();
	if ('error' in api) {
		return fail(api.error);
	}
	const parts: string[] = [];
	for (const repo of api.repositories) {
		parts.push(await repo.diff(true), await repo.diff(false));
	}
	const diff = parts.filter((p) => p.trim()).join('\n');
	if (!diff) {
		return fail('There are no changes in the working tree (untracked files are not in a diff: attach them as files).');
	}
	const trimmed = trimDiff(diff);
	return { ok: true, skipped: [], items: [{ kind: 'changes', label: 'Working tree changes', uri: 'changes:working-tree', languageId: 'diff', text: trimmed.text }] };
}
