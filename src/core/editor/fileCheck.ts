/**
 * Largest file Summarize File sends: 200 KiB is roughly 50k tokens of code, which keeps one request cheap (cents on
 * the default Haiku tier) and well inside every model's context window with room for the answer.
 */
export const MAX_FILE_BYTES = 200 * 1024;

/**
 * Largest selection Explain Selection sends: 100,000 characters is also roughly 50k tokens, for the same reasons
 * as {@link MAX_FILE_BYTES}, and matches the chat input limit.
 */
export const MAX_SELECTION_CHARS = 100_000;

/** How far to look for a NUL byte: the same heuristic as git and VS Code use to call a file binary. */
const BINARY_SNIFF_BYTES = 8 * 1024;

/** Outcome of checking a file before sending: its decoded text, or a reason the user can act on. */
export type TextCheck =
	| { ok: true; text: string }
	| { ok: false; reason: 'empty' | 'binary' | 'tooLarge'; message: string };

/** Outcome of checking a selection before sending. */
export type SelectionCheck =
	| { ok: true; text: string }
	| { ok: false; reason: 'empty' | 'tooLarge'; message: string };

/** Size in KB for messages; rounded up so a file just over the limit never reads as equal to it. */
function formatKb(bytes: number): string {
	const kb = Math.ceil((bytes / 1024) * 10) / 10;
	return `${Number.isInteger(kb) ? kb.toFixed(0) : kb.toFixed(1)} KB`;
}

/**
 * Refuses a file over `maxBytes` from its size alone, so a huge file is refused before it is read into memory
 * (checkTextForSending applies the same limit to bytes already read).
 */
export function checkFileSize(size: number, opts: { maxBytes: number }): Extract<TextCheck, { ok: false }> | undefined {
	if (size <= opts.maxBytes) {
		return undefined;
	}
	return { ok: false, reason: 'tooLarge', message: `The file is too large to send (${formatKb(size)}; the limit is ${formatKb(opts.maxBytes)}).` };
}

/**
 * Refuses what should not be sent as text: empty or whitespace-only files (nothing to summarize), binary files
 * (a NUL byte early on, or bytes that are not valid UTF-8) and files over `maxBytes` (cost and context). Runs
 * before any request so nothing is billed for a file that cannot be answered about.
 */
export function checkTextForSending(bytes: Uint8Array, opts: { maxBytes: number }): TextCheck {
	if (bytes.length === 0) {
		return { ok: false, reason: 'empty', message: 'The file is empty.' };
	}
	if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
		return { ok: false, reason: 'binary', message: 'This looks like a binary file (it contains a NUL byte); only text files can be sent.' };
	}
	const tooLarge = checkFileSize(bytes.length, opts);
	if (tooLarge) {
		return tooLarge;
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, reason: 'binary', message: 'This file is not valid UTF-8 text; only text files can be sent.' };
	}
	if (text.trim().length === 0) {
		return { ok: false, reason: 'empty', message: 'The file contains only whitespace.' };
	}
	return { ok: true, text };
}

/** Refuses an empty (or blank) selection and one over `maxChars`, with the message shown to the user. */
export function checkSelection(text: string, opts: { maxChars: number }): SelectionCheck {
	if (text.trim().length === 0) {
		return { ok: false, reason: 'empty', message: 'Select some code first' };
	}
	if (text.length > opts.maxChars) {
		return {
			ok: false,
			reason: 'tooLarge',
			message: `The selection is too large to send (${text.length.toLocaleString('en-US')} characters; the limit is ${opts.maxChars.toLocaleString('en-US')}).`,
		};
	}
	return { ok: true, text };
}
