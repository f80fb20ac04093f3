import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { aggregateDashboard } from '../../../src/core/usage/usageDashboard';
import type { LedgerLine } from '../../../src/core/usage/usageLedgerLine';
import { getDashboardHtml } from '../../../src/host/dashboard/dashboardHtml';
import type { DashboardData, DashboardWebviewToHost } from '../../../src/shared/dashboardProtocol';
import { startDashboard } from '../../../src/webview/dashboard/app';
import { niceMax } from '../../../src/webview/dashboard/charts';
import { formatRate } from '../../../src/webview/dashboard/render';

const NOW = new Date(2026, 10, 24, 15, 0).getTime();

function line(daysAgo: number, partial: Partial<LedgerLine>): LedgerLine {
	return {
		time: new Date(2026, 10, 24 - daysAgo, 10).toISOString(), requestId: null, command: 'chat', model: 'claude-sonnet-5-5',
		input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, costUsd: 0, ...partial,
	};
}

const DATA = aggregateDashboard([
	line(0, { input: 1000, output: 200, cacheRead: 1000, costUsd: 0.005 }),
	line(0, { command: 'explainSelection', model: 'claude-haiku-5-5', input: 500, output: 100, costUsd: 0.001 }),
	line(2, { command: 'summarizeFile', model: '<img src=x onerror=alert(1)>', input: 100, costUsd: null }),
], { now: NOW });

function setup(): { doc: Document; posted: DashboardWebviewToHost[]; send(data: unknown): void } {
	const { window } = new JSDOM(getDashboardHtml({ cspSource: 'x', scriptUri: 's.js', styleUri: 's.css', nonce: 'n' }));
	const posted: DashboardWebviewToHost[] = [];
	startDashboard({ document: window.document, source: window as unknown as Window, post: (m) => posted.push(m) });
	return { doc: window.document, posted, send: (data) => window.dispatchEvent(new window.MessageEvent('message', { data })) };
}

const text = (doc: Document, id: string): string => doc.getElementById(id)?.textContent ?? '';

