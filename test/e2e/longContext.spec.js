// Cost control the user sees in the real workbench: the estimate before a large request (Send / Cancel).
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const wb = require('./lib/workbench');
const env = require('./lib/env');

describe('Large requests: estimate before sending', function () {
	let session;
	let page;
	let chat;
	const bigFile = path.join(env.workspaceDir || '.', 'src', 'big.ts');

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		// ≈ 25k tokens: above the default 20k confirmAboveTokens, below Summarize File's 200 KB limit.
		const lines = Array.from({ length: 1700 }, (_, i) => `export const value${i} = compute(${i}, 'padding text');`);
		fs.writeFileSync(bigFile, `${lines.join('\n')}\n`);
		({ session, page, chat } = await wb.openFreshChat());
	});

	after(async function () {
		env.fake?.reset();
		await session?.close();
		fs.rmSync(bigFile, { force: true });
	});

	it('Summarize File on a large file shows "≈ N tokens ≈ $X" with Send / Cancel, and sends only on Send', async function () {
		env.fake.reset();
		env.fake.enqueue({ text: 'It defines 1700 constants.' });
		await wb.openFile(page, 'src/big.ts');
		await wb.runCommand(page, 'Claude: Summarize File');
		const answer = chat.locator('.turn.assistant').last();
		const box = answer.locator('.send-confirm');
		await box.waitFor();
		const text = await box.locator('.send-confirm-text').innerText();
		assert.match(text, /^Large request: ≈ \d+(\.\d)?k input tokens ≈ \$0\.\d+ to claude-haiku-5-5 \(counted by the API; before cache discounts, plus the answer\)\. Send it\?$/);
		const counted = env.fake.requests.filter((r) => r.path === '/v1/messages/count_tokens');
		assert.equal(counted.length, 1, 'the API counted the tokens');
		assert.equal(env.fake.messageRequests().length, 0, 'nothing sent yet');
		await wb.screenshot(page, 'estimate');
		await box.locator('button', { hasText: 'Send' }).click();
		await answer.locator('.turn-body', { hasText: 'It defines 1700 constants.' }).waitFor();
		assert.equal(env.fake.messageRequests().length, 1);
		assert.equal(await answer.locator('.send-confirm').count(), 0);
	});

	it('Cancel at the estimate sends nothing and keeps the question, with Retry', async function () {
		env.fake.reset();
		await wb.runCommand(page, 'Claude: Summarize File');
		const answer = chat.locator('.turn.assistant').last();
		await answer.locator('.send-confirm').waitFor();
		await answer.locator('.send-confirm button', { hasText: 'Cancel' }).click();
		await answer.locator('.turn-status .status-text', { hasText: 'Stopped' }).waitFor();
		assert.equal(env.fake.messageRequests().length, 0);
		assert.match(await chat.locator('.turn.user').last().locator('.turn-body').innerText(), /Summarize src\/big\.ts/);
		assert.equal(await answer.locator('button.retry').count(), 1);
	});
});
