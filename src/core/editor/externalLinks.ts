/** Schemes a link in an answer may open: the web, nothing that runs commands or reads files. */
const OPENABLE_PROTOCOLS = ['http:', 'https:'];

/**
 * The absolute http(s) URL a chat link may open, or undefined. Answers are model output (untrusted): `command:`,
 * `file:`, `vscode:`, `javascript:` and relative links never open, and a URL that does not parse on its own is
 * refused rather than resolved against the webview's origin.
 */
export function openableUrl(raw: string): string | undefined {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return undefined;
	}
	return OPENABLE_PROTOCOLS.includes(url.protocol) && url.hostname !== '' ? url.toString() : undefined;
}
