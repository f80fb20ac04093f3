// What the chat shows when an answer does not simply complete: no key, truncation + Continue, an error + Retry.
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const wb = require('./lib/workbench');
const env = require('./lib/env');

describe('Chat: no key, truncated answers, errors', function () {
	let session;
	let page;
	let chat;

	before(async function () {
		session = await wb.openWorkbench();
		page = session.page;
		await wb.runCommand(page, 'Claude: New Chat');
		chat = await wb.openChatView(page);
	});

	after(async function () {
		await session?.close();
	});

	async function ask(text) {
		await chat.locator('#prompt').fill(text);
		await chat.locator('#prompt').press('Enter');
	}

	it('without a key shows "No API key", sends nothing, keeps the prompt, and Retry works once a key is set', async function () {
		env.fake.reset();
		await chat.locator('#no-key').waitFor({ state: 'visible', timeout: 10_000 });
		assert.match(await chat.locator('#no-key').innerText(), /No API key/);
		await ask('Is anyone there?');
		const answer = chat.locator('.turn.assistant').last();
		await answer.locator('.turn-error').waitFor({ timeout: 10_000 });
		assert.match(await answer.locator('.turn-error').innerText(), /No API key/);
		assert.equal(await answer.locator('button.set-key').count(), 1);
		assert.equal(env.fake.requests.length, 0, 'nothing reached the API');
		assert.equal((await chat.locator('.turn.user').last().locator('.turn-body').innerText()).trim(), 'Is anyone there?');

		await wb.setApiKey(page);
		await chat.locator('#no-key').waitFor({ state: 'hidden', timeout: 10_000 });
		env.fake.enqueue({ text: 'Yes, I am here.' });
		await answer.locator('button.retry').click();
		await answer.locator('.turn-body', { hasText: 'Yes, I am here.' }).waitFor({ timeout: 10_000 });
		assert.equal(env.fake.messageRequests()[0].body.messages[0].content, 'Is anyone there?');
	});

	it('marks a max_tokens answer "Truncated at max_tokens (4096)" and Continue appends to it', async function () {
		env.fake.reset();
		env.fake.enqueue({ text: 'The first part of a long answer,', stopReason: 'max_tokens' }, { text: ' and the rest of it.' });
		await ask('Tell me everything');
		const answer = chat.locator('.turn.assistant').last();
		const status = answer.locator('.turn-status .status-text');
		await status.filter({ hasText: 'Truncated at max_tokens (4096)' }).waitFor({ timeout: 10_000 });
		await wb.screenshot(page, 'truncated');
		await answer.locator('button.continue').click();
		await answer.locator('.turn-body', { hasText: 'The first part of a long answer, and the rest of it.' }).waitFor({ timeout: 10_000 });
		assert.equal(await answer.getAttribute('data-status'), 'complete');
		assert.equal(await answer.locator('button.continue').count(), 0, 'no Continue on a complete answer');
		assert.equal(await chat.locator('.turn.assistant').count(), 2, 'Continue added no new answer');
	});

	it('shows a rate-limit error with Retry after the SDK gave up, and Retry resends the same prompt', async function () {
		env.fake.reset();
		const limited = { fault: { kind: 'http', status: 429, retryAfterMs: 10 } };
		env.fake.enqueue(limited, limited, limited);
		await ask('Quick question');
		const answer = chat.locator('.turn.assistant').last();
		await answer.locator('.turn-error').waitFor({ timeout: 15_000 });
		assert.match(await answer.locator('.turn-error').innerText(), /Rate limited/);
		assert.equal(env.fake.messageRequests().length, 3, 'the SDK retried twice (maxRetries 2) before giving up');
		env.fake.enqueue({ text: 'Here is the quick answer.' });
		await answer.locator('button.retry').click();
		await answer.locator('.turn-body', { hasText: 'Here is the quick answer.' }).waitFor({ timeout: 10_000 });
		assert.equal(env.fake.messageRequests()[3].body.messages.at(-1).content, 'Quick question');
	});
});
