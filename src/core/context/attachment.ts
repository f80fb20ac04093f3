import { createHash } from 'node:crypto';
import type { AttachmentChip } from '../../shared/protocol';

/**
 * Context the user attaches to a question (Add to Chat, @-mentions): a file, lines of one, a symbol, a problems list or
 * the working tree's changes. The host keeps the text; the chat shows it as a chip. Each is sent as its own text block
 * ahead of the question, headed by its path and lines.
 */
export interface Attachment extends AttachmentChip {
	/** The document's URI (`file:///…`), or a fixed name for the problems list and the changes. */
	uri: string;
	/** The language for the code fence: `typescript`, `diff`, `plaintext`. */
	languageId: string;
	text: string;
}

/** Whether stored data (a saved conversation, the waiting attachments) has an attachment's shape. */
export function isAttachment(a: unknown): a is Attachment {
	const x = a as Record<string, unknown> | null;
	return typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.kind === 'string' && typeof x.label === 'string'
		&& typeof x.uri === 'string' && typeof x.text === 'string' && typeof x.languageId === 'string' && typeof x.tokens === 'number';
}

/** Largest total the attachments of one question may hold: 400,000 characters, roughly 100k tokens. */
export const MAX_ATTACHED_CHARS = 400_000;

/** Most files one folder attaches: a folder is context, not a batch (Claude: Batch… is for whole trees). */
export const MAX_FOLDER_FILES = 50;

/** `lines 10–24`, `line 7`, or nothing for a whole file. */
export function lineRangeText(a: Pick<AttachmentChip, 'startLine' | 'endLine'>): string {
	if (a.startLine === undefined) {
		return '';
	}
	const end = a.endLine ?? a.startLine;
	return end === a.startLine ? `line ${a.startLine}` : `lines ${a.startLine}–${end}`;
}

/** How the attachment is named to Claude and in exports: `` `src/app.ts` lines 10–24 ``, `Problems in app.ts`. */
export function attachmentHeading(a: Pick<Attachment, 'kind' | 'label' | 'file' | 'startLine' | 'endLine'>): string {
	if (a.kind === 'problems' || a.kind === 'changes') {
		return a.label;
	}
	const where = [`\`${a.file ?? a.label}\``, lineRangeText(a)].filter(Boolean).join(' ');
	return a.kind === 'symbol' ? `${where} (\`${a.label}\`)` : where;
}

/** A fence longer than any backtick run inside `text`, so attached code that holds fences stays one block. */
export function fenceFor(text: string): string {
	const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
	return '`'.repeat(longest + 1);
}

/** The text block one attachment is sent as: its heading, then its text fenced in its language. */
export function attachmentBlockText(a: Attachment): string {
	const fence = fenceFor(a.text);
	const lang = a.languageId.replace(/[^\w+#-]/g, '');
	return `Attached ${attachmentHeading(a)}:\n\n${fence}${lang}\n${a.text.replace(/\n$/, '')}\n${fence}`;
}

/** What stands in for an attachment already sent, unchanged, earlier in the same request. */
export function repeatedBlockText(a: Pick<Attachment, 'kind' | 'label' | 'file' | 'startLine' | 'endLine'>): string {
	return `Attached ${attachmentHeading(a)}: unchanged, see above.`;
}

/**
 * Identity for deduplication: the same lines of the same document with the same text. A file edited since it was
 * first attached is a different attachment (and is sent again).
 */
export function attachmentKey(a: Pick<Attachment, 'uri' | 'startLine' | 'endLine' | 'text'>): string {
	const hash = createHash('sha1').update(a.text).digest('hex').slice(0, 16);
	return `${a.uri}#${a.startLine ?? ''}-${a.endLine ?? ''}:${hash}`;
}

/** The chip the chat shows (no text). */
export function chipOf(a: Attachment): AttachmentChip {
	const chip: AttachmentChip = { id: a.id, kind: a.kind, label: a.label, tokens: a.tokens };
	return {
		...chip,
		...(a.file !== undefined && { file: a.file }),
		...(a.startLine !== undefined && { startLine: a.startLine, endLine: a.endLine ?? a.startLine }),
	};
}

export type AddOutcome =
	| { added: true; list: Attachment[]; replaced: number }
	| { added: false; reason: string };

function covers(whole: Attachment, part: Attachment): boolean {
	return whole.uri === part.uri && whole.startLine === undefined && part.startLine !== undefined;
}

/**
 * Adds `a` to the attachments waiting for the next question: refused when it is already there (the same lines, or a
 * whole file that holds them) or when the total would pass {@link MAX_ATTACHED_CHARS}; a whole file replaces the
 * line ranges of it that were attached before.
 */
export function addAttachment(list: readonly Attachment[], a: Attachment): AddOutcome {
	const name = attachmentHeading(a);
	if (list.some((x) => x.uri === a.uri && x.startLine === a.startLine && x.endLine === a.endLine)) {
		return { added: false, reason: `${name} is already attached.` };
	}
	const whole = list.find((x) => covers(x, a));
	if (whole) {
		return { added: false, reason: `${name} is already attached: the whole file \`${whole.file ?? whole.label}\` is.` };
	}
	const kept = list.filter((x) => !covers(a, x));
	const total = kept.reduce((n, x) => n + x.text.length, 0) + a.text.length;
	if (total > MAX_ATTACHED_CHARS) {
		return {
			added: false,
			reason: `${name} was not attached: the attachments would hold ${total.toLocaleString('en-US')} characters; the limit for one question is ${MAX_ATTACHED_CHARS.toLocaleString('en-US')}.`,
		};
	}
	return { added: true, list: [...kept, a], replaced: list.length - kept.length };
}
