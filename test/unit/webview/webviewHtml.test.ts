import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createNonce, getWebviewHtml } from '../../../src/host/chat/webviewHtml';

const opts = { cspSource: 'https://abc.vscode-cdn.net', scriptUri: 'https://abc.vscode-cdn.net/dist/webview.js', styleUri: 'https://abc.vscode-cdn.net/media/chat.css', nonce: 'n0nce_A-1' };

describe('getWebviewHtml: CSP and skeleton', () => {
	const html = getWebviewHtml(opts);
	const doc = new JSDOM(html).window.document;
	const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';

	it('has the strict CSP of house style habit 1', () => {
		assert.equal(csp, `default-src 'none'; style-src ${opts.cspSource}; img-src ${opts.cspSource} data:; font-src ${opts.cspSource}; script-src 'nonce-${opts.nonce}';`);
	});

	it('allows neither unsafe-eval, unsafe-inline nor network access', () => {
		assert.doesNotMatch(html, /unsafe-eval|unsafe-inline|connect-src/);
	});

	it('loads exactly one script, with the CSP nonce and a src, and no inline body', () => {
		const scripts = Array.from(doc.querySelectorAll('script'));
		assert.equal(scripts.length, 1);
		assert.equal(scripts[0].getAttribute('nonce'), opts.nonce);
		assert.ok(csp.includes(`'nonce-${scripts[0].getAttribute('nonce')}'`));
		assert.equal(scripts[0].getAttribute('src'), opts.scriptUri);
		assert.equal(scripts[0].textContent?.trim(), '');
	});

	it('links the stylesheet and has no inline styles or handlers (CSP would block them)', () => {
		assert.equal(doc.querySelector('link[rel="stylesheet"]')?.getAttribute('href'), opts.styleUri);
		assert.equal(doc.querySelectorAll('style, [style]').length, 0);
		const handlers = Array.from(doc.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => a.name.startsWith('on')));
		assert.deepEqual(handlers, []);
	});

	it('has the skeleton the webview code and e2e tests rely on, banners and Stop hidden', () => {
		for (const id of ['chat', 'transcript', 'prompt', 'send', 'stop', 'demo-banner', 'no-key', 'notices', 'empty', 'composer']) {
			assert.ok(doc.getElementById(id), `#${id}`);
		}
		assert.equal(doc.getElementById('transcript')?.getAttribute('role'), 'log');
		assert.equal(doc.getElementById('transcript')?.getAttribute('aria-live'), 'polite');
		assert.equal(doc.getElementById('prompt')?.tagName, 'TEXTAREA');
		for (const id of ['demo-banner', 'no-key', 'stop']) {
			assert.equal(doc.getElementById(id)?.hidden, true, `#${id} hidden`);
		}
	});

	it('escapes URIs into attributes', () => {
		const out = getWebviewHtml({ ...opts, scriptUri: 'https://x.test/a.js?"><script>alert(1)</script>' });
		assert.equal(new JSDOM(out).window.document.querySelectorAll('script').length, 1);
	});

	it('rejects a nonce that could break out of the CSP', () => {
		assert.throws(() => getWebviewHtml({ ...opts, nonce: `x'; script-src *` }));
	});
});

describe('createNonce', () => {
	it('is fresh each time and fits the CSP nonce grammar', () => {
		const a = createNonce();
		const b = createNonce();
		assert.notEqual(a, b);
		assert.match(a, /^[A-Za-z0-9_-]{32}$/);
	});
});
