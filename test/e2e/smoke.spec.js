// Smoke test: the installed extension shows up in the real workbench (activity bar, chat webview, status bar).
/* global describe, it, before, after, document */
'use strict';

const assert = require('assert');
const wb = require('./lib/workbench');

describe('Smoke: Claude Assistant in the workbench', function () {
	let session;
	let page;

	before(async function () {
		session = await wb.openWorkbench();
		page = session.page;
	});

	after(async function () {
		if (session) {
			await wb.screenshot(page, 'e2e-smoke-final').catch(() => undefined);
			await session.close();
		}
	});

	it('loads the workbench', async function () {
		await page.locator(wb.SELECTORS.workbench).waitFor();
		assert.ok(await page.locator('#workbench\\.parts\\.editor').isVisible());
	});

	it('has the "Claude" container in the activity bar', async function () {
		const item = page.locator(wb.SELECTORS.activityBarClaude);
		await item.waitFor();
		assert.equal(await item.getAttribute('aria-label'), 'Claude');
	});

	it('shows the chat webview when the container is clicked', async function () {
		const chat = await wb.openChatView(page, { via: 'activityBar' });
		const prompt = chat.locator('#prompt');
		assert.ok(await prompt.isVisible());
		await prompt.fill('smoke');
		assert.equal(await prompt.inputValue(), 'smoke');
		await prompt.fill('');
	});

	it('has the usage status bar item', async function () {
		const item = wb.usageStatusItem(page);
		await item.waitFor();
		assert.ok(await item.isVisible());
		assert.ok((await wb.statusBarText(page)).length > 0, 'the usage item has text');
	});

	it('runs a contributed command from the palette (Claude: Show Logs opens the output channel)', async function () {
		await wb.runCommand(page, 'Claude: Show Logs');
		// the Output view's channel picker is a <select>: its selected option names the channel on show
		await page.waitForFunction(() => [...document.querySelectorAll('.part.panel select')]
			.some((s) => s.selectedIndex >= 0 && s.options[s.selectedIndex].text === 'Claude Assistant'), undefined);
	});
});
