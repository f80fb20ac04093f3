import type { AssistantTurn, CodeAttachment } from '../../shared/protocol';
import type { StoredTurn } from '../session/types';
import { attachmentHeading, fenceFor, type Attachment } from '../context/attachment';

/* Export as Markdown: a conversation as a readable .md file. Pure; the host asks where to save it and writes it. */

/** What the export heads the file with. */
export interface ExportHeader {
	title: string;
	createdAt?: number;
	/** When the file is written (a parameter so tests are stable). */
	exportedAt: number;
}

/** "2026-11-24 12:48 UTC": dates in the file do not depend on the machine's time zone. */
export function formatUtc(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function attachment(code: CodeAttachment): string {
	const lines = code.startLine === undefined ? '' : ` lines ${code.startLine}–${code.endLine ?? code.startLine}`;
	const fence = fenceFor(code.text);
	const lang = code.languageId.replace(/[^\w-]/g, '');
	return `\`${code.file}\`${lines}\n\n${fence}${lang}\n${code.text.replace(/\n$/, '')}\n${fence}`;
}

/** A file, lines, symbol, problems list or diff attached to a question, folded (a file can be long). */
function attached(a: Attachment): string {
	const fence = fenceFor(a.text);
	const lang = a.languageId.replace(/[^\w-]/g, '');
	const summary = attachmentHeading(a).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	return `<details><summary>Attached ${summary}</summary>\n\n${fence}${lang}\n${a.text.replace(/\n$/, '')}\n${fence}\n\n</details>`;
}

/** How an answer that did not simply complete ended, as an italic note under it. */
function statusNote(turn: AssistantTurn): string | undefined {
	switch (turn.status) {
		case 'complete':
			return undefined;
		case 'truncated':
			return `Truncated at max_tokens${turn.maxTokens ? ` (${turn.maxTokens})` : ''}.`;
		case 'stopped':
			return 'Stopped.';
		case 'interrupted':
			return 'Interrupted: the window closed while this answer was streaming.';
		case 'refused':
			return 'Claude declined to answer.';
		case 'error':
			return `Error: ${turn.error?.message ?? 'the request failed'}`;
		case 'streaming':
			return 'Still being written when exported.';
		default:
			return `Ended: ${turn.stopReason ?? turn.status}.`;
	}
}

/**
 * The conversation as Markdown: a title, when it was started and exported, then each question ("## You", with any
 * attached code as a fenced block, and what was attached folded under it) and answer ("## Claude · model", its text as written, and a note when it was
 * stopped, interrupted, truncated or failed). The prompts sent behind command headings stay out: they repeat the code.
 */
export function conversationToMarkdown(header: ExportHeader, turns: readonly StoredTurn[]): string {
	const started = header.createdAt ? ` · started ${formatUtc(header.createdAt)}` : '';
	const parts = [`# ${header.title.replace(/\s+/g, ' ').trim() || 'Conversation'}`, `_Claude Assistant conversation${started} · exported ${formatUtc(header.exportedAt)}_`];
	for (const turn of turns) {
		if (turn.role === 'user') {
			parts.push('## You', turn.text.trim() || '_(empty)_');
			if (turn.code) {
				parts.push(attachment(turn.code));
			}
			parts.push(...(turn.attachments ?? []).map(attached));
		} else {
			parts.push(`## Claude · ${turn.model}`);
			if (turn.text.trim()) {
				parts.push(turn.text.trim());
			}
			const note = statusNote(turn);
			if (note) {
				parts.push(`_${note}_`);
			}
		}
	}
	return `${parts.join('\n\n')}\n`;
}

/** A file name for the export from the title: "Why does my build fail?" → "why-does-my-build-fail.md". */
export function markdownFileName(title: string): string {
	const slug = title.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_-]+/g, '-').slice(0, 60).replace(/-+$/, '');
	return `${slug || 'conversation'}.md`;
}
