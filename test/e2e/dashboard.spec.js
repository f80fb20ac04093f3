// The usage dashboard in the real workbench: one chat request is recorded in the usage ledger, "Claude: Show Usage"
// opens the "Claude Usage" panel with its totals and today's bar, a second request updates it live, and Export CSV
// goes straight to the save dialog.
/* global describe, it, before, after, document */
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const wb = require('./lib/workbench');
const env = require('./lib/env');
const { REPO_ROOT } = require('../../scripts/vscode-runtime/codeServer');

// The expected figures come from the same pure code the extension runs, applied to the ledger file on disk.
const { aggregateDashboard } = require(path.join(REPO_ROOT, 'out', 'src', 'core', 'usage', 'usageDashboard.js'));
const { parseLedger } = require(path.join(REPO_ROOT, 'out', 'src', 'core', 'usage', 'usageLedgerLine.js'));
const { localDayKey } = require(path.join(REPO_ROOT, 'out', 'src', 'core', 'usage', 'usage.js'));
const { formatUsd } = require(path.join(REPO_ROOT, 'out', 'src', 'shared', 'numberFormat.js'));

/** The extension's usage ledger in the e2e server's global storage. */
function ledgerPath() {
	return path.join(env.stateDir, 'user-data', 'User', 'globalStorage', env.extensionId, 'usage-ledger.jsonl');
}

function readLedger() {
	try {
		return parseLedger(fs.readFileSync(ledgerPath(), 'utf8'));
	} catch {
		return [];
	}
}

/** Polls until the ledger holds more than `count` lines (appends are asynchronous). */
async function waitForLedger(count, timeout = wb.WAIT_MS) {
	const deadline = Date.now() + timeout;
	while (Date.now() < deadline) {
		const lines = readLedger();
		if (lines.length > count) {
			return lines;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`the usage ledger still has ${count} line(s) after ${timeout} ms`);
}

/** What the totals should read for these ledger lines (the renderer's rule: `+` when some prices are unknown). */
function expectedTotals(lines) {
	const { totals } = aggregateDashboard(lines, { now: Date.now() });
	return { requests: String(totals.requests), cost: `${formatUsd(totals.costUsd)}${totals.unknownCostRequests > 0 ? '+' : ''}` };
}

/**
 * The inner frame of this extension's webview whose page has `selector`. Once the dashboard is open, the chat and the
 * dashboard are both webviews of this extension, so wb.chatFrame() (the only one) no longer applies.
 */
async function webviewWith(page, selector, timeout = wb.WAIT_MS) {
	const deadline = Date.now() + timeout;
	while (Date.now() < deadline) {
		const count = await page.locator(wb.SELECTORS.chatOuterFrame).count();
		for (let i = 0; i < count; i++) {
			const frame = page.frameLocator(wb.SELECTORS.chatOuterFrame).nth(i).frameLocator(wb.SELECTORS.chatInnerFrame);
			if (await frame.locator(selector).count().catch(() => 0)) {
				return frame;
			}
		}
		await page.waitForTimeout(200);
	}
	throw new Error(`no webview of this extension has ${selector}`);
}

describe('Dashboard: Show Usage opens the usage dashboard', function () {
	let session;
	let page;
	let chat;
	let dash;

	before(async function () {
		assert.ok(env.fake, 'the e2e runner starts the fake Anthropic server');
		session = await wb.openWorkbench();
		page = session.page;
		await wb.setApiKey(page);
		await wb.waitForNotification(page, /API key saved and valid/);
		await wb.newChat(page);
	});

	after(async function () {
		await session?.close();
	});

	async function ask(text, usage) {
		const before = readLedger().length;
		env.fake.reset();
		env.fake.enqueue({ text: `Answer to: ${text}`, usage });
		chat = await webviewWith(page, '#prompt');
		await chat.locator('#prompt').fill(text);
		await chat.locator('#prompt').press('Enter');
		await chat.locator('.turn.assistant').last().locator('.turn-body', { hasText: `Answer to: ${text}` }).waitFor();
		return waitForLedger(before);
	}

	it('shows the recorded request in the totals and a bar for today', async function () {
		const lines = await ask('What does this cost?', { input_tokens: 1200, output_tokens: 300 });
		const expected = expectedTotals(lines);
		await wb.runCommand(page, 'Claude: Show Usage');
		await page.locator(wb.SELECTORS.activeTab, { hasText: 'Claude Usage' }).waitFor();
		dash = await webviewWith(page, '#dashboard');
		await dash.locator('#total-requests', { hasText: expected.requests }).waitFor();
		assert.equal((await dash.locator('#total-requests').innerText()).trim(), expected.requests);
		assert.equal((await dash.locator('#total-cost').innerText()).trim(), expected.cost);
		const today = localDayKey(Date.now());
		const bars = dash.locator(`#chart-cost svg rect.bar[data-day="${today}"]`);
		assert.ok(await bars.count() >= 1, `a cost bar for ${today}`);
		const box = await bars.first().boundingBox();
		assert.ok(box && box.height > 0 && box.width > 0, 'today\'s bar is drawn');
		assert.equal(await dash.locator('#chart-tokens svg g.row').count(), 4);
		assert.equal(await dash.locator('#chart-commands svg g.row[data-label="Chat"] rect.bar').count(), 1);
		await wb.screenshot(page, 'usage-dashboard');
	});

	it('updates live when another request is recorded, and Show Usage again reuses the panel', async function () {
		const lines = await ask('And this one?', { input_tokens: 800, output_tokens: 100 });
		const expected = expectedTotals(lines);
		await dash.locator('#total-requests', { hasText: new RegExp(`^${expected.requests}$`) }).waitFor();
		assert.equal((await dash.locator('#total-cost').innerText()).trim(), expected.cost);
		await wb.runCommand(page, 'Claude: Show Usage');
		assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Claude Usage' }).count(), 1, 'one dashboard tab');
	});

	it('Export CSV goes straight to the save dialog with a .csv name (no format pick)', async function () {
		dash = await webviewWith(page, '#dashboard');
		await dash.locator('#export-csv').click();
		const input = page.locator(wb.SELECTORS.quickInputBox);
		await input.waitFor({ state: 'visible' });
		await page.waitForFunction((sel) => /claude-usage-\d{4}-\d{2}-\d{2}\.csv$/.test(document.querySelector(sel)?.value ?? ''), wb.SELECTORS.quickInputBox);
		const target = path.join(env.workspaceDir, 'usage-export.csv');
		await input.fill(target);
		await page.keyboard.press('Enter');
		await wb.waitForNotification(page, /Exported \d+ requests? to/);
		const csv = fs.readFileSync(target, 'utf8');
		assert.ok(csv.startsWith('time,requestId,command,model,'), csv.slice(0, 80));
		assert.equal(csv.trim().split('\r\n').length - 1, readLedger().length);
	});
});
