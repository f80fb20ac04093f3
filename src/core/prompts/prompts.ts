import { docConventionHint, testFrameworkHint } from './languageHints';

/**
 * The one system prompt of every request (chat, explain, summarize). Kept byte-for-byte stable and shared so the
 * system block can become a prompt-cache prefix later without per-command copies splitting the cache.
 */
export const SYSTEM_PROMPT = [
	'You are Claude, a concise coding assistant inside Visual Studio Code.',
	'Answer in GitHub-flavored Markdown. Put code in fenced code blocks with a language tag.',
	'Be direct and brief: lead with the answer, then the details that matter. Do not repeat the question or the code back unless it helps.',
	'When code is attached, refer to it by file name and line numbers. If something is ambiguous or looks wrong, say so plainly.',
].join('\n');

/** The message sent to continue a truncated answer; the reply is appended to the same answer. */
export const CONTINUE_PROMPT = 'Continue exactly where your previous answer stopped. Do not repeat anything, do not add a preamble.';

/** What a command sends: the shared system prompt, the user message, and the short heading shown in the chat. */
export interface BuiltPrompt {
	system: string;
	userText: string;
	/** Shown as the user turn instead of the long prompt, e.g. "Explain `src/x.ts` lines 10–24". */
	heading: string;
}

/** A selection with where it came from (1-based inclusive lines): the input of every selection command's prompt. */
export interface SelectionPromptInput {
	file: string;
	languageId: string;
	startLine: number;
	endLine: number;
	code: string;
}

/** Input of {@link buildExplainPrompt}. */
export type ExplainPromptInput = SelectionPromptInput;

/** Input of {@link buildAskPrompt}: the user's question and, when the editor had one, the selection it is about. */
export interface AskPromptInput {
	question: string;
	selection?: SelectionPromptInput;
}

/** Input of {@link buildSummarizePrompt}: a whole file's checked text. */
export interface SummarizePromptInput {
	file: string;
	languageId: string;
	text: string;
}

