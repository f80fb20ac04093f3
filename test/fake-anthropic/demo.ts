import type { ScriptedReply } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Text of the last user message, flattened from string or text blocks. */
function lastUserText(body: Json): string {
	const messages: Json[] = Array.isArray(body?.messages) ? body.messages : [];
	const last = [...messages].reverse().find((m) => m?.role === 'user');
	const content = last?.content;
	if (typeof content === 'string') {
		return content;
	}
	return Array.isArray(content) ? content.filter((b: Json) => b?.type === 'text').map((b: Json) => String(b.text)).join(' ') : '';
}

/** One short line of the user's words that cannot break the answer's markdown (no fences, no unbalanced backticks). */
function quote(text: string): string {
	let oneLine = text.replace(/`{3,}/g, ' ').replace(/\s+/g, ' ').trim();
	if ((oneLine.match(/`/g) ?? []).length % 2 === 1) {
		oneLine = oneLine.replace(/`/g, '');
	}
	if (oneLine.length === 0) {
		return '(empty message)';
	}
	return oneLine.length > 80 ? `${oneLine.slice(0, 77).replace(/`/g, '')}...` : oneLine;
}

/**
 * The canned answer of demo mode: clearly labelled as coming from the local fake, never mistakable for Claude, and
 * long enough (markdown, code, list) that streaming and rendering can be seen in a manual run without a key.
 */
export function demoText(body: Json): string {
	return [
		'**Offline demo**: this answer comes from a local fake server, not from Claude. No request left your machine.',
		'',
		`You asked: "${quote(lastUserText(body)).replace(/"/g, "'")}"`,
		'',
		'With a real API key the model would answer here. Meanwhile, this is what a typical answer looks like:',
		'',
		'```ts',
		'export function add(a: number, b: number): number {',
		'\treturn a + b;',
		'}',
		'```',
		'',
		'What the demo lets you check:',
		'',
		'- text streams in small pieces, about 30 ms apart;',
		'- markdown renders: **bold**, `inline code`, fenced code blocks and lists;',
		'- the usage counter and cost update after the answer ends;',
		'- Stop cancels the stream and keeps the partial answer.',
		'',
		'Set a real Anthropic API key and point the base URL back at the real API to talk to Claude.',
	].join('\n');
}

/** Demo mode's reply for one request: the text above, streamed in small chunks with a visible delay. */
export function demoReply(body: Json): ScriptedReply {
	return { text: demoText(body), chunkSize: 12, delayMs: 30 };
}
