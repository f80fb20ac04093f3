/** The longest title taken from a first prompt; a rename may be longer (up to {@link MAX_TITLE_CHARS}). */
export const AUTO_TITLE_CHARS = 60;

/** The longest title kept at all (a rename is cut here), so the list and the index stay small. */
export const MAX_TITLE_CHARS = 200;

/** The title of a conversation whose first prompt has no words (e.g. only code fences or whitespace). */
export const UNTITLED = 'Untitled chat';

/**
 * A conversation's title from its first prompt: one line (whitespace collapsed, markdown backticks and emphasis
 * marks dropped, since the list shows plain text), cut at a word boundary to about {@link AUTO_TITLE_CHARS}
 * characters with an ellipsis. "Explain `src/x.ts` lines 3–10" becomes "Explain src/x.ts lines 3–10".
 */
export function titleFromPrompt(prompt: string): string {
	const plain = prompt.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/[`*_#>]+/g, '').replace(/\s+/g, ' ').trim();
	if (plain === '') {
		return UNTITLED;
	}
	if (plain.length <= AUTO_TITLE_CHARS) {
		return plain;
	}
	const cut = plain.slice(0, AUTO_TITLE_CHARS - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space >= AUTO_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** A title the user typed: one line, trimmed and bounded; undefined when nothing is left. */
export function cleanTitle(title: string): string | undefined {
	const clean = title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_CHARS).trim();
	return clean === '' ? undefined : clean;
}
