import * as assert from 'node:assert/strict';
import { assistantTurn, click, init, key, startChat, startRequest, streamingTurn, userTurn, type Chat } from './chatHarness';

const ANSWER = 'Try this:\n\n```ts\nconst a = 1;\n```\n\nand\n\n```\nplain\n```';

/** Lets the clipboard's promise settle. */
const tick = () => new Promise((r) => setImmediate(r));

function posted(chat: Chat) {
	return chat.bridge.posted.filter((m) => m.type !== 'ready');
}

/** The accessible name as a screen reader computes it for our buttons: aria-label, else the text. */
function accessibleName(el: Element): string {
	return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
}

describe('webview chat: code block toolbar', () => {
	it('labels each block with its language and gives answers Copy, Insert, Replace and New File', async () => {
		const chat = await startChat();
		init(chat, [assistantTurn({ text: ANSWER })]);
		const blocks = chat.$$('.turn.assistant .code-block');
		assert.equal(blocks.length, 2);
		assert.equal(blocks[0].querySelector('.code-lang')?.textContent, 'ts');
		assert.equal(blocks[0].dataset.language, 'ts');
		assert.equal(blocks[0].querySelector('.code-toolbar')?.getAttribute('aria-label'), 'ts code block');
		assert.equal(blocks[1].querySelector('.code-lang')?.textContent, '');
		assert.equal(blocks[1].querySelector('.code-toolbar')?.getAttribute('aria-label'), 'Code block');
		const buttons = Array.from(blocks[0].querySelectorAll('button'));
		assert.deepEqual(buttons.map((b) => b.dataset.action), ['copy', 'insertCode', 'replaceCode', 'newFile']);
		assert.deepEqual(buttons.map((b) => b.textContent), ['Copy', 'Insert', 'Replace', 'New File']);
		assert.deepEqual(buttons.map((b) => b.getAttribute('aria-label')), ['Copy code', 'Insert at Cursor', 'Replace Selection…', 'New File with this code']);
		for (const b of buttons) {
			assert.equal(b.type, 'button');
			assert.ok(accessibleName(b).startsWith(b.textContent ?? '\0'), `label in name: ${b.textContent}`);
			assert.ok(b.title.length > 0);
		}
	});

	it('decorates a block once, however often the answer is painted', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq: 1, text: '```py\nprint(1)\n```' });
		chat.frames.run();
		chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq: 2, text: '\n\nmore' });
		chat.frames.run();
		assert.equal(chat.$$('.code-block').length, 1);
		assert.equal(chat.$$('.code-block .code-toolbar').length, 1);
	});

	it('posts Insert, Replace and New File to the host with the code and its language', async () => {
		const chat = await startChat();
		init(chat, [assistantTurn({ text: ANSWER })]);
		const block = chat.$$('.code-block')[0];
		click(block.querySelector('button.insertCode')!);
		click(block.querySelector('button.replaceCode')!);
		click(block.querySelector('button.newFile')!);
		click(chat.$$('.code-block')[1].querySelector('button.newFile')!);
		assert.deepEqual(posted(chat), [
			{ type: 'code/insert', code: 'const a = 1;\n', language: 'ts' },
			{ type: 'code/replace', code: 'const a = 1;\n', language: 'ts' },
			{ type: 'code/newFile', code: 'const a = 1;\n', language: 'ts' },
			{ type: 'code/newFile', code: 'plain\n', language: '' },
		]);
	});

	it('copies locally, shows "Copied" (name included) and goes back to "Copy"', async () => {
		const chat = await startChat();
		init(chat, [assistantTurn({ text: ANSWER })]);
		const copy = chat.$$('.code-block')[0].querySelector<HTMLButtonElement>('button.copy')!;
		click(copy);
		await tick();
		assert.deepEqual(chat.clipboard, ['const a = 1;\n']);
		assert.equal(copy.textContent, 'Copied');
		assert.equal(copy.getAttribute('aria-label'), 'Copied');
		assert.deepEqual(posted(chat), [], 'copying never involves the host');
		await new Promise((r) => setTimeout(r, 1600));
		assert.equal(copy.textContent, 'Copy');
		assert.equal(copy.getAttribute('aria-label'), 'Copy code');
	});

	it('gives the user\'s attached code Copy only (it came from their editor)', async () => {
		const chat = await startChat();
		init(chat, [userTurn({ code: { file: 'a.py', languageId: 'python', text: 'x = 1' } })]);
		const block = chat.$('.code-attachment .code-block');
		assert.equal(block.querySelector('.code-lang')?.textContent, 'python');
		assert.deepEqual(Array.from(block.querySelectorAll('button')).map((b) => b.dataset.action), ['copy']);
	});
});

