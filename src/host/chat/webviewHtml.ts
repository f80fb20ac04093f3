import { randomBytes } from 'node:crypto';

/** Inputs for the chat page: everything VS Code-specific is resolved by the caller, so this module stays pure. */
export interface WebviewHtmlOptions {
	/** `webview.cspSource`: the origin allowed to serve our script, stylesheet, images and fonts. */
	cspSource: string;
	/** `webview.asWebviewUri(dist/webview.js)`. */
	scriptUri: string;
	/** `webview.asWebviewUri(media/chat.css)`. */
	styleUri: string;
	/** A fresh value from {@link createNonce}; the only script allowed to run is the one carrying it. */
	nonce: string;
}

/**
 * A fresh CSP nonce per page load. 24 random bytes as base64url fit the CSP nonce grammar and cannot be guessed by
 * content that ends up in the page (answers are markdown from a model, i.e. untrusted).
 */
export function createNonce(): string {
	return randomBytes(24).toString('base64url');
}

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The chat view's HTML: a strict CSP (house style habit 1: nonce-only scripts, no 'unsafe-inline' or 'unsafe-eval',
 * no connect-src because the webview never calls the network), one external script and stylesheet, and the static
 * skeleton that src/webview/view.ts expects. No inline script or style attribute, since the CSP would block them.
 * Pure (no `vscode` import) so the CSP is unit-tested without an extension host.
 */
export function getWebviewHtml(opts: WebviewHtmlOptions): string {
	if (!/^[\w+/=-]+$/.test(opts.nonce)) {
		throw new Error('getWebviewHtml: the nonce must be base64 / base64url');
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
	<title>Claude Chat</title>
</head>
<body>
	<main id="chat">
		<div id="demo-banner" class="banner banner-demo" role="status" hidden>Offline demo — answers come from a local fake server, not Claude.</div>
		<div id="no-key" class="banner banner-no-key" role="status" hidden>
			<span class="banner-text">No API key</span>
			<button type="button" class="set-key" data-action="command" data-command="setApiKey" title="Store an Anthropic API key in VS Code's secret storage">Set API Key</button>
		</div>
		<p id="empty" class="empty-state">Ask Claude anything, or select code and run Explain Selection</p>
		<div id="transcript" role="log" aria-live="polite" aria-label="Conversation with Claude" tabindex="0"></div>
		<div id="notices"></div>
		<div id="composer" class="composer">
			<textarea id="prompt" rows="3" aria-label="Message to Claude" placeholder="Ask Claude… (Enter to send, Shift+Enter for a new line)"></textarea>
			<span id="busy-hint" class="sr-only">Claude is answering. You can keep typing; send when the answer finishes, or press Stop.</span>
			<div class="composer-actions">
				<button type="button" id="stop" class="secondary" title="Stop the answer (keeps what was written so far)" hidden>Stop</button>
				<button type="button" id="send" title="Send (Enter)">Send</button>
			</div>
		</div>
	</main>
	<script nonce="${attr(opts.nonce)}" src="${attr(opts.scriptUri)}"></script>
</body>
</html>
`;
}
