// marked is ESM-only; the resolution-mode attribute lets the Node (CommonJS) test build type-check this file too.
import type { Token } from 'marked' with { 'resolution-mode': 'import' };
import type { LinkDefinitions } from './markdown';

/* Where a streamed answer's finished blocks end (findStableCut) and the small text helpers the tail needs. */

export const FENCE_OPENER = /^ {0,3}(`{3,}|~{3,})/;

export function isFencedCode(token: Token): boolean {
	return token.type === 'code' && FENCE_OPENER.test(token.raw);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** marked's indentCodeCompensation for one line: drop the opening fence's indentation if the line has as much. */
export function dedent(line: string, indent: number): string {
	if (indent === 0) {
		return line;
	}
	const lead = /^\s+/.exec(line)?.[0].length ?? 0;
	return lead >= indent ? line.slice(indent) : line;
}

/** A stable string for the link definitions that rendering depended on ('' when there are none, the usual case). */
export function linksKey(links: LinkDefinitions): string {
	for (const _ in links) {
		return JSON.stringify(links);
	}
	return '';
}

/** Offset in `raw` of offset `normalized` in `raw` with CR LF / CR turned into LF (what marked lexes). */
export function rawOffset(raw: string, normalized: number): number {
	if (!raw.includes('\r')) {
		return normalized;
	}
	let n = 0;
	let i = 0;
	while (n < normalized && i < raw.length) {
		i += raw[i] === '\r' && raw[i + 1] === '\n' ? 2 : 1;
		n++;
	}
	return i;
}

export function closerFor(marker: string): RegExp {
	return new RegExp(`^ {0,3}${escapeRegExp(marker)}[~\`]* *$`);
}

/** A fenced code block whose closing fence is there (its line may still be incomplete). */
function isClosedFence(token: Token): boolean {
	const opener = token.type === 'code' ? FENCE_OPENER.exec(token.raw) : null;
	if (!opener) {
		return false;
	}
	const lines = token.raw.replace(/\n+$/, '').split('\n');
	return lines.length >= 2 && closerFor(opener[1]).test(lines[lines.length - 1]);
}

/** Blocks that end by themselves once their last line is complete, and that nothing merges into. */
function endsByItself(token: Token): boolean {
	return token.type === 'heading' || token.type === 'hr' || isClosedFence(token);
}

/** Blocks that a blank line ends for good (lists, indented code and some HTML blocks go on past one). */
function endsAtBlankLine(token: Token): boolean {
	return token.type === 'paragraph' || token.type === 'table' || token.type === 'blockquote' || endsByItself(token);
}

/** Whether `after`, the text following `token`, starts with a blank line (the token's raw may hold its newline). */
function blankLineAfter(token: Token, after: string): boolean {
	return /\n[ \t]*\n/.test(token.raw.slice(-1) + after);
}

/**
 * Where the unfinished tail of `src` starts: the index of the first token that later text may still change or
 * merge with, given the top-level `tokens` of `src` and their offsets (`offsets.length` may be shorter when marked
 * dropped text; nothing after that is frozen). 0 when nothing can be frozen yet.
 *
 * A cut before token t (at offset c) is safe when no text appended later can change how `src[0, c)` lexes, and
 * marked lexes `src[c, …)` on its own exactly as it does in place (its only cross-block steps merge indented code,
 * definitions and paragraphs into a *preceding paragraph*, and definitions apply to the whole document, which
 * {@link IncrementalMarkdown} handles separately). That holds when:
 * - the block before t is an ATX/setext heading, a thematic break or a closed fenced code block: they end with
 *   their line and nothing merges into them (likewise the whole text, when it ends with such a block and a newline);
 * - the block before t is a paragraph, table or blockquote followed by a blank line: nothing continues them past it
 *   (likewise the whole text, when it ends with such a block and a blank line);
 * - t's first line is complete (so t cannot still turn into a list item, a fence or a setext underline) and
 *   - t is a fenced code block: a fence interrupts any block, and its opening line alone decides that it is one; or
 *   - a blank line precedes c and t starts in column 0 with a non-space character: only list items, indented code,
 *     fences and HTML blocks continue past a blank line, and an unindented line ends all of them (had it continued
 *     one, marked would not have started t there).
 * Everything else (lists, tables, paragraphs without a following blank line, …) stays in the tail until one of
 * these appears after it. Exported for tests.
 */
export function findStableCut(src: string, tokens: Token[], offsets: number[]): number {
	if (offsets.length === tokens.length) {
		let last = tokens.length - 1;
		while (last >= 0 && tokens[last].type === 'space') {
			last--;
		}
		const end = last >= 0 ? offsets[last] + tokens[last].raw.length : 0;
		if (last >= 0 && endsByItself(tokens[last]) && (end < src.length || tokens[last].raw.endsWith('\n'))) {
			return tokens.length;
		}
		if (last >= 0 && endsAtBlankLine(tokens[last]) && blankLineAfter(tokens[last], src.slice(end))) {
			return tokens.length;
		}
	}
	for (let k = offsets.length - 1; k >= 1; k--) {
		const token = tokens[k];
		if (token.type === 'space') {
			continue;
		}
		let p = k - 1;
		while (p > 0 && tokens[p].type === 'space') {
			p--;
		}
		const c = offsets[k];
		if (tokens[p].type === 'heading' || tokens[p].type === 'hr' || isFencedCode(tokens[p])) {
			return k; // a fence followed by another token is closed
		}
		if (endsAtBlankLine(tokens[p]) && blankLineAfter(tokens[p], src.slice(offsets[p] + tokens[p].raw.length, c))) {
			return k;
		}
		if (src.indexOf('\n', c) === -1) {
			continue; // its first line is still being written
		}
		if (isFencedCode(token)) {
			return k;
		}
		if (/[ \t\n]/.test(src[c]) || src[c - 1] !== '\n') {
			continue;
		}
		const before = src.lastIndexOf('\n', c - 2);
		if (/^[ \t]*$/.test(src.slice(before + 1, c - 1))) {
			return k;
		}
	}
	return 0;
}
