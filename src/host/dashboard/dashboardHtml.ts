import { webviewPage, type WebviewPageOptions } from '../webviewPage';

/** Inputs for the usage dashboard page (see WebviewPageOptions). */
export type DashboardHtmlOptions = WebviewPageOptions;

/** The static skeleton that src/webview/dashboard/render.ts fills: figures arrive as `dashboard/data` messages. */
const DASHBOARD_BODY = `	<main id="dashboard" aria-busy="true">
		<header class="dash-header">
			<h1>Claude usage <span id="range" class="muted"></span></h1>
			<div class="dash-actions">
				<button type="button" id="export-csv" data-format="csv" title="Save every recorded request as CSV (for spreadsheets)">Export CSV</button>
				<button type="button" id="export-jsonl" data-format="jsonl" class="secondary" title="Save every recorded request as JSON Lines">Export JSONL</button>
			</div>
		</header>
		<p id="loading" class="muted" role="status">Loading usage…</p>
		<section id="totals" class="totals" aria-label="Totals" hidden>
			<div class="stat"><span id="total-cost" class="stat-value"></span><span class="stat-label">cost</span></div>
			<div class="stat"><span id="total-requests" class="stat-value"></span><span class="stat-label">requests</span></div>
			<div class="stat"><span id="total-unknown" class="stat-value"></span><span class="stat-label">with unknown price</span></div>
			<div class="stat" hidden><span id="total-batch" class="stat-value"></span><span class="stat-label">in batches</span></div>
			<div class="stat" hidden><span id="total-batch-saved" class="stat-value"></span><span class="stat-label">saved by batching</span></div>
		</section>
		<p id="empty" class="muted" hidden>No requests in this period. Usage appears here as soon as Claude answers.</p>
		<div id="panels" class="panels" hidden>
			<section class="panel panel-wide" aria-labelledby="h-cost">
				<h2 id="h-cost">Cost per day, by model</h2>
				<div id="chart-cost" class="chart"></div>
				<ul id="legend-cost" class="legend"></ul>
			</section>
			<section class="panel" aria-labelledby="h-tokens">
				<h2 id="h-tokens">Tokens by kind</h2>
				<div id="chart-tokens" class="chart"></div>
			</section>
			<section class="panel" aria-labelledby="h-cache">
				<h2 id="h-cache">Prompt cache hit rate</h2>
				<p id="cache-rate" class="big-number"></p>
				<div id="chart-cache" class="chart"></div>
				<p class="muted note">Share of prompt tokens read from the cache (billed at about 0.1× input).</p>
			</section>
			<section class="panel" aria-labelledby="h-commands">
				<h2 id="h-commands">Cost by command</h2>
				<div id="chart-commands" class="chart"></div>
			</section>
		</div>
		<p class="muted note">Estimated from list prices; your invoice is authoritative.</p>
	</main>`;

/** The dashboard's HTML: the shared strict-CSP page around the dashboard skeleton. Pure, so the CSP is unit-tested. */
export function getDashboardHtml(opts: DashboardHtmlOptions): string {
	return webviewPage({ ...opts, title: 'Claude Usage', body: DASHBOARD_BODY });
}
