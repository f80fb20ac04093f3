import type { DashboardDay } from '../../shared/dashboardProtocol';
import { formatUsd } from '../../shared/numberFormat';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Colour classes series-0..series-5 in media/dashboard.css (the six --vscode-charts-* colours), reused in order. */
export const SERIES_COUNT = 6;

/** The colour class of the i-th series. */
export function seriesClass(i: number): string {
	return `series-${i % SERIES_COUNT}`;
}

/**
 * Creates an SVG element with attributes set through the DOM (never markup), so values from the host cannot inject
 * anything; `title` becomes a `<title>` child, which browsers show as a tooltip and screen readers read.
 */
export function svgEl<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string | number> = {}, title?: string): SVGElementTagNameMap[K] {
	const el = doc.createElementNS(SVG_NS, tag);
	for (const [name, value] of Object.entries(attrs)) {
		el.setAttribute(name, String(value));
	}
	if (title !== undefined) {
		const t = doc.createElementNS(SVG_NS, 'title');
		t.textContent = title;
		el.append(t);
	}
	return el;
}

function text(doc: Document, x: number, y: number, content: string, cls: string, anchor: 'start' | 'middle' | 'end' = 'start'): SVGTextElement {
	const t = svgEl(doc, 'text', { x, y, class: cls, 'text-anchor': anchor });
	t.textContent = content;
	return t;
}

/** A round axis maximum at or above `max`: 1, 2 or 5 times a power of ten. */
export function niceMax(max: number): number {
	if (!(max > 0)) {
		return 1;
	}
	const p = 10 ** Math.floor(Math.log10(max));
	return ([1, 2, 5, 10].find((m) => m * p >= max * (1 - 1e-9)) ?? 10) * p;
}

function chartRoot(doc: Document, width: number, height: number, label: string): SVGSVGElement {
	return svgEl(doc, 'svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart-svg' });
}

/**
 * Cost per day as vertical bars stacked by model, in `models` order (most expensive at the bottom). Every day gets a
 * slot so gaps show as gaps; a non-zero cost is at least 1 unit tall so a cheap day is still visible. Each segment
 * is `rect.bar[data-day][data-model]` with a tooltip.
 */
export function costPerDayChart(doc: Document, days: readonly DashboardDay[], models: readonly string[]): SVGSVGElement {
	const W = 900, H = 240, left = 56, right = 8, top = 10, bottom = 24;
	const plotW = W - left - right, plotH = H - top - bottom;
	const dayTotal = (d: DashboardDay): number => Object.values(d.byModel).reduce((a, b) => a + b, 0);
	const max = niceMax(Math.max(0, ...days.map(dayTotal)));
	const root = chartRoot(doc, W, H, `Cost per day over ${days.length} days, by model`);
	for (const f of [0, 0.5, 1]) {
		const y = top + plotH * (1 - f);
		root.append(svgEl(doc, 'line', { x1: left, x2: W - right, y1: y, y2: y, class: 'grid' }));
		root.append(text(doc, left - 6, y + 4, formatUsd(max * f), 'axis-label', 'end'));
	}
	const slot = plotW / Math.max(1, days.length);
	const barW = Math.max(1, slot * 0.7);
	const labelEvery = Math.max(1, Math.ceil(days.length / 7));
	days.forEach((d, i) => {
		const x = left + i * slot + (slot - barW) / 2;
		const total = dayTotal(d);
		const group = svgEl(doc, 'g', { class: 'day', 'data-day': d.day }, `${d.day}: ${formatUsd(total)} · ${d.requests} request${d.requests === 1 ? '' : 's'}`);
		let y = top + plotH;
		models.forEach((model, m) => {
			const cost = d.byModel[model] ?? 0;
			if (cost <= 0) {
				return;
			}
			const h = Math.max(1, (cost / max) * plotH);
			y -= h;
			group.append(svgEl(doc, 'rect', { x, y, width: barW, height: h, class: `bar ${seriesClass(m)}`, 'data-day': d.day, 'data-model': model }, `${d.day} · ${model}: ${formatUsd(cost)}`));
		});
		root.append(group);
		const last = i === days.length - 1;
		if (last || (i % labelEvery === 0 && days.length - 1 - i >= labelEvery / 2)) {
			root.append(text(doc, x + barW / 2, H - 6, last ? 'today' : d.day.slice(5), 'axis-label', last ? 'end' : 'middle'));
		}
	});
	root.append(svgEl(doc, 'line', { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, class: 'axis' }));
	return root;
}

/** One row of a {@link barList}. */
export interface BarRow {
	label: string;
	value: number;
	/** Shown right of the bar, e.g. `$0.12 · 3 requests`. */
	valueText: string;
}

/**
 * Horizontal bars, one row each, scaled to the largest value: tokens by kind, cost by command. Labels longer than the
 * label column are cut with an ellipsis (the whole label stays in the tooltip).
 */
export function barList(doc: Document, rows: readonly BarRow[], label: string): SVGSVGElement {
	const W = 420, rowH = 26, labelW = 118, valueW = 120;
	const barMax = W - labelW - valueW - 8;
	const max = Math.max(0, ...rows.map((r) => r.value));
	const root = chartRoot(doc, W, Math.max(1, rows.length) * rowH + 4, label);
	rows.forEach((r, i) => {
		const y = i * rowH + 4;
		const shown = r.label.length > 18 ? `${r.label.slice(0, 17)}…` : r.label;
		const row = svgEl(doc, 'g', { class: 'row', 'data-label': r.label }, `${r.label}: ${r.valueText}`);
		row.append(text(doc, 0, y + 15, shown, 'row-label'));
		const w = max > 0 && r.value > 0 ? Math.max(1, (r.value / max) * barMax) : 0;
		row.append(svgEl(doc, 'rect', { x: labelW, y: y + 3, width: w, height: rowH - 10, class: `bar ${seriesClass(i)}` }));
		row.append(text(doc, labelW + w + 6, y + 15, r.valueText, 'row-value'));
		root.append(row);
	});
	return root;
}

/** A 0..1 share as a filled track (the cache hit rate). */
export function meter(doc: Document, share: number, label: string): SVGSVGElement {
	const W = 420, H = 16;
	const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
	const root = chartRoot(doc, W, H, label);
	root.append(svgEl(doc, 'rect', { x: 0, y: 0, width: W, height: H, rx: 3, class: 'track' }));
	root.append(svgEl(doc, 'rect', { x: 0, y: 0, width: W * clamped, height: H, rx: 3, class: `bar ${seriesClass(1)}` }));
	return root;
}
