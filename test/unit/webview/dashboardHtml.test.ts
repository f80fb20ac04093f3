import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { itIsAStrictCspPage } from './strictCspPage';
import { getDashboardHtml } from '../../../src/host/dashboard/dashboardHtml';

const opts = { cspSource: 'https://abc.vscode-cdn.net', scriptUri: 'https://abc.vscode-cdn.net/dist/dashboard.js', styleUri: 'https://abc.vscode-cdn.net/media/dashboard.css', nonce: 'n0nce_B-2' };

describe('getDashboardHtml: CSP and skeleton', () => {
	const html = getDashboardHtml(opts);
	const doc = itIsAStrictCspPage(html, opts);

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
