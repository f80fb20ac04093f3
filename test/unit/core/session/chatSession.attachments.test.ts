import * as assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/context/attachment';
import { attachmentTokens } from '../../../../src/core/request/shape';
import { conversationToMarkdown } from '../../../../src/core/conversation/conversationMarkdown';
import type { SessionEvent } from '../../../../src/core/session/types';
import type { ChatTurn } from '../../../../src/shared/protocol';
import { testSession, useFakeServer, waitFor } from '../../fakes/testSession';

function attached(id: string, path: string, text: string, lines?: [number, number]): Attachment {
	const a = {
		kind: lines ? 'selection' as const : 'file' as const, label: path.split('/').pop()!, file: path, uri: `file:///w/${path}`,
		languageId: 'typescript', text, ...(lines && { startLine: lines[0], endLine: lines[1] }),
	};
	return { ...a, id, tokens: attachmentTokens(a) };
}

/** Attachments through the real session and SDK: what the fake server receives, what the chat shows and what is kept. */
describe('ChatSession: questions with attachments (real SDK, fake server)', function () {
	const fake = useFakeServer();
	let events: SessionEvent[];
	beforeEach(() => {
		events = [];
	});

	const ended = (): number => events.filter((e) => e.type === 'chat/done' || e.type === 'chat/error').length;

	it('sends each attachment as its own block before the question; the user turn shows chips, not text', async () => {
		const session = testSession(fake.server, events);
		fake.server.enqueue({ text: 'It adds.' });
		await session.send({
			requestId: 'r1', text: 'What do these do?', command: 'chat',
			attachments: [attached('a1', 'src/add.ts', 'export const add = (a, b) => a + b;'), attached('a2', 'src/app.ts', 'add(1, 2);', [4, 4])],
		});
		await waitFor(() => ended() === 1);
		const content = fake.server.messageRequests()[0].body.messages[0].content as Array<{ type: string; text: string }>;
		assert.deepEqual(content.map((b) => b.text), [
			'Attached `src/add.ts`:\n\n```typescript\nexport const add = (a, b) => a + b;\n```',
			'Attached `src/app.ts` line 4:\n\n```typescript\nadd(1, 2);\n```',
			'What do these do?',
		]);
		const user = session.snapshot().turns[0] as Extract<ChatTurn, { role: 'user' }>;
		assert.deepEqual(user.attachments?.map((a) => [a.label, a.startLine, 'text' in a]), [['add.ts', undefined, false], ['app.ts', 4, false]]);
	});

	it('the attachments survive a reload (persisted with their text) and are sent once per request on the follow-up', async () => {
		const session = testSession(fake.server, events);
		fake.server.enqueue({ text: 'One.' });
		await session.send({ requestId: 'r1', text: 'Look', command: 'chat', attachments: [attached('a1', 'src/add.ts', 'export const add = 1;')] });
		await waitFor(() => ended() === 1);
		const restored = testSession(fake.server, events);
		restored.restore(JSON.parse(JSON.stringify(session.persistable())));
		assert.equal(restored.findAttachment('a1')?.text, 'export const add = 1;', 'a chip of a sent question can still open its file');
		fake.server.enqueue({ text: 'Two.' });
		await restored.send({ requestId: 'r2', text: 'Again', command: 'chat', attachments: [attached('a2', 'src/add.ts', 'export const add = 1;')] });
		await waitFor(() => ended() === 2);
		const messages = fake.server.messageRequests()[1].body.messages as Array<{ content: Array<{ text: string }> | string }>;
		const texts = messages.map((m) => (typeof m.content === 'string' ? [m.content] : m.content.map((b) => b.text)));
		assert.match(texts[0][0], /^Attached `src\/add\.ts`:\n\n```typescript\nexport const add = 1;/);
		assert.deepEqual(texts[2], ['Attached `src/add.ts`: unchanged, see above.', 'Again']);
	});

	it('the pre-send estimate counts what the attachments add: a short question with a large file asks first', async () => {
		const session = testSession(fake.server, events, { confirmAboveTokens: 4000 });
		const file = attached('a1', 'src/big.ts', 'export const x = 1;\n'.repeat(1500)); // ≈ 7,500 tokens
		const sending = session.send({ requestId: 'r1', text: 'Summarize', command: 'chat', attachments: [file] });
		await waitFor(() => events.some((e) => e.type === 'confirm'));
		const confirm = events.find((e) => e.type === 'confirm') as Extract<SessionEvent, { type: 'confirm' }>;
		assert.ok(confirm.tokens >= file.tokens, `the estimate (${confirm.tokens}) holds the file (${file.tokens})`);
		assert.equal(fake.server.messageRequests().length, 0, 'nothing is sent before Send');
		session.cancel('r1');
		await sending;
	});

	it('the export lists what was attached, folded, with its text', () => {
		const md = conversationToMarkdown({ title: 'T', exportedAt: 0 }, [
			{ id: 'u', role: 'user', text: 'Why?', attachments: [attached('a1', 'src/a<b>.ts', 'x = 1', [2, 3])] },
		]);
		assert.match(md, /## You\n\nWhy\?\n\n<details><summary>Attached `src\/a&lt;b&gt;\.ts` lines 2–3<\/summary>\n\n```typescript\nx = 1\n```\n\n<\/details>/);
	});
});
