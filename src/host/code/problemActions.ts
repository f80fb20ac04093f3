import * as vscode from 'vscode';
import type { ProblemPromptInput } from '../../core/prompts/problemPrompts';
import { fileLabel } from '../commands/fileLabel';
import { CommandId } from '../commands/ids';

/** Lines of code sent on each side of a problem: enough to see the function it is in, few enough to stay cheap. */
const CONTEXT_LINES = 8;
/** Most lines of a problem's own range sent (a diagnostic may cover a whole file). */
const MAX_PROBLEM_LINES = 80;
/** Problems under the cursor offered at once (each gets Explain and Fix). */
const MAX_PROBLEMS = 3;

const SEVERITY: Record<vscode.DiagnosticSeverity, ProblemPromptInput['severity']> = {
	[vscode.DiagnosticSeverity.Error]: 'error',
	[vscode.DiagnosticSeverity.Warning]: 'warning',
	[vscode.DiagnosticSeverity.Information]: 'information',
	[vscode.DiagnosticSeverity.Hint]: 'hint',
};

/**
 * "Explain this problem with Claude" and "Fix with Claude" in the Quick Fix menu (the lightbulb, Ctrl+.) of every
 * problem VS Code shows in a file: each runs its command with the document and the diagnostic.
 */
export class ProblemActions implements vscode.CodeActionProvider {
	static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

	provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
		return context.diagnostics.slice(0, MAX_PROBLEMS).flatMap((diagnostic) => {
			const about = context.diagnostics.length > 1 ? `: ${diagnostic.message.split('\n')[0].slice(0, 60)}` : '';
			const action = (title: string, command: string) => {
				const a = new vscode.CodeAction(`${title}${about}`, vscode.CodeActionKind.QuickFix);
				a.diagnostics = [diagnostic];
				a.command = { command, title, arguments: [document.uri, diagnostic] };
				return a;
			};
			return [action('Fix with Claude', CommandId.fixProblem), action('Explain this problem with Claude', CommandId.explainProblem)];
		});
	}
}

/** The problem and the whole lines around it: the prompt's input, and the range that Fix replaces. */
export function problemRegion(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): { input: ProblemPromptInput; range: vscode.Range } {
	const first = diagnostic.range.start.line;
	const last = Math.min(diagnostic.range.end.line, first + MAX_PROBLEM_LINES - 1);
	const start = Math.max(0, first - CONTEXT_LINES);
	let end = Math.min(document.lineCount - 1, last + CONTEXT_LINES);
	while (end > last && document.lineAt(end).isEmptyOrWhitespace) {
		end--; // blank lines at the end add nothing to read or to replace
	}
	const range = new vscode.Range(start, 0, end, document.lineAt(end).text.length);
	const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
	return {
		range,
		input: {
			file: fileLabel(document.uri), languageId: document.languageId, startLine: start + 1, endLine: end + 1, code: document.getText(range),
			message: diagnostic.message, source: diagnostic.source, diagnosticCode: code === undefined ? undefined : String(code),
			severity: SEVERITY[diagnostic.severity], line: first + 1,
		},
	};
}

/** The arguments a Quick Fix passes, checked (a command can also be run with anything from elsewhere). */
export function problemArgs(uri: unknown, diagnostic: unknown): { uri: vscode.Uri; diagnostic: vscode.Diagnostic } | undefined {
	return uri instanceof vscode.Uri && diagnostic instanceof vscode.Diagnostic ? { uri, diagnostic } : undefined;
}
