// Page helpers for driving the VS Code web workbench (code-server 4.139 / VS Code 1.139) with playwright-core.
// Selectors were checked against that build; see SELECTORS. All helpers take the workbench `page`.
/* global document */ // inside page.waitForFunction / evaluate callbacks, which run in the browser
'use strict';

const fs = require('fs');
const path = require('path');
const { launchBrowser, workbenchUrl } = require('../../../scripts/vscode-runtime/codeServer');
const env = require('./env');

const EXTENSION_ID = 'claude-assistant-dev.claude-assistant';

/** CSS selectors (ids with dots are escaped for CSS). */
const SELECTORS = {
	workbench: '.monaco-workbench',
	/** The activity bar entry of the `claudeAssistant` view container (its title is "Claude"). */
	activityBarClaude: '.part.activitybar a.action-label[aria-label^="Claude"]',
	sidebar: '#workbench\\.parts\\.sidebar',
	statusBar: '#workbench\\.parts\\.statusbar',
	/** A status bar item's element id is <publisher>.<name>.<item id>. */
	usageStatusItem: '#claude-assistant-dev\\.claude-assistant\\.claudeAssistant\\.usage',
	quickInput: '.quick-input-widget',
	quickInputBox: '.quick-input-widget .quick-input-box input',
	quickInputRow: '.quick-input-widget .monaco-list-row',
	/** The outer webview iframe of this extension; the extension's HTML is in its inner iframe#active-frame. */
	chatOuterFrame: `iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`,
	chatInnerFrame: 'iframe#active-frame',
	editor: '.editor-group-container.active .monaco-editor',
	editorLines: '.editor-group-container.active .monaco-editor .view-lines',
	activeTab: '.editor-group-container.active .tabs-container .tab.active',
	contextMenu: '.context-view .monaco-menu',
	contextMenuItem: '.context-view .monaco-menu .action-item',
	notificationToast: '.notifications-toasts .notification-toast',
	notificationsCenter: '.notifications-center',
	notificationItem: '.notifications-center .notification-list-item',
	explorerRow: '.explorer-folders-view .monaco-list-row',
	dialog: '.monaco-dialog-box',
	/** A row of the Batches view (a tree view in the Claude container). */
	batchRow: '.pane:has(.pane-header[aria-label^="Batches"]) .monaco-list-row',
};

/**
 * How long any wait on the workbench may take before the test fails: a guard against a condition that never comes,
 * not a time limit, so it is generous (a busy two-core machine can take tens of seconds for a reload). Every page
 * gets it as its default timeout; waits name their own timeout only when a shorter one is part of the logic.
 */
const WAIT_MS = Number(process.env.E2E_WAIT_MS || 60_000);

