// Code blocks in a real answer: the language label and toolbar, Copy (clipboard), Insert at Cursor into the editor
// the user was in before clicking into the chat, and New File.
/* global describe, it, before, after, navigator, document, window, MutationObserver */ // page callbacks run in the browser
'use strict';

const assert = require('assert');
const wb = require('./lib/workbench');
const env = require('./lib/env');

const ANSWER = ['Here you go:', '', '```ts', 'const inserted = 42;', '```', '', 'Done.'].join('\n');

/** The active editor's text as Monaco renders it (non-breaking spaces back to spaces). */
async function editorText(page) {
	return (await page.locator(wb.SELECTORS.editorLines).innerText()).replace(/\u00a0/g, ' ');
}

describe('Code blocks: Copy, Insert at Cursor, New File', function () {
	let session;
	let page;
	let chat;
	let block;

	before(async function () {
		env.fake.reset();
		({ session, page, chat } = await wb.openFreshChat());
		await session.page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
		env.fake.enqueue({ text: ANSWER });
		await chat.locator('#prompt').fill('Give me a constant');
		await chat.locator('#prompt').press('Enter');
		const answer = chat.locator('.turn.assistant').last();
		await answer.locator('.turn-body', { hasText: 'Done.' }).waitFor();
		await chat.locator('.turn.assistant[data-status="complete"]').last().waitFor();
		block = chat.locator('.turn.assistant').last().locator('.code-block').first();
	});

	after(async function () {
		await session?.close();
	});

	it('shows the language and labelled Copy / Insert / Replace / New File buttons on the block', async function () {
		assert.equal((await block.locator('.code-lang').innerText()).trim(), 'ts');
		const labels = await block.locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
		assert.deepEqual(labels, ['Copy code', 'Insert at Cursor', 'Replace Selection…', 'New File with this code']);
	});

	it('Copy puts the code on the clipboard and says "Copied"', async function () {
		const copy = block.locator('button.copy');
		// "Copied" shows for 1.5 s: the button's labels are recorded in the webview, so a slow look cannot miss it
		const webview = await (await copy.elementHandle()).ownerFrame();
		await copy.evaluate((button) => {
			window.copyLabels = [];
			new MutationObserver(() => window.copyLabels.push(button.textContent))
				.observe(button, { childList: true, characterData: true, subtree: true });
		});
		await copy.click();
		await webview.waitForFunction(() => window.copyLabels.includes('Copied') && window.copyLabels.at(-1) === 'Copy');
		const clip = await page.evaluate(() => navigator.clipboard.readText()).catch((err) => `unreadable: ${err.message}`);
		assert.equal(clip, 'const inserted = 42;\n');
	});

	it('Insert at Cursor puts the code into the editor the user was in', async function () {
		await wb.runCommand(page, 'File: New Untitled Text File');
		await page.locator(wb.SELECTORS.editorLines).waitFor();
		await page.locator(wb.SELECTORS.editorLines).click();
		await page.keyboard.type('// before\n');
		await block.locator('button.insertCode').click(); // focus moves into the chat webview
		await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.replace(/\u00a0/g, ' ').includes('const inserted = 42;'),
			wb.SELECTORS.editorLines);
		assert.match(await editorText(page), /\/\/ before\s+const inserted = 42;/);
		await wb.screenshot(page, 'code-block-inserted');
		await wb.runCommand(page, 'View: Revert and Close Editor');
	});

	it('New File opens the code in a new untitled TypeScript editor', async function () {
		await block.locator('button.newFile').click();
		await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.replace(/\u00a0/g, ' ').includes('const inserted = 42;'),
			wb.SELECTORS.editorLines);
		assert.match(await page.locator(wb.SELECTORS.activeTab).innerText(), /Untitled/);
		await wb.runCommand(page, 'View: Revert and Close Editor');
	});
});

describe('Keyboard: Focus Chat and Escape', function () {
	let session;
	let page;
	let chat;

	before(async function () {
		env.fake.reset();
		({ session, page, chat } = await wb.openFreshChat());
	});

	after(async function () {
		await session?.close();
	});

	it('Ctrl+Alt+Shift+A puts the keyboard in the chat prompt from the editor', async function () {
		await wb.openFile(page, 'src/sample.ts');
		await page.locator(wb.SELECTORS.editorLines).click();
		await page.keyboard.press('Control+Alt+Shift+A');
		await chat.locator('#prompt:focus').waitFor();
		await page.keyboard.type('typed after Focus Chat');
		assert.equal(await chat.locator('#prompt').inputValue(), 'typed after Focus Chat');
		await chat.locator('#prompt').fill('');
	});

	it('Escape in the chat stops a streaming answer and keeps what was written', async function () {
		env.fake.reset();
		env.fake.enqueue({ text: 'word '.repeat(400), chunkSize: 5, delayMs: 50 });
		await chat.locator('#prompt').fill('Write a lot');
		await chat.locator('#prompt').press('Enter');
		const answer = chat.locator('.turn.assistant').last();
		await answer.locator('.turn-body', { hasText: 'word word' }).waitFor();
		assert.equal(await answer.getAttribute('aria-busy'), 'true', 'the streaming answer is a busy live region');
		await chat.locator('#prompt').press('Escape');
		await answer.locator('.turn-status .status-text', { hasText: 'Stopped' }).waitFor();
		assert.match(await answer.locator('.turn-body').innerText(), /^word word/);
	});
});
