import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { itIsAStrictCspPage } from './strictCspPage';
import { createNonce, getWebviewHtml } from '../../../src/host/chat/webviewHtml';

const opts = { cspSource: 'https://abc.vscode-cdn.net', scriptUri: 'https://abc.vscode-cdn.net/dist/webview.js', styleUri: 'https://abc.vscode-cdn.net/media/chat.css', nonce: 'n0nce_A-1' };

describe('getWebviewHtml: CSP and skeleton', () => {
	const html = getWebviewHtml(opts);
	const doc = itIsAStrictCspPage(html, opts);

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
