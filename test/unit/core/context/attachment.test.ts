import * as assert from 'node:assert/strict';
import type { TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import {
	addAttachment, attachmentBlockText, attachmentKey, chipOf, MAX_ATTACHED_CHARS, type Attachment,
} from '../../../../src/core/context/attachment';
import { attachmentTokens, shapeRequest, toApiMessages, type HistoryTurn } from '../../../../src/core/request/shape';

let n = 0;
function file(path: string, text: string, lines?: [number, number]): Attachment {
	const a = {
		kind: lines ? 'selection' as const : 'file' as const, label: path.split('/').pop()!, file: path, uri: `file:///w/${path}`,
		languageId: 'typescript', text, ...(lines && { startLine: lines[0], endLine: lines[1] }),
	};
	return { ...a, id: `a${++n}`, tokens: attachmentTokens(a) };
}

function blocks(content: unknown): TextBlockParam[] {
	assert.ok(Array.isArray(content), 'a message with attachments is sent as blocks');
	return content as TextBlockParam[];
}

describe('attachments: what is attached, and how it is sent', () => {
	it('an attachment is one text block headed by its path and lines, its text fenced in its language', () => {
		const text = attachmentBlockText(file('src/app.ts', 'const a = 1;\n', [3, 9]));
		assert.equal(text, 'Attached `src/app.ts` lines 3–9:\n\n```typescript\nconst a = 1;\n```');
		assert.match(attachmentBlockText(file('README.md', 'x ```` y')), /^Attached `README\.md`:\n\n`````typescript\nx ```` y\n`````$/, 'a longer fence than any run inside');
	});

	it('the chip carries name, lines and tokens, never the text', () => {
		const chip = chipOf(file('src/app.ts', 'const a = 1;', [3, 9]));
		assert.deepEqual(Object.keys(chip).sort(), ['endLine', 'file', 'id', 'kind', 'label', 'startLine', 'tokens']);
		assert.equal(chip.label, 'app.ts');
		assert.ok(chip.tokens > 0);
	});

	it('refuses the same lines twice, and lines of a file attached whole; a whole file replaces its ranges', () => {
		const part = file('src/app.ts', 'const a = 1;', [1, 1]);
		let outcome = addAttachment([], part);
		assert.ok(outcome.added);
		const again = addAttachment(outcome.list, file('src/app.ts', 'const a = 1;', [1, 1]));
		assert.deepEqual(again, { added: false, reason: '`src/app.ts` line 1 is already attached.' });
		outcome = addAttachment(outcome.list, file('src/app.ts', 'const a = 1;\nconst b = 2;\n'));
		assert.ok(outcome.added);
		assert.equal(outcome.replaced, 1);
		assert.deepEqual(outcome.list.map((a) => a.startLine), [undefined]);
		const covered = addAttachment(outcome.list, file('src/app.ts', 'const b = 2;', [2, 2]));
		assert.equal(covered.added, false);
		assert.match((covered as { reason: string }).reason, /the whole file `src\/app\.ts` is/);
	});

	it('refuses what would pass the total for one question, saying the sizes', () => {
		const big = file('a.txt', 'x'.repeat(MAX_ATTACHED_CHARS - 10));
		const first = addAttachment([], big);
		assert.ok(first.added);
		const second = addAttachment(first.list, file('b.txt', 'y'.repeat(20)));
		assert.equal(second.added, false);
		assert.match((second as { reason: string }).reason, /400,010 characters; the limit for one question is 400,000/);
	});

	it('the key changes with the text: a file edited since is sent again', () => {
		assert.notEqual(attachmentKey(file('a.ts', 'one')), attachmentKey(file('a.ts', 'two')));
		assert.equal(attachmentKey(file('a.ts', 'one')), attachmentKey(file('a.ts', 'one')));
	});
});

describe('attachments in the API history: blocks, dedup across turns, cache breakpoints', () => {
	const big = 'export const x = 1;\n'.repeat(600); // ≈ 3,000 tokens: past every model's minimum cacheable prefix
	function turns(): HistoryTurn[] {
		return [
			{ role: 'user', id: 'u1', text: 'What does this do?', attachments: [file('src/app.ts', big), file('src/b.ts', 'b', [1, 1])] },
			{ role: 'assistant', id: 'a1', text: 'It exports x.' },
			{ role: 'user', id: 'u2', text: 'And now?', attachments: [file('src/app.ts', big)] },
		];
	}

	it('each attachment is its own block ahead of the question, and the message is an anchor', () => {
		const history = toApiMessages(turns());
		const first = blocks(history.messages[0].content);
		assert.deepEqual(first.map((b) => b.text.split('\n')[0]), ['Attached `src/app.ts`:', 'Attached `src/b.ts` line 1:', 'What does this do?']);
		assert.deepEqual(history.anchors, [0, 2]);
	});

	it('an attachment sent unchanged earlier in the request is a one-line reference the second time', () => {
		const shape = shapeRequest(toApiMessages(turns()), { model: 'claude-sonnet-5-5', cacheTtl: '5m', system: 'sys', start: 0 });
		const last = blocks(shape.messages[2].content);
		assert.equal(last[0].text, 'Attached `src/app.ts`: unchanged, see above.');
		assert.equal(last[1].text, 'And now?');
		assert.match(blocks(shape.messages[0].content)[0].text, /^Attached `src\/app\.ts`:\n\n```typescript\nexport const x/);
	});

	it('when the history cut leaves the first message out, the attachment is sent in full again', () => {
		const shape = shapeRequest(toApiMessages(turns()), { model: 'claude-sonnet-5-5', cacheTtl: '5m', system: 'sys', start: 2 });
		assert.match(blocks(shape.messages[0].content)[0].text, /^Attached `src\/app\.ts`:\n\n```typescript\nexport const x/);
	});

	it('the first question is byte-identical from one turn to the next (the cached prefix holds) and carries a breakpoint on its last block', () => {
		const one = shapeRequest(toApiMessages(turns().slice(0, 1)), { model: 'claude-sonnet-5-5', cacheTtl: '5m', system: 'sys', start: 0 });
		const three = shapeRequest(toApiMessages(turns()), { model: 'claude-sonnet-5-5', cacheTtl: '5m', system: 'sys', start: 0 });
		const strip = (c: unknown): string[] => blocks(c).map((b) => b.text);
		assert.deepEqual(strip(three.messages[0].content), strip(one.messages[0].content));
		const first = blocks(three.messages[0].content);
		assert.deepEqual(first.map((b) => b.cache_control !== undefined), [false, false, true], 'the breakpoint is on the question, after the attachments');
		assert.ok(three.breakpoints.includes(0) && three.breakpoints.includes(2));
	});
});
