import type { DashboardData } from '../../shared/dashboardProtocol';
import { formatTokens, formatUsd } from '../../shared/numberFormat';
import { barList, costPerDayChart, meter, seriesClass } from './charts';

/** Friendly names for the commands the extension records; anything else is shown as recorded. */
const COMMAND_LABELS: Record<string, string> = {
	chat: 'Chat',
	explainSelection: 'Explain Selection',
	summarizeFile: 'Summarize File',
	fixSelection: 'Fix Selection',
	writeTests: 'Write Tests',
	addDocs: 'Add Docs',
	askOpus: 'Ask Opus',
	summarizeHistory: 'History Summary',
};

function byId(doc: Document, id: string): HTMLElement {
	const el = doc.getElementById(id);
	if (!el) {
		throw new Error(`dashboard: #${id} is missing from the page`);
	}
	return el;
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A share as a whole percentage, except that a small non-zero share never reads as 0%. */
export function formatRate(share: number): string {
	if (!(share > 0)) {
		return '0%';
	}
	return share < 0.01 ? '<1%' : `${Math.round(share * 100)}%`;
}

/** Known cost, marked `+` when some requests had no price (a lower bound, never "free"). */
function costText(data: DashboardData): string {
	const { costUsd, unknownCostRequests, requests } = data.totals;
	if (requests > 0 && unknownCostRequests === requests) {
		return 'unknown';
	}
	return `${formatUsd(costUsd)}${unknownCostRequests > 0 ? '+' : ''}`;
}

/**
 * Draws `data` into the skeleton of src/host/dashboard/dashboardHtml.ts: totals, then the four charts. Everything is
 * replaced on each call (data arrives whole), and every value goes in through textContent or an attribute.
 */
export function renderDashboard(doc: Document, data: DashboardData): void {
	const { totals, days } = data;
	byId(doc, 'dashboard').setAttribute('aria-busy', 'false');
	byId(doc, 'loading').hidden = true;
	byId(doc, 'range').textContent = `· last ${days.length} days`;
	byId(doc, 'totals').hidden = false;
	byId(doc, 'total-cost').textContent = costText(data);
	byId(doc, 'total-requests').textContent = String(totals.requests);
	byId(doc, 'total-unknown').textContent = String(totals.unknownCostRequests);
	byId(doc, 'total-unknown').parentElement?.toggleAttribute('hidden', totals.unknownCostRequests === 0);
	byId(doc, 'total-batch').textContent = formatUsd(totals.batchUsd);
	byId(doc, 'total-batch-saved').textContent = formatUsd(totals.batchSavedUsd);
	for (const id of ['total-batch', 'total-batch-saved']) {
		byId(doc, id).parentElement?.toggleAttribute('hidden', totals.batchUsd === 0);
	}
	byId(doc, 'empty').hidden = totals.requests > 0;
	byId(doc, 'panels').hidden = totals.requests === 0;

	byId(doc, 'chart-cost').replaceChildren(costPerDayChart(doc, days, data.models));
	byId(doc, 'legend-cost').replaceChildren(...data.models.map((model, i) => {
		const li = doc.createElement('li');
		const swatch = doc.createElement('span');
		swatch.className = `swatch ${seriesClass(i)}`;
		li.append(swatch, doc.createTextNode(model));
		return li;
	}));

	const tokens = { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 };
	for (const d of days) {
		tokens.input += d.tokens.input;
		tokens.output += d.tokens.output;
		tokens.cacheWrite += d.tokens.cacheWrite;
		tokens.cacheRead += d.tokens.cacheRead;
	}
	const kinds: Array<[string, number]> = [['Input', tokens.input], ['Output', tokens.output], ['Cache write', tokens.cacheWrite], ['Cache read', tokens.cacheRead]];
	byId(doc, 'chart-tokens').replaceChildren(barList(doc, kinds.map(([label, value]) => ({ label, value, valueText: `${formatTokens(value)} tokens` })), 'Tokens by kind'));

	byId(doc, 'cache-rate').textContent = formatRate(data.cacheHitRate);
	byId(doc, 'chart-cache').replaceChildren(meter(doc, data.cacheHitRate, `Prompt cache hit rate ${formatRate(data.cacheHitRate)}`));

	byId(doc, 'chart-commands').replaceChildren(barList(doc, data.byCommand.map((c) => ({
		label: COMMAND_LABELS[c.command] ?? c.command,
		value: c.costUsd,
		valueText: `${formatUsd(c.costUsd)} · ${plural(c.requests, 'request')}`,
	})), 'Cost by command'));
}