describe('webview chat: links in answers', () => {
	it('opens links through the host: the click is cancelled and the raw href posted', async () => {
		const chat = await startChat();
		init(chat, [assistantTurn({ text: 'See [the docs](https://example.com/docs?a=1) and [a file](./notes.md).' })]);
		const [docs, file] = chat.$$('.turn.assistant a');
		assert.equal(docs.getAttribute('href'), 'https://example.com/docs?a=1', 'sanitized HTML keeps the href');
		assert.equal(docs.getAttribute('rel'), 'noopener');
		const event = new chat.dom.window.MouseEvent('click', { bubbles: true, cancelable: true });
		let reachedWindow = false;
		chat.dom.window.addEventListener('click', () => { reachedWindow = true; });
		docs.dispatchEvent(event);
		assert.equal(event.defaultPrevented, true, 'the webview never navigates');
		assert.equal(reachedWindow, false, 'VS Code\'s own webview link handler (on the window) never sees it');
		click(file);
		assert.deepEqual(posted(chat), [{ type: 'link/open', url: 'https://example.com/docs?a=1' }, { type: 'link/open', url: './notes.md' }]);
	});

	it('never keeps a javascript: href, and a #fragment link posts nothing', async () => {
		const chat = await startChat();
		init(chat, [assistantTurn({ text: '[x](javascript:alert(1)) [top](#top)' })]);
		const links = chat.$$('.turn.assistant a');
		assert.ok(links.every((a) => !/^javascript:/i.test(a.getAttribute('href') ?? '')));
		links.forEach((a) => click(a));
		assert.deepEqual(posted(chat).filter((m) => m.type === 'link/open' && /^(javascript|#)/i.test(m.url)), []);
	});
});

describe('webview chat: keyboard and screen readers', () => {
	it('Escape in the prompt or the transcript stops the running answer, once', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat, 'r7');
		const event = key(chat.$('#prompt'), 'Escape');
		assert.equal(event.defaultPrevented, true);
		assert.deepEqual(posted(chat), [{ type: 'chat/cancel', requestId: 'r7' }]);
		key(chat.$('#transcript'), 'Escape');
		assert.equal(posted(chat).length, 1, 'Stop is already pending');
	});

	it('Escape with nothing running is left to VS Code', async () => {
		const chat = await startChat();
		init(chat, [userTurn(), assistantTurn()]);
		const event = key(chat.$('#transcript'), 'Escape');
		assert.equal(event.defaultPrevented, false);
		key(chat.$('#prompt'), 'Escape');
		assert.deepEqual(posted(chat), []);
	});

	it('Escape during a chat/started from the host (e.g. Explain Selection) stops that request', async () => {
		const chat = await startChat();
		init(chat, []);
		chat.bridge.emit({ type: 'chat/started', requestId: 'host-1', user: userTurn(), assistant: streamingTurn() });
		key(chat.$('#transcript'), 'Escape');
		assert.deepEqual(posted(chat), [{ type: 'chat/cancel', requestId: 'host-1' }]);
	});

	it('makes the streaming answer a busy live region, not the transcript, and the finished turn plain', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		const answer = chat.$('.turn.assistant');
		assert.equal(answer.getAttribute('aria-live'), 'polite');
		assert.equal(answer.getAttribute('aria-busy'), 'true');
		assert.equal(chat.$('#transcript').getAttribute('aria-busy'), null, 'the conversation is not re-announced when it settles');
		assert.equal(chat.$('#transcript').getAttribute('role'), 'log');
		chat.bridge.emit({ type: 'chat/done', requestId: 'r1', turn: assistantTurn() });
		const done = chat.$('.turn.assistant');
		assert.equal(done.getAttribute('aria-busy'), null);
		assert.equal(done.getAttribute('aria-live'), null);
	});

	it('composer/focus puts the keyboard in the prompt, after the draft', async () => {
		const chat = await startChat({ draft: 'half', scrollTop: 0, expanded: [] });
		init(chat, []);
		chat.bridge.emit({ type: 'composer/focus' });
		const prompt = chat.$<HTMLTextAreaElement>('#prompt');
		assert.equal(chat.doc.activeElement, prompt);
		assert.equal(prompt.selectionStart, 4);
	});

	it('gives every button an accessible name (turn actions, code blocks, notices, retry and confirm boxes)', async () => {
		const chat = await startChat();
		init(chat, [
			userTurn({ id: 'u1', code: { file: 'a.ts', languageId: 'ts', text: 'x' } }),
			assistantTurn({ id: 'a1', text: ANSWER, status: 'truncated', stopReason: 'max_tokens' }),
			userTurn({ id: 'u2' }),
			assistantTurn({ id: 'a2', text: 'partial', status: 'error', error: { kind: 'auth', message: 'Invalid key', retryable: false } }),
		], { hasApiKey: false });
		chat.bridge.emit({ type: 'notice', level: 'warning', message: 'Heads up', action: 'showLogs' });
		chat.bridge.emit({ type: 'chat/started', requestId: 'r1', user: userTurn({ id: 'u3' }), assistant: assistantTurn({ id: 'a3', text: '', status: 'streaming' }) });
		chat.bridge.emit({ type: 'chat/retrying', requestId: 'r1', attempt: 2, maxAttempts: 5, delayMs: 3000, reason: 'Rate limited' });
		const buttons = chat.$$('button');
		assert.ok(buttons.length >= 15, `${buttons.length} buttons`);
		for (const button of buttons) {
			const name = accessibleName(button);
			assert.ok(name.length > 1 && /\w/.test(name), `button ${button.outerHTML.slice(0, 120)} has no usable name`);
			const text = button.textContent?.trim() ?? '';
			if (button.hasAttribute('aria-label') && /\w/.test(text)) {
				assert.ok(name.toLowerCase().includes(text.toLowerCase()) || name === 'Copied' || name === 'Copy failed', `label in name: "${text}" vs "${name}"`);
			}
		}
	});
});
