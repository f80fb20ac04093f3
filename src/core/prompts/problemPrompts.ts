import { fencedBlock, formatLineRange, inlineCode, SYSTEM_PROMPT, type BuiltPrompt, type SelectionPromptInput } from './prompts';

/*
 * Quick Fix with Claude: the prompts for a problem VS Code shows (a diagnostic), with the code around it, and the code
 * block taken back out of the answer for the Replace → diff → Apply flow.
 */

/** A diagnostic and the lines around it (the region: what Fix replaces). Lines are 1-based. */
export interface ProblemPromptInput extends SelectionPromptInput {
	message: string;
	/** Who reported it: `ts`, `eslint`, `pylint`, … */
	source?: string;
	/** The reporter's code for it: `2322`, `no-unused-vars`, … */
	diagnosticCode?: string;
	severity: 'error' | 'warning' | 'information' | 'hint';
	/** Where the problem starts. */
	line: number;
}

/** `error TS2322 from ts at line 12: "Type 'string' is not assignable to type 'number'."`. */
function problemLine(p: ProblemPromptInput): string {
	const who = [p.diagnosticCode !== undefined ? ` ${p.diagnosticCode}` : '', p.source ? ` from ${p.source}` : ''].join('');
	return `${p.severity}${who} at line ${p.line} of ${inlineCode(p.file)}: "${p.message.replace(/\s+/g, ' ').trim()}"`;
}

function regionLabel(p: ProblemPromptInput): string {
	return `${formatLineRange(p.startLine, p.endLine)} (language: ${p.languageId})`;
}

/** Explain this problem with Claude: what causes it in this code and how to fix it. */
export function buildExplainProblemPrompt(p: ProblemPromptInput): BuiltPrompt {
	const userText = [
		`VS Code reports this problem: ${problemLine(p)}.`,
		`Here is the code around it, ${regionLabel(p)}. Explain what causes the problem in this code and how to fix it; show the fix as a short fenced code block if one helps.`,
		'',
		fencedBlock(p.code, p.languageId),
	].join('\n');
	return { system: SYSTEM_PROMPT, userText, heading: `Explain the problem at ${inlineCode(p.file)} line ${p.line}` };
}

/** Fix with Claude: the corrected region in one block that replaces it as is, then the cause in a sentence or two. */
export function buildFixProblemPrompt(p: ProblemPromptInput): BuiltPrompt {
	const userText = [
		`VS Code reports this problem: ${problemLine(p)}.`,
		`Fix it in the code below, ${regionLabel(p)}. Reply with:`,
		`1. the complete corrected code of ${formatLineRange(p.startLine, p.endLine)} in one fenced code block, ready to replace those lines as they are (keep the indentation and every line that needs no change);`,
		'2. one or two sentences on what caused the problem.',
		'',
		fencedBlock(p.code, p.languageId),
	].join('\n');
	return { system: SYSTEM_PROMPT, userText, heading: `Fix the problem at ${inlineCode(p.file)} line ${p.line}` };
}

/** The content of the answer's first fenced code block (``` or ~~~, any length), or undefined when it has none. */
export function firstCodeBlock(markdown: string): string | undefined {
	const open = /^( {0,3})(`{3,}|~{3,})[^\n`]*\n/m.exec(markdown);
	if (!open) {
		return undefined;
	}
	const fence = open[2];
	const rest = markdown.slice(open.index + open[0].length);
	const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'm').exec(rest);
	return close ? rest.slice(0, close.index) : undefined;
}