describe('dashboard webview: drawing the data', () => {
	it('posts ready first and draws nothing until data arrives', () => {
		const { doc, posted } = setup();
		assert.deepEqual(posted, [{ type: 'ready' }]);
		assert.equal(doc.getElementById('loading')?.hidden, false);
		assert.equal(doc.querySelectorAll('svg').length, 0);
	});

	it('shows the totals: known cost as a lower bound, requests, and requests without a price', () => {
		const { doc, send } = setup();
		send({ type: 'dashboard/data', data: DATA });
		assert.equal(doc.getElementById('loading')?.hidden, true);
		assert.equal(text(doc, 'total-cost'), '$0.006+');
		assert.equal(text(doc, 'total-requests'), '3');
		assert.equal(text(doc, 'total-unknown'), '1');
		assert.equal(text(doc, 'range'), '· last 30 days');
		assert.equal(doc.getElementById('dashboard')?.getAttribute('aria-busy'), 'false');
	});

	it('shows batch spend and the saving next to the totals only when there was a batch', () => {
		const { doc, send } = setup();
		send({ type: 'dashboard/data', data: DATA });
		assert.equal(doc.getElementById('total-batch')?.parentElement?.hidden, true);
		assert.equal(doc.getElementById('total-batch-saved')?.parentElement?.hidden, true);
		const withBatch = aggregateDashboard([
			line(0, { input: 1000, output: 200, costUsd: 0.005 }),
			line(0, { command: 'batchReview', serviceTier: 'batch', input: 100_000, output: 20_000, costUsd: 0.2 }),
		], { now: NOW });
		send({ type: 'dashboard/data', data: withBatch });
		assert.equal(doc.getElementById('total-batch')?.parentElement?.hidden, false);
		assert.equal(text(doc, 'total-batch'), '$0.20');
		assert.equal(text(doc, 'total-batch-saved'), '$0.20', 'half price: the saving equals what was billed');
		assert.equal(text(doc, 'total-cost'), '$0.21');
	});

	it('stacks today\'s cost by model as SVG bars, one slot per day, coloured by series', () => {
		const { doc, send } = setup();
		send({ type: 'dashboard/data', data: DATA });
		const chart = doc.querySelector('#chart-cost svg');
		assert.equal(chart?.querySelectorAll('g.day').length, 30);
		const today = Array.from(chart?.querySelectorAll('rect.bar[data-day="2026-11-24"]') ?? []);
		assert.deepEqual(today.map((r) => [r.getAttribute('data-model'), r.getAttribute('class')]), [['claude-sonnet-5-5', 'bar series-0'], ['claude-haiku-5-5', 'bar series-1']]);
		const [sonnet, haiku] = today.map((r) => Number(r.getAttribute('height')));
		assert.ok(Math.abs(sonnet / haiku - 5) < 1e-9, 'heights proportional to cost');
		assert.equal(chart?.querySelectorAll('rect.bar').length, 2, 'no bar for days without known cost');
		assert.ok(Array.from(chart?.querySelectorAll('text') ?? []).some((t) => t.textContent === 'today'));
	});

	it('draws tokens by kind, the cache hit rate and cost by command', () => {
		const { doc, send } = setup();
		send({ type: 'dashboard/data', data: DATA });
		const kinds = Array.from(doc.querySelectorAll('#chart-tokens g.row')).map((g) => g.getAttribute('data-label'));
		assert.deepEqual(kinds, ['Input', 'Output', 'Cache write', 'Cache read']);
		assert.match(doc.querySelector('#chart-tokens g.row')?.textContent ?? '', /1\.6k tokens/);
		assert.equal(text(doc, 'cache-rate'), '38%'); // 1000 / (1000 + 1000 + 500 + 100)
		const commands = Array.from(doc.querySelectorAll('#chart-commands g.row')).map((g) => g.getAttribute('data-label'));
		assert.deepEqual(commands, ['Chat', 'Explain Selection', 'Summarize File']);
		assert.match(doc.querySelector('#chart-commands g.row')?.textContent ?? '', /\$0\.005 · 1 request/);
	});

	it('puts host strings in as text only (a model id with markup stays text)', () => {
		const { doc, send } = setup();
		send({ type: 'dashboard/data', data: DATA });
		assert.equal(doc.querySelectorAll('img').length, 0);
		const legend = Array.from(doc.querySelectorAll('#legend-cost li')).map((li) => li.textContent);
		assert.deepEqual(legend, ['claude-sonnet-5-5', 'claude-haiku-5-5', '<img src=x onerror=alert(1)>']);
	});

	it('replaces the charts on new data instead of adding to them, and shows the empty state for no requests', () => {
		const { doc, send } = setup();
		send({ type: 'dashboard/data', data: DATA });
		send({ type: 'dashboard/data', data: DATA });
		assert.equal(doc.querySelectorAll('#chart-cost svg').length, 1);
		const empty: DashboardData = aggregateDashboard([], { now: NOW });
		send({ type: 'dashboard/data', data: empty });
		assert.equal(text(doc, 'total-requests'), '0');
		assert.equal(text(doc, 'total-cost'), '$0.00');
		assert.equal(doc.getElementById('empty')?.hidden, false);
		assert.equal(doc.getElementById('panels')?.hidden, true);
		assert.equal(doc.getElementById('total-unknown')?.parentElement?.hidden, true);
	});

	it('ignores malformed or foreign messages', () => {
		const { doc, send } = setup();
		for (const data of [null, 'dashboard/data', { type: 'state/init' }, { type: 'dashboard/data', data: { days: 1 } }]) {
			send(data);
		}
		assert.equal(doc.getElementById('loading')?.hidden, false);
	});

	it('turns the Export buttons into dashboard/export requests', () => {
		const { doc, posted } = setup();
		(doc.getElementById('export-csv') as HTMLButtonElement).click();
		(doc.getElementById('export-jsonl') as HTMLButtonElement).click();
		assert.deepEqual(posted, [{ type: 'ready' }, { type: 'dashboard/export', format: 'csv' }, { type: 'dashboard/export', format: 'jsonl' }]);
	});
});

describe('dashboard webview: number helpers', () => {
	it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
		assert.deepEqual([0, 0.0007, 0.006, 0.013, 0.05, 3.2, 7].map(niceMax), [1, 0.001, 0.01, 0.02, 0.05, 5, 10]);
	});

	it('never shows a small non-zero cache share as 0%', () => {
		assert.deepEqual([0, 0.004, 0.01, 0.384, 1].map(formatRate), ['0%', '<1%', '1%', '38%', '100%']);
	});
});
