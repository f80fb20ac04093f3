import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { getDashboardHtml } from '../../../src/host/dashboard/dashboardHtml';

const opts = { cspSource: 'https://abc.vscode-cdn.net', scriptUri: 'https://abc.vscode-cdn.net/dist/dashboard.js', styleUri: 'https://abc.vscode-cdn.net/media/dashboard.css', nonce: 'n0nce_B-2' };

describe('getDashboardHtml: CSP and skeleton', () => {
	const html = getDashboardHtml(opts);
	const doc = new JSDOM(html).window.document;
	const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';

	it('has the strict CSP of house style habit 1', () => {
		assert.equal(csp, `default-src 'none'; style-src ${opts.cspSource}; img-src ${opts.cspSource} data:; font-src ${opts.cspSource}; script-src 'nonce-${opts.nonce}';`);
	});

	it('allows neither unsafe-eval, unsafe-inline nor network access', () => {
		assert.doesNotMatch(html, /unsafe-eval|unsafe-inline|connect-src/);
	});

	it('loads exactly one script, dist/dashboard.js with the nonce, and no inline body', () => {
		const scripts = Array.from(doc.querySelectorAll('script'));
		assert.equal(scripts.length, 1);
		assert.equal(scripts[0].getAttribute('nonce'), opts.nonce);
		assert.equal(scripts[0].getAttribute('src'), opts.scriptUri);
		assert.equal(scripts[0].textContent?.trim(), '');
	});

	it('links media/dashboard.css and has no inline styles or handlers', () => {
		assert.equal(doc.querySelector('link[rel="stylesheet"]')?.getAttribute('href'), opts.styleUri);
		assert.equal(doc.querySelectorAll('style, [style]').length, 0);
		const handlers = Array.from(doc.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => a.name.startsWith('on')));
		assert.deepEqual(handlers, []);
	});

	it('has the skeleton the dashboard script fills, data parts hidden until data arrives', () => {
		for (const id of ['dashboard', 'loading', 'totals', 'total-cost', 'total-requests', 'total-unknown', 'empty', 'panels',
			'chart-cost', 'legend-cost', 'chart-tokens', 'cache-rate', 'chart-cache', 'chart-commands', 'export-csv', 'export-jsonl']) {
			assert.ok(doc.getElementById(id), `#${id}`);
		}
		for (const id of ['totals', 'empty', 'panels']) {
			assert.equal(doc.getElementById(id)?.hidden, true, `#${id} hidden`);
		}
		assert.equal(doc.getElementById('export-csv')?.dataset.format, 'csv');
		assert.equal(doc.getElementById('export-jsonl')?.dataset.format, 'jsonl');
		assert.equal(doc.title, 'Claude Usage');
	});

	it('escapes URIs into attributes and rejects a nonce that could break out of the CSP', () => {
		const out = getDashboardHtml({ ...opts, styleUri: 'https://x.test/a.css?"><script>alert(1)</script>' });
		assert.equal(new JSDOM(out).window.document.querySelectorAll('script').length, 1);
		assert.throws(() => getDashboardHtml({ ...opts, nonce: `x'; script-src *` }));
	});
});