/** Escapes a string for use inside a RegExp. */
function escapeRe(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The extension hosts the e2e server has launched and those it has seen exit (pids), from its remoteagent.log. */
function extensionHosts() {
	const logs = path.join(env.stateDir, 'user-data', 'logs');
	const launched = new Set();
	const exited = new Set();
	for (const session of fs.existsSync(logs) ? fs.readdirSync(logs) : []) {
		const file = path.join(logs, session, 'remoteagent.log');
		const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
		for (const [, pid, what] of text.matchAll(/\[ExtensionHostConnection\] <(\d+)> (Launched Extension Host Process\.|Extension Host Process exited)/g)) {
			(what.startsWith('Launched') ? launched : exited).add(pid);
		}
	}
	return { launched, exited };
}

/**
 * Waits until the extension hosts launched since `before` (this window's, including those of its reloads) have
 * exited: the server drops them after the 1 s reconnection grace of run.js once the window is gone.
 */
async function extensionHostsExited(before, { timeout = WAIT_MS } = {}) {
	const deadline = Date.now() + timeout;
	for (;;) {
		const { launched, exited } = extensionHosts();
		const running = [...launched].filter((pid) => !before.has(pid) && !exited.has(pid));
		if (running.length === 0) {
			return;
		}
		if (Date.now() > deadline) {
			throw new Error(`extension host(s) ${running.join(', ')} still running ${timeout} ms after their window closed`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * Launches a fresh browser on the e2e server's workspace and waits until the workbench and the extension's status
 * bar item are there (the extension activates onStartupFinished). close() closes the browser.
 * @returns {Promise<{ page: import('playwright-core').Page, close(): Promise<void> }>}
 */
async function openWorkbench({ folder = env.workspaceDir, waitForExtension = true } = {}) {
	const hostsBefore = extensionHosts().launched;
	const browser = await launchBrowser();
	const { page } = browser;
	page.setDefaultTimeout(WAIT_MS);
	env.pages.add(page);
	try {
		await page.goto(workbenchUrl(env.serverUrl, folder));
		await page.locator(SELECTORS.workbench).waitFor();
		if (waitForExtension) {
			await page.locator(SELECTORS.usageStatusItem).waitFor();
		}
	} catch (err) {
		await screenshot(page, 'open-workbench-failed').catch(() => undefined);
		env.pages.delete(page);
		await browser.close();
		throw err;
	}
	return {
		page,
		async close() {
			env.pages.delete(page);
			await browser.close();
			// The server drops this window's extension host after the 1 s reconnection grace (see run.js); the next
			// window on the same workspace must open after that, or it gets a "-1" copy of the storage folder.
			await extensionHostsExited(hostsBefore);
		},
	};
}

/**
 * Reloads the window and waits, as openWorkbench does, until the workbench and the extension's status bar item are
 * back: the item appears only once the new extension host has activated the extension, so its commands are in the
 * palette by then (right after the workbench alone, on a fresh or busy machine, they were not yet).
 */
async function reloadWorkbench(page) {
	await page.reload();
	await page.locator(SELECTORS.workbench).waitFor();
	await page.locator(SELECTORS.usageStatusItem).waitFor();
}

/** Saves test-results/<name>.png. */
async function screenshot(page, name) {
	const file = path.join(env.resultsDir || path.resolve(__dirname, '..', '..', '..', 'test-results'), `${name.replace(/[^\w.-]+/g, '_').slice(0, 120)}.png`);
	await page.screenshot({ path: file });
	return file;
}

/**
 * Moves keyboard focus back to the workbench, e.g. after typing in a webview (keys would go to the iframe, and an
 * Escape there could reach the chat): a click on the status bar's empty middle takes focus and closes pickers and
 * menus, then Escape closes whatever is left (notification center, hovers).
 */
async function focusWorkbench(page) {
	const box = await page.locator(SELECTORS.statusBar).boundingBox();
	if (box) {
		// the middle of the status bar is empty (items sit at the left and right ends)
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	}
	await page.keyboard.press('Escape');
}

/** The visible rows of the open quick input (command palette, quick open, quick pick). */
function quickInputRows(page) {
	return page.locator(SELECTORS.quickInputRow);
}

/**
 * Opens the command palette (F1) and runs the command with this exact title, e.g. 'Claude: Explain Selection'
 * (category + title as shown in the palette).
 */
async function runCommand(page, title) {
	await focusWorkbench(page);
	await page.keyboard.press('F1');
	const input = page.locator(SELECTORS.quickInputBox);
	await input.waitFor({ state: 'visible' });
	await input.fill(`>${title}`);
	const row = quickInputRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) }).first();
	await row.waitFor();
	await row.click();
	// done when the palette has closed or shows something else (a command may open its own quick pick or input box)
	await page.waitForFunction(({ widget, box, value }) => {
		const w = document.querySelector(widget);
		const input = document.querySelector(box);
		return !w || w.style.display === 'none' || !input || input.value !== value;
	}, { widget: SELECTORS.quickInput, box: SELECTORS.quickInputBox, value: `>${title}` });
}

/** Types into an open input box (showInputBox / quick pick filter) and presses Enter. */
async function answerInput(page, text) {
	const input = page.locator(SELECTORS.quickInputBox);
	await input.waitFor({ state: 'visible' });
	await input.fill(text);
	await page.keyboard.press('Enter');
}

/**
 * Opens a workspace file via Quick Open (Ctrl+P), e.g. 'src/sample.ts', and waits for its editor tab.
 */
async function openFile(page, relativePath) {
	await focusWorkbench(page);
	await page.keyboard.press('Control+P');
	const input = page.locator(SELECTORS.quickInputBox);
	await input.waitFor({ state: 'visible' });
	await input.fill(relativePath);
	const base = path.posix.basename(relativePath);
	const dir = path.posix.dirname(relativePath);
	let row = quickInputRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(base)}$`) }) });
	if (dir !== '.') {
		row = row.filter({ hasText: dir });
	}
	await row.first().waitFor();
	await row.first().click();
	await page.locator(SELECTORS.activeTab, { hasText: base }).waitFor();
	await page.locator(SELECTORS.editorLines).waitFor();
}

/**
 * Selects whole lines `from`..`to` (1-based, inclusive) in the active editor: Go to Line (Ctrl+G, ':<line>') puts the
 * cursor at the start of `from`, then Shift+Down and Shift+End extend the selection.
 */
async function selectLines(page, from, to) {
	await page.locator(SELECTORS.editorLines).click();
	await page.keyboard.press('Control+G');
	const input = page.locator(SELECTORS.quickInputBox);
	await input.waitFor({ state: 'visible' });
	await input.fill(`:${from}`);
	await page.keyboard.press('Enter');
	await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden' });
	await page.keyboard.press('Home');
	if (await page.locator(`${SELECTORS.editor} .selected-text`).count() === 0) {
		// Home toggles between the first non-blank character and column 1; make sure we are at column 1
		await page.keyboard.press('Home');
	}
	for (let line = from; line < to; line++) {
		await page.keyboard.press('Shift+ArrowDown');
	}
	await page.keyboard.press('Shift+End');
	// Done when the selection is drawn: a right-click (editorContextMenu) aims at the drawn selection, and one aimed
	// before it is drawn lands in the middle of the editor's scrollable height (often past the last line), which
	// moves the cursor there and drops the selection.
	await page.locator(`${SELECTORS.editor} .selected-text`).first().waitFor();
}

/** Right-clicks the active editor (on the selection, if any) and picks a context-menu item by its label. */
async function editorContextMenu(page, label) {
	// The selection highlight lies under the text layer, so click its coordinates rather than the element (a right
	// click outside the selection would move the cursor and drop the selection).
	// The widest highlight box is a fully selected line (the narrow ones are line-end markers and partial lines).
	const boxes = (await page.locator(`${SELECTORS.editor} .selected-text`).evaluateAll((els) => els.map((e) => {
		const r = e.getBoundingClientRect();
		return { x: r.x, y: r.y, width: r.width, height: r.height };
	}))).filter((b) => b.width > 0 && b.height > 0).sort((a, b) => b.width - a.width);
	const box = boxes[0] || await page.locator(SELECTORS.editorLines).boundingBox();
	if (!box) {
		throw new Error('editorContextMenu: no visible editor');
	}
	await page.mouse.click(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2, { button: 'right' });
	await pickContextMenuItem(page, label, 'editorContextMenu');
}

/** Runs the item labelled `label` of the open context menu. */
async function pickContextMenuItem(page, label, caller) {
	const item = page.locator(SELECTORS.contextMenuItem).filter({ has: page.locator('.action-label', { hasText: new RegExp(`^${escapeRe(label)}$`) }) }).first();
	await item.waitFor();
	// A click right after the menu opens can be swallowed (the menu ignores the mouse for a moment after the
	// right-click): hover to focus the item, then press Enter, which the menu always honours.
	const menu = page.locator(SELECTORS.contextMenu);
	for (let attempt = 0; attempt < 3 && (await menu.isVisible().catch(() => false)); attempt++) {
		await item.hover();
		await page.locator(`${SELECTORS.contextMenuItem}.focused`).filter({ hasText: label }).waitFor({ timeout: 2_000 }).catch(() => undefined);
		await page.keyboard.press('Enter');
		await menu.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
	}
	if (await menu.isVisible().catch(() => false)) {
		throw new Error(`${caller}: the menu did not run "${label}"`);
	}
}

/** The Explorer's row for a top-level file or folder of the workspace, by its name. */
function explorerRow(page, name) {
	return page.locator(`${SELECTORS.explorerRow}[aria-label="${name}"]`);
}

/**
 * Shows the Explorer, selects the top-level files and folders `names` (a click, then Ctrl+click for the rest), and
 * right-clicks the last one to run the context-menu item `label` on the whole selection.
 */
async function explorerContextMenu(page, names, label) {
	await runCommand(page, 'View: Show Explorer');
	for (const [i, name] of names.entries()) {
		const row = explorerRow(page, name);
		await row.waitFor();
		await row.click(i === 0 ? {} : { modifiers: ['Control'] });
		await page.locator(`${SELECTORS.explorerRow}[aria-label="${name}"][aria-selected="true"]`).waitFor();
	}
	// exactly these rows, before the right-click (a right-click outside the selection would select only its row)
	await page.waitForFunction(({ row, count }) => document.querySelectorAll(`${row}[aria-selected="true"]`).length === count, { row: SELECTORS.explorerRow, count: names.length });
	await explorerRow(page, names.at(-1)).click({ button: 'right' });
	await pickContextMenuItem(page, label, 'explorerContextMenu');
}

/** The open modal dialog (a `modal: true` message): its message, its detail, and a way to press one of its buttons. */
async function modalDialog(page) {
	const box = page.locator(SELECTORS.dialog);
	await box.waitFor();
	return {
		message: (await box.locator('.dialog-message-text').innerText()).trim(),
		detail: (await box.locator('.dialog-message-detail').innerText()).trim(),
		async press(label) {
			await box.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${escapeRe(label)}$`) }).click();
			await box.waitFor({ state: 'hidden' });
		},
	};
}

