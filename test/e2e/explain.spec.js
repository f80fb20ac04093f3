// The core user journey in the real workbench: set the key, select lines, right-click → Explain Selection, watch the
// answer stream into the sidebar as rendered markdown, check the status bar's tokens and cost, Stop a stream, reload.
/* global describe, it, before, after, window, MutationObserver */ // the last two inside evaluate callbacks (the webview)
'use strict';

const assert = require('assert');
const path = require('path');
const wb = require('./lib/workbench');
const env = require('./lib/env');
const { REPO_ROOT } = require('../../scripts/vscode-runtime/codeServer');

// The expected status-bar words come from the same pure formatter and price table the extension uses.
const { costUsd } = require(path.join(REPO_ROOT, 'out', 'src', 'core', 'pricing', 'pricing.js'));
const { formatUsd, formatTokens } = require(path.join(REPO_ROOT, 'out', 'src', 'core', 'usage', 'usageFormat.js'));

const ANSWER = [
	'This function **sums** the numbers it is given.',
	'',
	'```ts',
	'const total = values.reduce((a, b) => a + b, 0);',
	'```',
	'',
	'- It starts at zero.',
	'- It never mutates the input.',
	'',
	'That is all there is to it; the rest of the file only calls it from a couple of places with small arrays.',
].join('\n');

/** Samples `fn` every `ms` until `done()` is true; returns the distinct values seen, in order. */
async function sampleUntil(fn, done, ms = 60, timeout = wb.WAIT_MS) {
	const seen = [];
	const start = Date.now();
	while (Date.now() - start < timeout) {
		const v = await fn();
		if (seen.at(-1) !== v) {
			seen.push(v);
		}
		if (await done()) {
			return seen;
		}
		await new Promise((r) => setTimeout(r, ms));
	}
	throw new Error(`timed out; saw ${JSON.stringify(seen.slice(-3))}`);
}

describe('Explain Selection, streaming chat, status bar, Stop and reload', function () {
	let session;
	let page;
	let chat;

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		env.fake.reset();
		session = await wb.openWorkbench();
		page = session.page;
		await wb.setApiKey(page);
		await wb.waitForNotification(page, /API key saved and valid/);
		// start from an empty conversation whatever an earlier window on this workspace left behind
		await wb.newChat(page);
	});

	after(async function () {
		await session?.close();
	});

	it('right-click → Explain Selection streams a rendered markdown answer into the sidebar', async function () {
		env.fake.reset();
		env.fake.enqueue({ text: ANSWER, chunkSize: 5, delayMs: 80, usage: { input_tokens: 1234, output_tokens: 567 } });
		// Every length the answer's text takes is recorded inside the webview itself, by a MutationObserver installed
		// before the request, so a slow test process cannot miss the states in between.
		chat = wb.chatFrame(page);
		await chat.locator('#transcript').evaluate((transcript) => {
			const seen = [];
			window.answerLengths = seen;
			new MutationObserver(() => {
				const bodies = transcript.querySelectorAll('.turn.assistant .turn-body');
				const length = bodies.length ? bodies[bodies.length - 1].textContent.length : 0;
				if (seen.at(-1) !== length) {
					seen.push(length);
				}
			}).observe(transcript, { subtree: true, childList: true, characterData: true });
		});
		await wb.openFile(page, 'src/sample.ts');
		await wb.selectLines(page, 3, 10);
		await wb.editorContextMenu(page, 'Explain Selection');

		const answer = chat.locator('.turn.assistant[data-status="complete"]').last();
		await answer.waitFor();
		const lengths = await chat.locator('#transcript').evaluate(() => window.answerLengths);
		const growing = lengths.filter((n) => n > 0);
		assert.ok(growing.length >= 4, `the answer should visibly grow while streaming, saw lengths ${lengths.join(',')}`);
		// Text only grows, except that an unclosed construct shows its markers (`**sum`) until it closes and renders
		// as formatting, a drop of at most a few characters; the whole answer is the longest state.
		growing.forEach((n, i) => assert.ok(i === 0 || n >= growing[i - 1] - 3, `text only grows: ${growing.join(',')}`));
		assert.equal(Math.max(...growing), growing.at(-1), `the finished answer is the longest state: ${growing.join(',')}`);
		await wb.screenshot(page, 'explain-selection');

		const user = chat.locator('.turn.user').last();
		assert.equal((await user.locator('.turn-body').innerText()).trim(), 'Explain src/sample.ts lines 3–10');
		assert.equal(await user.locator('details.code-attachment').count(), 1, 'the selected code is attached, collapsible');
		assert.equal(await answer.locator('pre > code').count(), 1, 'the fenced block is rendered as a code element');
		assert.equal(await answer.locator('strong', { hasText: 'sums' }).count(), 1);
		assert.equal(await answer.locator('li').count(), 2);

		const [req] = env.fake.messageRequests();
		assert.equal(req.body.model, 'claude-haiku-5-5');
		assert.ok(req.body.messages[0].content.includes('src/sample.ts'));
	});

	it('the status bar shows the request\'s tokens and its cost', async function () {
		const cost = costUsd('claude-haiku-5-5', { input: 1234, output: 567, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 });
		const expected = `${formatTokens(1234)}↑ ${formatTokens(567)}↓ · ${formatUsd(cost)}`;
		await wb.usageStatusItem(page).filter({ hasText: expected }).waitFor();
		assert.equal(await wb.statusBarText(page), expected);
	});

	it('Stop mid-stream keeps the partial answer, marked "Stopped"', async function () {
		env.fake.reset();
		env.fake.enqueue({ text: 'word '.repeat(400), chunkSize: 5, delayMs: 40 });
		await chat.locator('#prompt').fill('Write a long essay');
		await chat.locator('#prompt').press('Enter');
		const answer = chat.locator('.turn.assistant').last();
		await chat.locator('#stop').waitFor({ state: 'visible' });
		await sampleUntil(async () => (await answer.locator('.turn-body').innerText()).length, async () => (await answer.locator('.turn-body').innerText()).length > 40);
		await chat.locator('#stop').click();
		await answer.locator('.turn-status .status-text', { hasText: 'Stopped' }).waitFor();
		const kept = (await answer.locator('.turn-body').innerText()).trim();
		assert.ok(kept.length > 40 && kept.length < 2000, `partial answer kept (${kept.length} chars)`);
		assert.ok(kept.startsWith('word word'));
		assert.equal(await answer.getAttribute('data-status'), 'stopped');
		await wb.screenshot(page, 'stopped');
	});

	it('a reload restores the conversation, partial answer included', async function () {
		await wb.reloadWorkbench(page);
		chat = await wb.openChatView(page);
		const turns = chat.locator('.turn');
		await turns.nth(3).waitFor();
		assert.equal(await turns.count(), 4);
		assert.equal((await chat.locator('.turn.user').first().locator('.turn-body').innerText()).trim(), 'Explain src/sample.ts lines 3–10');
		assert.equal(await chat.locator('.turn.assistant').first().locator('pre > code').count(), 1);
		assert.equal(await chat.locator('.turn.assistant').last().getAttribute('data-status'), 'stopped');
		await wb.screenshot(page, 'after-reload');
	});
});
