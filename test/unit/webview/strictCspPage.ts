import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

/** What every webview page of the extension must be: the checks are shared, each page runs them on its own HTML. */
export function itIsAStrictCspPage(html: string, opts: { cspSource: string; scriptUri: string; styleUri: string; nonce: string }): Document {
	const doc = new JSDOM(html).window.document;
	const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';

	it('has the strict CSP every webview page uses (docs/architecture.md, Webviews)', () => {
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
	return doc;
}