/** The chat webview's inner frame (the extension's HTML), for ordinary locators: chatFrame(page).locator('#prompt'). */
function chatFrame(page) {
	return page.frameLocator(SELECTORS.chatOuterFrame).frameLocator(SELECTORS.chatInnerFrame);
}

/**
 * Shows the chat and waits for its #prompt. By default through the palette command "Claude: Open Chat", which only
 * ever reveals; `{ via: 'activityBar' }` clicks the activity-bar entry instead (a click on the container that is
 * already showing would hide the side bar, so that is only done when it is not the active one).
 */
async function openChatView(page, { via = 'command' } = {}) {
	const prompt = chatFrame(page).locator('#prompt');
	if (via === 'activityBar') {
		const item = page.locator(SELECTORS.activityBarClaude);
		const active = await item.evaluate((a) => Boolean(a.closest('.action-item')?.classList.contains('checked'))).catch(() => false);
		if (!active) {
			await item.click();
		}
	} else if (!(await prompt.isVisible().catch(() => false))) {
		await runCommand(page, 'Claude: Open Chat');
	}
	await prompt.waitFor();
	return chatFrame(page);
}

/** The extension's usage status bar item. */
function usageStatusItem(page) {
	return page.locator(SELECTORS.usageStatusItem);
}

/** The usage item's text (the codicon renders as an empty glyph, so the text is trimmed). */
async function statusBarText(page) {
	return (await usageStatusItem(page).innerText()).trim();
}

