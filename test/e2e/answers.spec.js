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
		chat = await wb.newChat(page);
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
		await chat.locator('#no-key').waitFor({ state: 'visible' });
		assert.match(await chat.locator('#no-key').innerText(), /No API key/);
		await ask('Is anyone there?');
		const answer = chat.locator('.turn.assistant').last();
		await answer.locator('.turn-error').waitFor();
		assert.match(await answer.locator('.turn-error').innerText(), /No API key/);
		assert.equal(await answer.locator('button.set-key').count(), 1);
		assert.equal(env.fake.requests.length, 0, 'nothing reached the API');
		assert.equal((await chat.locator('.turn.user').last().locator('.turn-body').innerText()).trim(), 'Is anyone there?');

		await wb.setApiKey(page);
		await chat.locator('#no-key').waitFor({ state: 'hidden' });
		env.fake.enqueue({ text: 'Yes, I am here.' });
		await answer.locator('button.retry').click();
		await answer.locator('.turn-body', { hasText: 'Yes, I am here.' }).waitFor();
		assert.equal(env.fake.messageRequests()[0].body.messages[0].content, 'Is anyone there?');
	});

	it('marks a max_tokens answer "Truncated at max_tokens (4096)" and Continue appends to it', async function () {
		env.fake.reset();
		env.fake.enqueue({ text: 'The first part of a long answer,', stopReason: 'max_tokens' }, { text: ' and the rest of it.' });
		await ask('Tell me everything');
		const answer = chat.locator('.turn.assistant').last();
		const status = answer.locator('.turn-status .status-text');
		await status.filter({ hasText: 'Truncated at max_tokens (4096)' }).waitFor();
		await wb.screenshot(page, 'truncated');
		await answer.locator('button.continue').click();
		await answer.locator('.turn-body', { hasText: 'The first part of a long answer, and the rest of it.' }).waitFor();
		assert.equal(await answer.getAttribute('data-status'), 'complete');
		assert.equal(await answer.locator('button.continue').count(), 0, 'no Continue on a complete answer');
		assert.equal(await chat.locator('.turn.assistant').count(), 2, 'Continue added no new answer');
	});

	it('counts down visibly while rate limited, Retry Now skips each wait, and after 5 attempts shows the error with Retry', async function () {
		env.fake.reset();
		// A 60 s retry-after: the wait starts at "1 min", so seeing it below 60 s proves it counts down, however slowly
		// this machine lets the test look; Retry Now skips each wait, so nothing depends on the clock or the jitter.
		const limited = { fault: { kind: 'http', status: 429, retryAfterMs: 60_000 } };
		env.fake.enqueue(limited, limited, limited, limited, limited);
		await ask('Quick question');
		const answer = chat.locator('.turn.assistant').last();
		const waitText = answer.locator('.retry-wait .retry-text');
		await waitText.filter({ hasText: /^Rate limited, retrying in (1 min|[1-5]?\d s) \(attempt 2\/5\)$/ }).waitFor();
		await waitText.filter({ hasText: /^Rate limited, retrying in [1-5]?\d s \(attempt 2\/5\)$/ }).waitFor();
		await wb.screenshot(page, 'retrying');
		assert.equal(env.fake.messageRequests().length, 1, 'nothing is retried behind the countdown');
		for (let attempt = 2; attempt <= 5; attempt++) {
			await waitText.filter({ hasText: `(attempt ${attempt}/5)` }).waitFor();
			assert.match(await waitText.innerText(), /^Rate limited, retrying in (1 min|\d+ s) \(attempt \d\/5\)$/);
			await answer.locator('.retry-wait button.retry-now').click();
		}
		await answer.locator('.turn-error').waitFor();
		assert.match(await answer.locator('.turn-error').innerText(), /Rate limited.*Gave up after 5 attempts\./);
		assert.equal(await answer.locator('.retry-wait').count(), 0);
		assert.equal(env.fake.messageRequests().length, 5, 'five attempts, none of them hidden SDK retries');
		assert.ok(env.fake.messageRequests().every((r) => r.headers['x-stainless-retry-count'] === '0'));
		env.fake.enqueue({ text: 'Here is the quick answer.' });
		await answer.locator('button.retry').click();
		await answer.locator('.turn-body', { hasText: 'Here is the quick answer.' }).waitFor();
		assert.equal(env.fake.messageRequests()[5].body.messages.at(-1).content, 'Quick question');
	});

	it('Cancel during a retry wait stops the answer, keeps the prompt and sends nothing more', async function () {
		env.fake.reset();
		env.fake.enqueue({ fault: { kind: 'http', status: 529, retryAfterMs: 60_000 } });
		await ask('Will you wait?');
		const answer = chat.locator('.turn.assistant').last();
		const waitText = answer.locator('.retry-wait .retry-text');
		await waitText.filter({ hasText: 'The API is overloaded, retrying in' }).waitFor();
		assert.match(await waitText.innerText(), /^The API is overloaded, retrying in (1 min|[1-5]?\d s) \(attempt 2\/5\)$/);
		await answer.locator('.retry-wait button.cancel-retry').click();
		await answer.locator('.turn-status .status-text', { hasText: 'Stopped' }).waitFor();
		assert.equal(await answer.locator('.retry-wait').count(), 0);
		assert.equal(env.fake.messageRequests().length, 1, 'nothing was sent after Cancel');
		assert.equal((await chat.locator('.turn.user').last().locator('.turn-body').innerText()).trim(), 'Will you wait?');
	});
});
