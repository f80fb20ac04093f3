import * as assert from 'node:assert/strict';
import type { StoredTurn } from '../../../../src/core/session/types';
import { conversationToMarkdown, formatUtc, markdownFileName } from '../../../../src/core/conversation/conversationMarkdown';

describe('Export as Markdown', () => {
	const header = { title: 'Reading JSON in Node', createdAt: Date.UTC(2026, 10, 20, 9, 5), exportedAt: Date.UTC(2026, 10, 24, 12, 48) };

	it('writes a title, the dates, and each question and answer under its own heading', () => {
		const turns: StoredTurn[] = [
			{ id: 'u1', role: 'user', text: 'How do I read a JSON file?' },
			{ id: 'a1', role: 'assistant', text: 'Use `fs.readFile`:\n\n```js\nJSON.parse(text)\n```\n', status: 'complete', model: 'claude-sonnet-5-5' },
		];
		assert.equal(conversationToMarkdown(header, turns), [
			'# Reading JSON in Node',
			'',
			'_Claude Assistant conversation · started 2026-11-20 09:05 UTC · exported 2026-11-24 12:48 UTC_',
			'',
			'## You',
			'',
			'How do I read a JSON file?',
			'',
			'## Claude · claude-sonnet-5-5',
			'',
			'Use `fs.readFile`:\n\n```js\nJSON.parse(text)\n```',
			'',
		].join('\n'));
	});

	it('puts attached code in a fence longer than any fence inside it, and leaves the API-only prompt out', () => {
		const code = 'const md = "```";\n';
		const turns: StoredTurn[] = [
			{ id: 'u1', role: 'user', text: 'Explain `src/x.ts` lines 3–4', prompt: 'SECRET PROMPT TEMPLATE', code: { file: 'src/x.ts', languageId: 'typescript', startLine: 3, endLine: 4, text: code } },
			{ id: 'a1', role: 'assistant', text: 'It is a string.', status: 'complete', model: 'claude-haiku-5-5' },
		];
		const md = conversationToMarkdown(header, turns);
		assert.ok(md.includes('`src/x.ts` lines 3–4\n\n````typescript\nconst md = "```";\n````'), md);
		assert.ok(!md.includes('SECRET PROMPT TEMPLATE'));
	});

	it('notes answers that did not simply complete', () => {
		const answer = (status: string, extra: object = {}): StoredTurn => ({ id: `a-${status}`, role: 'assistant', text: 'partial', status, model: 'm', ...extra } as StoredTurn);
		const md = conversationToMarkdown(header, [
			answer('stopped'),
			answer('interrupted'),
			answer('truncated', { maxTokens: 4096 }),
			answer('error', { error: { kind: 'overloaded', message: 'The API is overloaded.', retryable: true } }),
		]);
		assert.ok(md.includes('_Stopped._'));
		assert.ok(md.includes('_Interrupted: the window closed while this answer was streaming._'));
		assert.ok(md.includes('_Truncated at max_tokens (4096)._'));
		assert.ok(md.includes('_Error: The API is overloaded._'));
	});

	it('names the file after the title', () => {
		assert.equal(markdownFileName('Why does my build fail?'), 'why-does-my-build-fail.md');
		assert.equal(markdownFileName('Explain src/x.ts lines 3–10'), 'explain-srcxts-lines-310.md');
		assert.equal(markdownFileName('???'), 'conversation.md');
		assert.equal(formatUtc(0), '1970-01-01 00:00 UTC');
	});
});