function longestBacktickRun(text: string): number {
	let longest = 0;
	for (const run of text.match(/`+/g) ?? []) {
		longest = Math.max(longest, run.length);
	}
	return longest;
}

/**
 * A fenced block whose fence is longer than any backtick run in the code, so code containing ``` (markdown files,
 * template literals, docs) cannot close the block early and leak into the surrounding prompt.
 */
export function fencedBlock(code: string, languageId: string): string {
	const fence = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
	const info = languageId.replace(/[^\w+#.-]/g, '');
	const body = code.endsWith('\n') ? code : `${code}\n`;
	return `${fence}${info}\n${body}${fence}`;
}

/** An inline code span that survives backticks in the text (CommonMark: longer delimiter, padded by spaces). */
export function inlineCode(text: string): string {
	const single = text.replace(/[\r\n]+/g, ' ');
	const delimiter = '`'.repeat(longestBacktickRun(single) + 1);
	const pad = single.startsWith('`') || single.endsWith('`') ? ' ' : '';
	return `${delimiter}${pad}${single}${pad}${delimiter}`;
}

/** "line 10" or "lines 10–24" (en dash), the way the heading and the prompt name a range. */
export function formatLineRange(startLine: number, endLine: number): string {
	return startLine === endLine ? `line ${startLine}` : `lines ${startLine}–${endLine}`;
}

/**
 * Explain Selection: names the file, range and language so the answer can point at lines, and puts the code in a
 * fence that its own backticks cannot break.
 */
export function buildExplainPrompt(input: ExplainPromptInput): BuiltPrompt {
	const range = formatLineRange(input.startLine, input.endLine);
	const file = inlineCode(input.file);
	const userText = [
		`Explain this code from ${file} (${range}, language: ${input.languageId}).`,
		'Say what it does and how, then point out anything surprising, risky or worth improving. Keep it concise.',
		'',
		fencedBlock(input.code, input.languageId),
	].join('\n');
	return { system: SYSTEM_PROMPT, userText, heading: `Explain ${file} ${range}` };
}

/**
 * Summarize File: the whole file with its name, language and line count, asking for purpose and structure rather
 * than a line-by-line walk-through.
 */
export function buildSummarizePrompt(input: SummarizePromptInput): BuiltPrompt {
	const file = inlineCode(input.file);
	const lineCount = input.text.length === 0 ? 0 : input.text.replace(/\r?\n$/, '').split(/\r?\n/).length;
	const userText = [
		`Summarize the file ${file} (language: ${input.languageId}, ${lineCount === 1 ? '1 line' : `lines 1–${lineCount}`}).`,
		'Give its purpose, its main parts and how they fit together, and anything notable (risks, TODOs, unusual patterns). Keep it concise.',
		'',
		fencedBlock(input.text, input.languageId),
	].join('\n');
	return { system: SYSTEM_PROMPT, userText, heading: `Summarize ${file}` };
}

/** "`src/x.ts` (lines 10–24, language: typescript)": where a selection came from, as every selection prompt says it. */
function selectionSource(input: SelectionPromptInput): string {
	return `${inlineCode(input.file)} (${formatLineRange(input.startLine, input.endLine)}, language: ${input.languageId})`;
}

/** "`src/x.ts` lines 10–24": the part of a heading that names the selection. */
function selectionLabel(input: SelectionPromptInput): string {
	return `${inlineCode(input.file)} ${formatLineRange(input.startLine, input.endLine)}`;
}

/** A selection prompt: the instructions, a blank line, then the fenced code (last, so the instructions frame it). */
function selectionPrompt(heading: string, instructions: string[], input: SelectionPromptInput): BuiltPrompt {
	const userText = [...instructions, '', fencedBlock(input.code, input.languageId)].join('\n');
	return { system: SYSTEM_PROMPT, userText, heading };
}

/**
 * Fix Selection: the fixed code comes back in one block that can replace the selection as is, followed by a short
 * account of what was wrong, and an explicit "nothing is wrong" is preferred over invented changes.
 */
export function buildFixPrompt(input: SelectionPromptInput): BuiltPrompt {
	return selectionPrompt(`Fix ${selectionLabel(input)}`, [
		`Fix this code from ${selectionSource(input)}.`,
		'Find what is wrong: bugs, unhandled edge cases, errors it would throw, unsafe behaviour. Reply with:',
		'1. the complete fixed code in one fenced code block, ready to replace the selection as it is;',
		'2. a short explanation of what was wrong and what you changed.',
		'If nothing is wrong, say so instead of inventing changes.',
	], input);
}

/** Write Tests for Selection: tests in the framework a project in that language most likely uses. */
export function buildWriteTestsPrompt(input: SelectionPromptInput): BuiltPrompt {
	return selectionPrompt(`Write tests for ${selectionLabel(input)}`, [
		`Write unit tests for this code from ${selectionSource(input)}.`,
		`Use the test framework this project most likely uses: ${testFrameworkHint(input.languageId)}; follow what the code's imports and names suggest.`,
		'Cover the main behaviour, edge cases and error paths. Reply with the tests in one fenced code block, the file they belong in, and one line on how to run them.',
	], input);
}

/** Add Docs to Selection: doc comments in the language's convention, returned as the code with the docs added. */
export function buildAddDocsPrompt(input: SelectionPromptInput): BuiltPrompt {
	return selectionPrompt(`Add docs to ${selectionLabel(input)}`, [
		`Add documentation comments to this code from ${selectionSource(input)}, in the language's convention: ${docConventionHint(input.languageId)}.`,
		'Document each function, class, method and exported symbol: purpose, parameters, return value and errors where they help; say why, not only what. Keep existing comments that are still right.',
		'Do not change the code itself. Reply with the code with the docs added, in one fenced code block, ready to replace the selection.',
	], input);
}

/**
 * Ask the Opus tier: the question as typed (it is also the heading), with the selection attached when there was one.
 */
export function buildAskPrompt(input: AskPromptInput): BuiltPrompt {
	const question = input.question.trim();
	if (!input.selection) {
		return { system: SYSTEM_PROMPT, userText: question, heading: question };
	}
	return selectionPrompt(question, [question, '', `The question is about this code from ${selectionSource(input.selection)}.`], input.selection);
}
