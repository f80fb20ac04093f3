// Batch mode in the real workbench: select a file and a folder in the Explorer, right-click → Batch…, pick Summarize,
// read the confirmation's prices and submit; the Batches view shows the job in progress, still after a window reload
// (read back from disk), and once the batch has ended the report opens with a section per file.
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const wb = require('./lib/workbench');
const env = require('./lib/env');

/** Waits until the fake server has received a request matching `test`, and returns it. */
async function received(test, timeout = wb.WAIT_MS) {
	const deadline = Date.now() + timeout;
	while (Date.now() < deadline) {
		const hit = env.fake.requests.find(test);
		if (hit) {
			return hit;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('the fake server received no such request');
}

describe('Batch mode: Explorer selection → Batches view → report', function () {
	let session;
	let page;

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		env.fake.reset();
		env.fake.setBatchDelay(24 * 3600_000); // held open until the test lets it end
		session = await wb.openWorkbench();
		page = session.page;
		await wb.setApiKey(page);
		await wb.waitForNotification(page, /API key saved and valid/);
	});

	after(async function () {
		env.fake.setBatchDelay(0);
		await session?.close();
	});

	it('submits one request per file after showing both prices; the view shows progress across a reload; the report opens with a section per file', async function () {
		await wb.explorerContextMenu(page, ['README.md', 'src'], 'Batch…');
		await wb.answerInput(page, 'Summarize');
		const dialog = await wb.modalDialog(page);
		assert.match(dialog.message, /^Summarize 2 files as a batch on claude-[\w.-]+\?$/);
		assert.match(dialog.detail, /Batch price: \$[\d.]+ for the input, up to \$[\d.]+ with the longest answers\./);
		assert.match(dialog.detail, /Interactive price: \$[\d.]+ for the input, up to \$[\d.]+ with the longest answers\./);
		await dialog.press('Submit Batch');

		const create = await received((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
		const files = create.body.requests.map((r) => /`(.+?)`/.exec(r.params.messages[0].content)[1]);
		assert.deepEqual(files, ['README.md', 'src/sample.ts']);

		const row = page.locator(wb.SELECTORS.batchRow).filter({ hasText: 'Summarize · 2 files' });
		await row.filter({ hasText: /in progress · 0\/2 · est\. \$/ }).waitFor();

		await wb.reloadWorkbench(page);
		await wb.runCommand(page, 'Claude: Focus on Batches View');
		await row.filter({ hasText: /in progress · 0\/2/ }).waitFor();

		env.fake.setBatchDelay(0);
		await wb.runCommand(page, 'Claude: Refresh Batches');
		await row.filter({ hasText: /2 done · \$[\d.]+ \(saved \$[\d.]+\)/ }).waitFor();
		await page.locator(wb.SELECTORS.activeTab, { hasText: /\.md$/ }).waitFor();
		const report = page.locator(wb.SELECTORS.editorLines);
		await report.filter({ hasText: '# Summarize: 2 files' }).waitFor();
		const text = (await report.innerText()).replace(/\u00a0/g, ' '); // the editor draws spaces as no-break spaces
		assert.match(text, /2 done, 0 failed, 0 canceled, 0 expired/);
		assert.match(text, /## \[`README\.md`\]\(file:\/\/.+README\.md\)/);
		assert.match(text, /## \[`src\/sample\.ts`\]\(file:\/\/.+sample\.ts\)/);
		assert.match(await wb.waitForNotification(page, /^Claude batch ended: Summarize, 2 done\./), /saved \$[\d.]+ against interactive/);
	});
});
