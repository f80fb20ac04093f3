// XSS corpus in the real chat webview: every payload of test/fixtures/xssCorpus.ts arrives as model output from the
// fake Anthropic server and is rendered by the real webview in Chromium. Nothing may execute (no dialog, no
// window.__xss / top.__xss / parent.__xss, no { xss } message in any frame), nothing may load (a canary server on
// 127.0.0.1 counts the hits of every URL the payloads use, and every request the browser attempts outside the
// workbench's server is recorded), and nothing dangerous may reach the DOM even where the CSP or the iframe sandbox
// would still stop it (the DOM audit, and the webview's securitypolicyviolation events).
//
// One answer per category keeps the spec fast; each payload sits under its own "### xss:<id>" heading, and every
// signal (finding, flag, message, canary path, CSP report) carries the payload id, so results stay attributable.
/* global describe, it, before, after, window, document */
'use strict';

const assert = require('assert');
const http = require('http');
const path = require('path');
const wb = require('./lib/workbench');
const env = require('./lib/env');

const { XSS_CORPUS, answerOf, auditMarkup } = require(path.join(__dirname, '..', '..', 'out', 'test', 'fixtures', 'xssCorpus.js'));

/** A 127.0.0.1 server that answers everything with an empty 200 and counts hits per path. */
async function startCanary() {
	const hits = [];
	const server = http.createServer((req, res) => {
		hits.push(req.url);
		res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
		res.end('');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { origin: `http://127.0.0.1:${server.address().port}`, hits, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Installed in the top page and in both webview frames: records { xss } messages and CSP reports. */
function installProbe() {
	const seen = { messages: [], csp: [] };
	window.__xssProbe = seen;
	window.addEventListener('message', (event) => {
		const data = event.data;
		if (data && typeof data === 'object' && 'xss' in data) {
			seen.messages.push(String(data.xss));
		}
	});
	document.addEventListener('securitypolicyviolation', (event) => {
		seen.csp.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
	});
}

/** What a frame's probe saw, plus the flags a payload would set. */
function readProbe() {
	const flags = window.__xss === undefined ? [] : [String(window.__xss)];
	return { flags, messages: window.__xssProbe.messages, csp: window.__xssProbe.csp };
}

describe('XSS corpus in the real chat webview', function () {
	// 11 answers on a busy 2-core machine: a ceiling, not a timing assumption (every step waits on a condition).
	this.timeout(240_000);

	let session;
	let page;
	let chat;
	let canary;
	/** The three frames the payloads could reach: the workbench page, the webview host frame and the chat's own. */
	let frames;
	const dialogs = [];
	const consoleSignals = [];
	const loads = [];
	/** Findings of the DOM audit in the webview, over all answers. */
	const findings = [];

	before(async function () {
		env.fake.reset();
		canary = await startCanary();
		({ session, page, chat } = await wb.openFreshChat());
		const serverOrigin = new URL(env.serverUrl).origin;
		page.on('dialog', (dialog) => {
			dialogs.push(`${dialog.type()}: ${dialog.message()}`);
			void dialog.dismiss().catch(() => undefined);
		});
		// Sandboxed webview frames have no allow-modals: alert() there is ignored with a console message, not a dialog.
		page.on('console', (msg) => {
			if (/Ignored call to '(alert|confirm|prompt|print)\(\)'/.test(msg.text())) {
				consoleSignals.push(msg.text());
			}
		});
		// The webview's own files (script, stylesheet, grammars) come from VS Code's resource origin under the
		// installed extension's folder. Anything else the chat frame fetches is a load, even from the workbench server
		// (where a relative URL may resolve); from any other frame, anything not from the workbench server is.
		const ownResource = (url) => /\.vscode-resource\.vscode-cdn\.net$/.test(url.hostname) && url.pathname.startsWith(`${path.join(env.stateDir, 'extensions')}/`);
		page.context().on('request', (request) => {
			const url = new URL(request.url());
			if (!/^(https?|wss?):$/.test(url.protocol) || ownResource(url)) {
				return;
			}
			if (url.origin !== serverOrigin || fromChatFrame(request)) {
				loads.push(url.href);
			}
		});
		const outer = await (await page.locator(wb.SELECTORS.chatOuterFrame).elementHandle()).contentFrame();
		const inner = await (await outer.locator(wb.SELECTORS.chatInnerFrame).elementHandle()).contentFrame();
		frames = { workbench: page.mainFrame(), webviewHost: outer, chat: inner };
		for (const frame of Object.values(frames)) {
			await frame.evaluate(installProbe);
		}
	});

	after(async function () {
		await session?.close();
		await canary?.close();
	});

	/** Whether a request comes from the chat's frame (once the spec knows it; its host frame fetches the chat's own files). */
	function fromChatFrame(request) {
		try {
			const frame = request.frame();
			return frame === frames?.chat;
		} catch {
			return false; // service-worker requests have no frame
		}
	}

	const categories = [...new Set(XSS_CORPUS.map((p) => p.category))];

	it(`renders all ${XSS_CORPUS.length} payloads, one answer per category, with nothing dangerous in the DOM`, async function () {
		for (const [i, category] of categories.entries()) {
			const payloads = XSS_CORPUS.filter((p) => p.category === category);
			// Small pieces, so the streamed (incremental) rendering sees payloads cut mid-tag and mid-URL too.
			env.fake.enqueue({ text: answerOf(payloads, { canaryOrigin: canary.origin }), chunkSize: 40 });
			await chat.locator('#prompt').fill(`Show me ${category} examples`);
			await chat.locator('#prompt').press('Enter');
			await chat.locator('.turn.assistant[data-status="complete"]').nth(i).waitFor({ timeout: 60_000 });
			const answer = chat.locator('.turn.assistant').nth(i);
			assert.equal(await answer.locator('h3').count(), payloads.length, `every ${category} payload has its section`);
			// Every image has finished (loaded, failed or blocked): any fetch it made has reached the canary by now.
			await frames.chat.waitForFunction(() => Array.from(document.querySelectorAll('.turn.assistant img')).every((img) => img.complete), undefined, { timeout: 30_000 });
			findings.push(...await answer.evaluate(auditMarkup));
		}
		report('DOM findings', findings.map((f) => `${f.id}: ${f.what}`));
		assert.deepEqual(findings, []);
	});

	it('executed nothing: no dialog, no flag, no message in the workbench or either webview frame', async function () {
		const executed = await executedSignals();
		report('executed', executed);
		assert.deepEqual(executed, []);
	});

	it('loaded nothing: no canary hit, no request but the webview\'s own files, no CSP report', async function () {
		const csp = [];
		for (const [name, frame] of Object.entries(frames)) {
			csp.push(...(await frame.evaluate(readProbe)).csp.map((line) => `${name}: ${line}`));
		}
		report('canary hits', canary.hits);
		report('requests', loads);
		// A CSP report means the sanitizer let a load or an inline script through and only the CSP stopped it.
		report('CSP reports', csp);
		console.log(`      xss: ${XSS_CORPUS.length} payloads, ${attributed(await executedSignals()).size} executed, ${canary.hits.length + loads.length} loads (${csp.length} blocked by CSP)`);
		assert.deepEqual(canary.hits, []);
		assert.deepEqual(loads, []);
		assert.deepEqual(csp, []);
	});

	it('control: the same detectors do see an image, a relative image and an alert the sanitizer did not stop', async function () {
		// Planted straight into the chat frame after the counts above, as a sanitizer bug would: proof that a clean
		// result comes from the sanitizer, not from detectors that cannot fire here.
		const remote = `${canary.origin}/control-remote.png`;
		const relative = page.context().waitForEvent('request', { predicate: (r) => r.url().includes('control-relative'), timeout: 30_000 });
		const ignoredAlert = page.waitForEvent('console', { predicate: (m) => /Ignored call to 'alert\(\)'/.test(m.text()), timeout: 30_000 });
		await frames.chat.evaluate((src) => {
			const box = document.createElement('div');
			box.id = 'xss-control';
			box.innerHTML = `<img src="${src}"><img src="control-relative.png">`;
			document.body.append(box);
			window.alert('control');
		}, remote);
		await relative;
		await ignoredAlert;
		await frames.chat.waitForFunction((src) => window.__xssProbe.csp.some((line) => line.includes(src)), remote, { timeout: 30_000 });
		await frames.chat.evaluate(() => document.getElementById('xss-control').remove());
		assert.deepEqual(canary.hits, [], 'the CSP, the last line, still stopped the remote image');
	});

	/** Every sign of script having run, from all frames and the page's dialog and console events. */
	async function executedSignals() {
		const signals = [...dialogs.map((d) => `dialog ${d}`), ...consoleSignals.map((c) => `console ${c}`)];
		for (const [name, frame] of Object.entries(frames)) {
			const { flags, messages } = await frame.evaluate(readProbe);
			signals.push(...flags.map((f) => `${name}: window.__xss = ${f}`), ...messages.map((m) => `${name}: message { xss: ${m} }`));
		}
		return signals;
	}

	/** The payload ids named in some signals (each signal carries the id of the payload it came from). */
	function attributed(signals) {
		const ids = XSS_CORPUS.map((p) => p.id).sort((a, b) => b.length - a.length);
		return new Set(signals.map((s) => ids.find((id) => s.includes(id)) ?? `unattributed: ${s}`));
	}

	function report(title, lines) {
		if (lines.length > 0) {
			console.log(`      ${title}:\n${lines.map((l) => `        ${l}`).join('\n')}`);
		}
	}
});
