/** Inputs for the usage dashboard page; VS Code-specific values are resolved by the caller, so this stays pure. */
export interface DashboardHtmlOptions {
	/** `webview.cspSource`: the origin allowed to serve our script, stylesheet, images and fonts. */
	cspSource: string;
	/** `webview.asWebviewUri(dist/dashboard.js)`. */
	scriptUri: string;
	/** `webview.asWebviewUri(media/dashboard.css)`. */
	styleUri: string;
	/** A fresh value from `createNonce()` (src/host/chat/webviewHtml.ts). */
	nonce: string;
}

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The dashboard's HTML: the same strict CSP as the chat (house style habit 1: nonce-only script, no 'unsafe-inline',
 * no 'unsafe-eval', no connect-src: the ledger is read by the host, never by the page), one script, one stylesheet
 * and the static skeleton that src/webview/dashboard/render.ts fills. No data is interpolated here: figures arrive
 * as a `dashboard/data` message and are set with DOM APIs. Pure, so the CSP is unit-tested without an extension host.
 */
export function getDashboardHtml(opts: DashboardHtmlOptions): string {
	if (!/^[\w+/=-]+$/.test(opts.nonce)) {
		throw new Error('getDashboardHtml: the nonce must be base64 / base64url');
	}
	const csp = [
		`default-src 'none'`,
		`style-src ${opts.cspSource}`,
		`img-src ${opts.cspSource} data:`,
		`font-src ${opts.cspSource}`,
		`script-src 'nonce-${opts.nonce}'`,
	].join('; ') + ';';
	return `<!DOCTYPE html>
<html lang="en">
<head>
	<meta charset="UTF-8">
	<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
	<meta name="viewport" content="width=device-width, initial-scale=1.0">
	<link rel="stylesheet" href="${attr(opts.styleUri)}">
	<title>Claude Usage</title>
</head>
<body>
	<main id="dashboard" aria-busy="true">
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
	</main>
	<script nonce="${attr(opts.nonce)}" src="${attr(opts.scriptUri)}"></script>
</body>
</html>
`;
}
