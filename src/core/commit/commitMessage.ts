/**
 * A commit message from a diff: the diff cut to a size worth sending (never a huge one whole), the request that asks
 * for a message in the repository's own style, and the answer cleaned into what goes in the Source Control box.
 */

/** Most characters of diff sent (about 6k tokens): enough to describe a commit, cheap on the Haiku tier. */
export const MAX_DIFF_CHARS = 24_000;
/** Most characters of one file's diff, so one large file cannot crowd out the others. */
export const MAX_FILE_DIFF_CHARS = 6_000;
/** Recent subjects shown as the style to follow. */
export const STYLE_SUBJECTS = 10;

export interface TrimmedDiff {
	text: string;
	/** Files in the diff. */
	files: number;
	/** Files whose diff was cut, and files left out entirely (listed by name in the text). */
	cutFiles: number;
	omittedFiles: number;
}

/**
 * Cuts a unified diff (`git diff` output) to `maxChars`: each file keeps its header and the start of its hunks up to
 * `maxFileChars`, with a note of how many lines were left out; files past the total are named, not shown. A diff
 * under both limits comes back unchanged.
 */
export function trimDiff(diff: string, opts: { maxChars?: number; maxFileChars?: number } = {}): TrimmedDiff {
	const maxChars = opts.maxChars ?? MAX_DIFF_CHARS;
	const maxFileChars = opts.maxFileChars ?? MAX_FILE_DIFF_CHARS;
	const sections = diff.split(/^(?=diff --git )/m).filter((s) => s.trim() !== '');
	const out: string[] = [];
	const omitted: string[] = [];
	let used = 0;
	let cutFiles = 0;
	for (const section of sections) {
		let text = section.endsWith('\n') ? section : `${section}\n`;
		if (text.length > maxFileChars) {
			const kept = text.slice(0, maxFileChars);
			const keptText = kept.slice(0, kept.lastIndexOf('\n') + 1);
			const left = text.slice(keptText.length).split('\n').length - 1;
			text = `${keptText}[… ${left} more line${left === 1 ? '' : 's'} of this file's diff not shown]\n`;
			cutFiles++;
		}
		if (used + text.length > maxChars) {
			omitted.push(fileOf(section));
			continue;
		}
		out.push(text);
		used += text.length;
	}
	if (omitted.length > 0) {
		out.push(`[… the diff is cut: ${omitted.length} more changed file${omitted.length === 1 ? '' : 's'} not shown: ${omitted.join(', ')}]\n`);
	}
	return { text: out.join(''), files: sections.length, cutFiles, omittedFiles: omitted.length };
}

/** The path of a file's diff section, from its `diff --git a/… b/…` line. */
function fileOf(section: string): string {
	const m = /^diff --git a\/(.+?) b\/(.+)$/m.exec(section);
	return m ? m[2] : '(unknown file)';
}

export const COMMIT_SYSTEM_PROMPT = [
	'You write git commit messages. Reply with the commit message only: no preamble, no quotes, no code fences.',
	'The first line is the subject: at most 72 characters, in the imperative mood, describing what the change does and why it matters, not how.',
	'Follow the style of the recent subjects you are shown (prefixes such as "feat:" or "fix(scope):", capitalisation, tense, punctuation) when there are some.',
	'Add a body after a blank line only when the change needs explaining (several independent parts, a non-obvious reason); wrap it at 72 characters.',
	'Never invent changes that are not in the diff.',
].join(' ');

/** The user message: what is committed (staged, or everything when nothing is staged), the style to follow, a draft. */
export function commitMessagePrompt(opts: { diff: TrimmedDiff; staged: boolean; untracked: readonly string[]; subjects: readonly string[]; draft?: string }): string {
	const parts: string[] = [];
	if (opts.subjects.length > 0) {
		parts.push('Recent commit subjects in this repository, newest first (follow their style):', ...opts.subjects.slice(0, STYLE_SUBJECTS).map((s) => `- ${s}`), '');
	}
	if (opts.draft?.trim()) {
		parts.push('The user\'s draft of the message (keep its intent, improve it):', opts.draft.trim(), '');
	}
	parts.push(opts.staged ? 'The staged changes to commit:' : 'Nothing is staged; these are all the changes in the working tree:');
	parts.push('```diff', opts.diff.text.replace(/\n$/, ''), '```');
	if (opts.untracked.length > 0) {
		parts.push('', `New files not yet tracked (their content is not shown): ${opts.untracked.join(', ')}`);
	}
	return parts.join('\n');
}

/**
 * The answer as it goes in the Source Control box: surrounding code fences or quotes that a model sometimes adds
 * dropped, trailing spaces and blank lines trimmed. Safe on a partial answer (used while it streams).
 */
export function cleanCommitMessage(text: string): string {
	let t = text.replace(/^\s*```[\w-]*\n/, '').replace(/\n```\s*$/, '');
	const quoted = /^"([^"\n]*)"$/.exec(t.trim());
	if (quoted) {
		t = quoted[1];
	}
	return t.split('\n').map((l) => l.trimEnd()).join('\n').trim();
}
