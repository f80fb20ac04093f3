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

/** What a command sends: the shared system prompt, the user message, and the short heading shown in the chat. */
export interface BuiltPrompt {
	system: string;
	userText: string;
	/** Shown as the user turn instead of the long prompt, e.g. "Explain `src/x.ts` lines 10–24". */
	heading: string;
}

/** Input of {@link buildExplainPrompt}: the selection with where it came from (1-based inclusive lines). */
export interface ExplainPromptInput {
	file: string;
	languageId: string;
	startLine: number;
	endLine: number;
	code: string;
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
