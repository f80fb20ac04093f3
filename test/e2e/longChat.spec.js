// A long chat in the real workbench: past claudeAssistant.maxHistoryTokens the older messages are summarized by the
// Haiku tier, and a divider "N earlier messages summarized" marks where the sent history begins, also after a reload.
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const wb = require('./lib/workbench');
const env = require('./lib/env');

describe('Long chats: the running history summary', function () {
	let session;
	let page;
	let chat;
	// maxHistoryTokens is a user-only setting (a workspace cannot raise what each request costs): set it in the
	// server's user settings before the window opens, and put them back after.
	const settingsFile = () => path.join(env.stateDir, 'user-data', 'User', 'settings.json');
	let original;

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		original = fs.readFileSync(settingsFile(), 'utf8');
		fs.writeFileSync(settingsFile(), JSON.stringify({ ...JSON.parse(original), 'claudeAssistant.maxHistoryTokens': 1000 }, null, '\t'));
		({ session, page, chat } = await wb.openFreshChat());
	});

	after(async function () {
		env.fake?.reset();
		await session?.close();
		if (original !== undefined) {
			fs.writeFileSync(settingsFile(), original);
		}
	});

	it('a long chat shows "N earlier messages summarized" where the sent history begins, also after a reload', async function () {
		env.fake.reset();
		const long = 'x'.repeat(1200);
		// Every call gets this reply, the summarization call included (it may come before any answer of a turn).
		env.fake.setDefault({ text: `an answer ${long}` });
		for (let i = 0; i < 3; i++) {
			await chat.locator('#prompt').fill(`question ${i} ${long}`);
			await chat.locator('#prompt').press('Enter');
			await chat.locator('.turn.assistant').nth(i).locator('.turn-body', { hasText: 'an answer' }).waitFor();
		}
		const marker = chat.locator('#transcript > .history-marker');
		await marker.waitFor();
		assert.match(await marker.innerText(), /^\d+ earlier messages summarized$/);
		const summary = env.fake.messageRequests().find((r) => typeof r.body.system === 'string' && r.body.system.includes('running summary'));
		assert.ok(summary, 'the Haiku tier wrote the summary');
		assert.equal(summary.body.model, 'claude-haiku-5-5');
		const last = env.fake.messageRequests().at(-1).body;
		assert.match(last.system.map((b) => b.text).join(''), /earlier_conversation_summary/);
		const markerText = await marker.innerText();
		await wb.screenshot(page, 'history-summarized');

		await wb.reloadWorkbench(page);
		chat = await wb.openChatView(page);
		await chat.locator('.turn').nth(5).waitFor();
		assert.equal(await chat.locator('#transcript > .history-marker').innerText(), markerText);
	});
});