/** The usage item's tooltip/aria text ("<codicon> <text>, <tooltip or name>"). */
async function statusBarAriaLabel(page) {
	return usageStatusItem(page).locator('a, .statusbar-item-label').first().getAttribute('aria-label');
}

/**
 * Opens the Notifications center and returns the messages listed there (newest first). Toasts are not reliable:
 * servers with the smoke-test driver never show them, and they hide after a while; the center lists everything.
 * @param {{ keepOpen?: boolean }} [options]
 */
async function readNotifications(page, { keepOpen = false } = {}) {
	const center = page.locator(SELECTORS.notificationsCenter);
	if (!(await center.isVisible().catch(() => false))) {
		await runCommand(page, 'Notifications: Show Notifications');
		await center.waitFor({ state: 'visible' });
	}
	const items = page.locator(`${SELECTORS.notificationItem} .notification-list-item-message`);
	const texts = (await items.allInnerTexts()).map((t) => t.trim());
	if (!keepOpen) {
		await page.locator(`${SELECTORS.notificationsCenter} .codicon-notifications-hide`).click();
		await center.waitFor({ state: 'hidden' });
	}
	return texts;
}

/** Waits until a notification matching `match` (substring or RegExp) appears as a toast or in the center. */
async function waitForNotification(page, match, { timeout = WAIT_MS } = {}) {
	const test = (t) => (match instanceof RegExp ? match.test(t) : t.includes(match));
	const deadline = Date.now() + timeout;
	while (Date.now() < deadline) {
		const toasts = await page.locator(`${SELECTORS.notificationToast} .notification-list-item-message`).allInnerTexts();
		const hit = toasts.find(test);
		if (hit) {
			return hit.trim();
		}
		// Toasts appear a moment after the action: give them a second before opening the Notifications center, whose
		// palette command can miss while focus is still in a webview (then the next round tries again).
		if (Date.now() > deadline - timeout + 1000) {
			const listed = (await readNotifications(page).catch(() => [])).find(test);
			if (listed) {
				return listed;
			}
		}
		await page.waitForTimeout(250);
	}
	throw new Error(`no notification matching ${match} within ${timeout} ms`);
}

