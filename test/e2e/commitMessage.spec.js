// The commit message in the real workbench: a window on a git repository with a staged change, the sparkle button in
// the Source Control view's title, and the message streamed into the Source Control box.
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const wb = require('./lib/workbench');
const env = require('./lib/env');

const MESSAGE = 'feat(app): bump the version to 2';

describe('Write Commit Message with Claude: the Source Control title\'s button fills the box', function () {
	let session;
	let page;
	let repoDir;

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		repoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-assistant-e2e-repo-'));
		const git = (...args) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: repoDir, stdio: 'pipe' });
		git('init', '-q');
		fs.writeFileSync(path.join(repoDir, 'app.ts'), 'export const version = 1;\n');
		git('add', 'app.ts');
		git('commit', '-q', '-m', 'feat(app): add the version constant');
		fs.writeFileSync(path.join(repoDir, 'app.ts'), 'export const version = 2;\n');
		git('add', 'app.ts');
		env.fake.reset();
		session = await wb.openWorkbench({ folder: repoDir });
		page = session.page;
		await wb.setApiKey(page);
		await wb.waitForNotification(page, /API key saved and valid/);
	});

	after(async function () {
		await session?.close();
		fs.rmSync(repoDir, { recursive: true, force: true });
	});

	it('streams the message for the staged change into the Source Control box', async function () {
		env.fake.enqueue({ text: MESSAGE, chunkSize: 4, delayMs: 20 });
		await wb.focusWorkbench(page);
		await page.keyboard.press('Control+Shift+G'); // View: Show Source Control
		const button = page.locator(`${wb.SELECTORS.sidebar} .action-label[aria-label="Write Commit Message with Claude"]`);
		await button.first().click();
		const box = page.locator(`${wb.SELECTORS.sidebar} .scm-editor .view-lines`);
		await box.filter({ hasText: MESSAGE }).waitFor();
		const [request] = env.fake.requests.filter((r) => r.path === '/v1/messages');
		assert.match(request.body.messages[0].content, /The staged changes to commit:\n```diff\ndiff --git a\/app\.ts b\/app\.ts/);
		assert.match(request.body.messages[0].content, /- feat\(app\): add the version constant/);
	});
});
