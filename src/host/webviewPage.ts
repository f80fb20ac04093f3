/** Inputs of every webview page of the extension; VS Code-specific values are resolved by the caller. */
export interface WebviewPageOptions {
	/** `webview.cspSource`: the origin allowed to serve our script, stylesheet, images and fonts. */
	cspSource: string;
	/** `webview.asWebviewUri(dist/<page>.js)`. */
	scriptUri: string;
	/** `webview.asWebviewUri(media/<page>.css)`. */
	styleUri: string;
	/** A fresh value from `createNonce()`; the only script allowed to run is the one carrying it. */
	nonce: string;
}

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttr(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A whole page around `body` with the one strict CSP every webview here uses (docs/architecture.md, Webviews):
 * nonce-only script, no 'unsafe-inline' or 'unsafe-eval', no connect-src (the host does all network and file access),
 * one external script and stylesheet. Kept in one place so the chat and the dashboard cannot drift apart.
 */
export function webviewPage(opts: WebviewPageOptions & { title: string; body: string }): string {
	if (!/^[\w+/=-]+$/.test(opts.nonce)) {
		throw new Error('webviewPage: the nonce must be base64 / base64url');
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
	<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
	<meta name="viewport" content="width=device-width, initial-scale=1.0">
	<link rel="stylesheet" href="${escapeAttr(opts.styleUri)}">
	<title>${escapeAttr(opts.title)}</title>
</head>
<body>
${opts.body}
	<script nonce="${escapeAttr(opts.nonce)}" src="${escapeAttr(opts.scriptUri)}"></script>
</body>
</html>
`;
}