/**
 * Presses `button` on the notification whose message matches `match`, in the Notifications center (toasts are not
 * reliable, see readNotifications); the center is closed afterwards.
 */
async function pressNotificationButton(page, match, button) {
	await runCommand(page, 'Notifications: Show Notifications');
	const item = page.locator(SELECTORS.notificationItem).filter({ has: page.locator('.notification-list-item-message', { hasText: match }) }).first();
	await item.locator('.monaco-button', { hasText: new RegExp(`^${escapeRe(button)}$`) }).click();
	const center = page.locator(SELECTORS.notificationsCenter);
	if (await center.isVisible().catch(() => false)) {
		await page.locator(`${SELECTORS.notificationsCenter} .codicon-notifications-hide`).click();
	}
}

/** Runs "Claude: Set API Key" and types the key into its input box (default: the key the fake server accepts). */
async function setApiKey(page, key = env.apiKey) {
	await runCommand(page, 'Claude: Set API Key');
	// Wait for the extension's own password box, not the palette's input that it replaces (same widget).
	const box = page.locator(`${SELECTORS.quickInput} input[type="password"]`);
	await box.waitFor({ state: 'visible' });
	await box.fill(key);
	await box.press('Enter');
	await box.waitFor({ state: 'hidden' });
}

/**
 * Runs "Claude: New Chat" and waits for everything it does: the chat view shows an empty conversation and holds the
 * keyboard focus. VS Code moves the focus into a revealed webview a moment after revealing it (once its frame has
 * loaded), and that closes any palette opened in between; so nothing goes on until the focus has landed there.
 * Returns the chat frame.
 */
async function newChat(page) {
	await runCommand(page, 'Claude: New Chat');
	const chat = chatFrame(page);
	await chat.locator('#prompt').waitFor();
	await chat.locator('#empty').waitFor({ state: 'visible' });
	await page.waitForFunction((frame) => Boolean(document.activeElement?.matches(frame)), SELECTORS.chatOuterFrame);
	return chat;
}

/**
 * A workbench with the test key set and an empty conversation in the open chat view: the usual start of a spec.
 * Returns the workbench session (close it in `after`), its page and the chat frame.
 */
async function openFreshChat() {
	const session = await openWorkbench();
	const page = session.page;
	try {
		await setApiKey(page);
		const chat = await newChat(page);
		return { session, page, chat };
	} catch (err) {
		// the caller gets no session to close in its `after`, so close the window here rather than leave it open
		await screenshot(page, 'open-fresh-chat-failed').catch(() => undefined);
		await session.close().catch(() => undefined);
		throw err;
	}
}

/** Clears all notifications (so a later waitForNotification can't match an old one). */
async function clearNotifications(page) {
	await runCommand(page, 'Notifications: Clear All Notifications');
}

module.exports = {
	extensionHosts,
	EXTENSION_ID,
	WAIT_MS,
	SELECTORS,
	openWorkbench,
	reloadWorkbench,
	screenshot,
	focusWorkbench,
	quickInputRows,
	runCommand,
	answerInput,
	openFile,
	selectLines,
	editorContextMenu,
	explorerContextMenu,
	modalDialog,
	chatFrame,
	openChatView,
	usageStatusItem,
	statusBarText,
	statusBarAriaLabel,
	readNotifications,
	pressNotificationButton,
	waitForNotification,
	clearNotifications,
	setApiKey,
	newChat,
	openFreshChat,
};
