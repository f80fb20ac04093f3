// Conversations in the real workbench: two chats switched through the header's History list, a reload that brings
// back the open conversation and the list, Edit / Regenerate on the last exchange, and the model picker (prices
// shown, the choice sent to the fake server, per conversation).
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const wb = require('./lib/workbench');
const env = require('./lib/env');

describe('Conversations: History list, switching, reload, Edit / Regenerate, model picker', function () {
	let session;
	let page;
	let chat;

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		({ session, page, chat } = await wb.openFreshChat());
	});

	after(async function () {
		env.fake?.reset();
		await session?.close();
	});

	async function ask(text, reply) {
		env.fake.enqueue({ text: reply });
		await chat.locator('#prompt').fill(text);
		await chat.locator('#prompt').press('Enter');
		await chat.locator('.turn.assistant').last().locator('.turn-body', { hasText: reply }).waitFor();
		await chat.locator('.turn.assistant').last().locator('.regenerate').waitFor();
	}

	async function openHistory() {
		if ((await chat.locator('#history-toggle').getAttribute('aria-expanded')) !== 'true') {
			await chat.locator('#history-toggle').click();
		}
		await chat.locator('#history').waitFor({ state: 'visible' });
	}

	/** The History list's row for the conversation titled `title`. */
	function row(title) {
		return chat.locator('#history-list .conversation').filter({ has: chat.locator('.conversation-title', { hasText: title }) });
	}

	async function userTexts() {
		return (await chat.locator('.turn.user .turn-body').allInnerTexts()).map((t) => t.trim());
	}

	it('creates two chats and switches between them in the History list, each with its own turns', async function () {
		env.fake.reset();
		await ask('Alpha question about apples', 'Apples are red.');
		await openHistory();
		await chat.locator('#history-new').click();
		await chat.locator('.turn').first().waitFor({ state: 'detached' });
		await ask('Beta question about bananas', 'Bananas are yellow.');

		await openHistory();
		await row('Alpha question about apples').waitFor();
		const titles = await chat.locator('#history-list .conversation-title').allInnerTexts();
		assert.deepEqual(titles.slice(0, 2), ['Beta question about bananas', 'Alpha question about apples'], 'most recent first');
		assert.equal(await row('Beta question about bananas').locator('.conversation-open').getAttribute('aria-current'), 'true');
		assert.equal(await row('Alpha question about apples').locator('.conversation-date').innerText(), 'just now');
		assert.equal(await row('Alpha question about apples').locator('.conversation-delete').getAttribute('aria-label'), 'Delete “Alpha question about apples”');
		await wb.screenshot(page, 'history-list');

		await row('Alpha question about apples').locator('.conversation-open').click();
		await chat.locator('.turn.user .turn-body', { hasText: 'Alpha question about apples' }).waitFor();
		assert.deepEqual(await userTexts(), ['Alpha question about apples']);
		assert.equal(await chat.locator('.turn.assistant .turn-body').innerText(), 'Apples are red.');
		assert.equal(await chat.locator('#history').isVisible(), false, 'the list closes on switch');

		await openHistory();
		await row('Beta question about bananas').locator('.conversation-open').click();
		await chat.locator('.turn.user .turn-body', { hasText: 'Beta question about bananas' }).waitFor();
		assert.deepEqual(await userTexts(), ['Beta question about bananas']);

		// a follow-up in Alpha carries Alpha's history, not Beta's
		await openHistory();
		await row('Alpha question about apples').locator('.conversation-open').click();
		await chat.locator('.turn.user .turn-body', { hasText: 'Alpha question about apples' }).waitFor();
		await ask('And green ones?', 'Some apples are green.');
		const sent = env.fake.messageRequests().at(-1).body.messages;
		assert.equal(sent.length, 3);
		assert.match(JSON.stringify(sent[0].content), /Alpha question about apples/);
		assert.ok(!JSON.stringify(sent).includes('bananas'));
	});

	it('a reload restores the open conversation and the list', async function () {
		await wb.reloadWorkbench(page);
		chat = await wb.openChatView(page);
		await chat.locator('.turn').nth(3).waitFor();
		assert.deepEqual(await userTexts(), ['Alpha question about apples', 'And green ones?']);
		await openHistory();
		await row('Beta question about bananas').waitFor();
		const titles = await chat.locator('#history-list .conversation-title').allInnerTexts();
		assert.deepEqual(titles.slice(0, 2), ['Alpha question about apples', 'Beta question about bananas'], 'the follow-up moved Alpha to the top');
		assert.equal(await row('Alpha question about apples').locator('.conversation-open').getAttribute('aria-current'), 'true');
		await chat.locator('#history-toggle').click();
	});

	it('Edit resends the last question in place, and Regenerate replaces the last answer', async function () {
		env.fake.reset();
		const question = chat.locator('.turn.user').last();
		await question.locator('.edit-question').click();
		const box = question.locator('.exchange-editor textarea');
		assert.equal(await box.inputValue(), 'And green ones?');
		await box.fill('And yellow ones?');
		env.fake.enqueue({ text: 'Golden apples are yellow.' });
		await box.press('Enter');
		await chat.locator('.turn.assistant').last().locator('.turn-body', { hasText: 'Golden apples are yellow.' }).waitFor();
		assert.deepEqual(await userTexts(), ['Alpha question about apples', 'And yellow ones?']);
		assert.equal(await chat.locator('.turn').count(), 4, 'the exchange was replaced, not added');
		assert.equal(env.fake.messageRequests()[0].body.messages.at(-1).content, 'And yellow ones?');

		env.fake.enqueue({ text: 'Yes, some are yellow.' });
		await chat.locator('.turn.assistant').last().locator('.regenerate').click();
		await chat.locator('.turn.assistant').last().locator('.turn-body', { hasText: 'Yes, some are yellow.' }).waitFor();
		assert.equal(await chat.locator('.turn').count(), 4);
		assert.equal(env.fake.messageRequests().length, 2);
		assert.equal(await chat.locator('.turn.assistant').first().locator('.regenerate').count(), 0, 'only the last answer has Regenerate');
	});

	it('the header\'s model picker shows prices, and the choice is sent for this conversation only', async function () {
		const picker = chat.locator('#model-picker');
		await picker.locator('option').nth(2).waitFor({ state: 'attached' });
		const labels = await picker.locator('option').allInnerTexts();
		assert.ok(labels.includes('claude-opus-5-5 — $4 / $20 per MTok'), labels.join(' | '));
		assert.ok(labels.includes('claude-sonnet-5-5 — $2 / $10 per MTok · default'), labels.join(' | '));
		assert.ok(labels.includes('claude-haiku-5-5 — $0.10 / $0.50 per MTok'), labels.join(' | '));
		assert.equal(await picker.inputValue(), 'claude-sonnet-5-5');
		await picker.selectOption('claude-opus-5-5');
		await wb.screenshot(page, 'model-picker');
		env.fake.reset();
		await ask('Which tier answers?', 'The Opus tier.');
		assert.equal(env.fake.messageRequests()[0].body.model, 'claude-opus-5-5');

		await openHistory();
		await row('Beta question about bananas').locator('.conversation-open').click();
		await chat.locator('.turn.user .turn-body', { hasText: 'Beta question about bananas' }).waitFor();
		await chat.locator('#model-picker option:checked', { hasText: 'claude-sonnet-5-5' }).waitFor({ state: 'attached' });
		await ask('And you?', 'The Sonnet tier.');
		assert.equal(env.fake.messageRequests()[1].body.model, 'claude-sonnet-5-5');

		await openHistory();
		await row('Alpha question about apples').locator('.conversation-open').click();
		await chat.locator('.turn.user .turn-body', { hasText: 'Which tier answers?' }).waitFor();
		assert.equal(await picker.inputValue(), 'claude-opus-5-5', 'the choice belongs to the conversation');
	});
});
