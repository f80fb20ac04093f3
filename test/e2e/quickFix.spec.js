// Quick Fix with Claude in the real workbench: TypeScript reports a real error in a file, its Quick Fix menu offers
// "Fix with Claude", the answer's code opens as a diff of the lines around the problem, Apply changes them and one
// Undo takes the change back.
//
// The menu is opened from the problem's hover ("Quick Fix..."), which asks the providers for that problem's own quick
// fixes. The lightbulb and Ctrl+. open the same menu but raced here: the lightbulb can still hold the actions of the
// cursor's previous position (once it listed only TypeScript's "Move to file" refactors), and once in a full run
// Ctrl+. opened no menu at all.
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const wb = require('./lib/workbench');
const env = require('./lib/env');

const FILE = 'src/broken.ts';
const BROKEN = 'export const answer: number = "forty-two";\n';
const FIXED = 'export const answer: number = 42;';

describe('Quick Fix with Claude: the Quick Fix menu\'s Fix with Claude opens a diff to apply', function () {
	let session;
	let page;

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		fs.writeFileSync(path.join(env.workspaceDir, FILE), BROKEN);
		env.fake.reset();
		session = await wb.openWorkbench();
		page = session.page;
		await wb.setApiKey(page);
		await wb.waitForNotification(page, /API key saved and valid/);
		await wb.newChat(page); // a fresh conversation: what earlier specs left in the chat is not sent along
	});

	after(async function () {
		await session?.close();
		fs.rmSync(path.join(env.workspaceDir, FILE), { force: true });
	});

	it('a TypeScript error\'s Quick Fix... → Fix with Claude → the diff of Claude\'s code → Apply', async function () {
		env.fake.enqueue({ text: `The value is a string.\n\n\`\`\`ts\n${FIXED}\n\`\`\`\n` });
		await wb.openFile(page, FILE);
		await page.locator(`${wb.SELECTORS.editor} .squiggly-error`).first().waitFor(); // the TypeScript server's diagnostic
		// the problem's hover links its quick fixes as "Quick Fix..."
		const squiggle = await page.locator(`${wb.SELECTORS.editor} .squiggly-error`).first().boundingBox(); // under the text layer
		await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
		await page.locator('.monaco-hover .action', { hasText: 'Quick Fix' }).click();
		const fix = page.locator('.action-widget .monaco-list-row', { hasText: /^Fix with Claude$/ });
		await fix.first().click();
		await page.locator('.tab', { hasText: 'Claude\'s code' }).first().waitFor();
		const request = env.fake.requests.find((r) => r.path === '/v1/messages');
		assert.match(JSON.stringify(request.body.messages.at(-1).content), /VS Code reports this problem: error 2322 from ts at line 1 of `src\/broken\.ts`/);
		await wb.pressNotificationButton(page, /^Replace line 1 of broken\.ts with Claude's code\?/, 'Apply');
		// Apply closes the diff and shows the file again, with Claude's line in it
		await page.locator('.tab', { hasText: 'Claude\'s code' }).first().waitFor({ state: 'detached' });
		await page.locator(wb.SELECTORS.editorLines, { hasText: '= 42;' }).waitFor();
		// one Undo step takes the whole fix back (the file on disk is not checked: code-server auto-saves by default)
		await page.locator(wb.SELECTORS.editorLines).click();
		await page.keyboard.press('Control+Z');
		await page.locator(wb.SELECTORS.editorLines, { hasText: '"forty-two"' }).waitFor();
	});
});
