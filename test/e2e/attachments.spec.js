// Attachments in the real workbench: `@` in the chat's prompt lists the workspace's files, Enter attaches the chosen
// one as a chip (nothing sent), and the question sent next carries it as its own block; the Explorer's right-click
// Add to Chat attaches a file the same way, a window reload keeps it waiting, and the chip's × takes it off again.
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const wb = require('./lib/workbench');
const env = require('./lib/env');

const FILE = 'src/mention-target.ts';
const TEXT = 'export const mentionTarget = "attached by an @-mention";\n';

describe('Attachments: @-mention a file in the chat, Add to Chat from the Explorer', function () {
	let session;
	let page;
	let chat;

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		fs.writeFileSync(path.join(env.workspaceDir, FILE), TEXT);
		env.fake.reset();
		({ session, page, chat } = await wb.openFreshChat());
	});

	after(async function () {
		env.fake?.reset();
		await session?.close();
		fs.rmSync(path.join(env.workspaceDir, FILE), { force: true });
	});

	it('typing @ lists matching files; Enter attaches one as a chip; the question sent carries it and shows it', async function () {
		const prompt = chat.locator('#prompt');
		await prompt.click();
		await prompt.pressSequentially('What is @mentiontarg');
		const first = chat.locator('#mentions .mention').first();
		await first.locator('.mention-label', { hasText: 'mention-target.ts' }).waitFor();
		assert.equal(await first.getAttribute('aria-selected'), 'true');
		await prompt.press('Enter');
		const chip = chat.locator('#attachments .chip');
		await chip.locator('.chip-name', { hasText: 'mention-target.ts' }).waitFor();
		assert.match(await chip.locator('.chip-tokens').textContent(), /^≈ \d+ tokens$/);
		assert.equal(await prompt.inputValue(), 'What is ', 'the @query left the prompt; nothing was sent');
		assert.equal(env.fake.requests.filter((r) => r.path === '/v1/messages').length, 0);

		env.fake.enqueue({ text: 'A constant.' });
		await prompt.pressSequentially('this?');
		await prompt.press('Enter');
		await chat.locator('.turn.assistant .turn-body', { hasText: 'A constant.' }).waitFor();
		const request = env.fake.requests.find((r) => r.path === '/v1/messages');
		const blocks = request.body.messages.at(-1).content;
		assert.equal(blocks[0].text, `Attached \`${FILE}\`:\n\n\`\`\`ts\n${TEXT.trimEnd()}\n\`\`\``);
		assert.equal(blocks[1].text, 'What is this?');
		await chat.locator('.turn.user .chip-name', { hasText: 'mention-target.ts' }).waitFor();
		assert.equal(await chat.locator('#attachments .chip').count(), 0, 'sent: the composer has no chips left');
	});

	it('Explorer right-click → Add to Chat attaches the file as a chip; it is still waiting after a window reload, and its × removes it', async function () {
		await wb.explorerContextMenu(page, ['README.md'], 'Add to Chat');
		await chat.locator('#attachments .chip', { hasText: 'README.md' }).waitFor();

		await wb.reloadWorkbench(page);
		chat = await wb.openChatView(page);
		const chip = chat.locator('#attachments .chip', { hasText: 'README.md' });
		await chip.waitFor();
		await chip.locator('.chip-remove').click();
		await chip.waitFor({ state: 'detached' });
	});
});
