/**
 * Will a key saved with Set API Key still be there next time? Decided from what `vscode.env` tells the extension
 * host, because SecretStorage itself does not say where it keeps secrets.
 *
 * - Desktop VS Code keeps secrets in the OS keychain: they last, and nothing extra is said.
 * - Every VS Code in the browser keeps SecretStorage in the browser page (the workbench), not on the server the
 *   extension host runs on. code-server and `code serve-web` (appHost `server-distro`) store it in the browser's
 *   localStorage for the page's address, encrypted with a key half kept in the server's user-data folder. Probed on
 *   code-server 4.139.1: the key survives a page reload and a server restart on the same port, and is gone in another
 *   browser profile or when the same server comes back on another port (`npm start` picks a free port each run).
 *   Without Web Crypto (plain http to an address that is not loopback) the browser stores it unencrypted.
 * - Other browser hosts (vscode.dev, Codespaces, …) choose their own storage; we have not probed them.
 */

/** Where the key in use comes from: shown in the status-bar tooltip (never the key itself). */
export type KeySource = 'secretStorage' | 'environment' | 'demo' | 'none';

/** The `vscode.env` values the decision needs (passed in, so this stays pure and testable). */
export interface KeyStoreHost {
	/** `vscode.env.uiKind`. */
	uiKind: 'desktop' | 'web';
	/** `vscode.env.appHost`: `desktop`, `server-distro` (code-server, `code serve-web`), `vscode.dev`, `codespaces`, … */
	appHost: string;
	/** `vscode.env.remoteName`; code-server reports the address the browser uses, e.g. `127.0.0.1:8080`. */
	remoteName: string | undefined;
}

/** Where a stored key lives and whether it lasts beyond this browser and address. */
export type KeyPersistence =
	| { persists: true; where: 'osKeychain' }
	| {
		persists: false;
		where: 'browserSiteStorage';
		/** The page's host:port the key is tied to, when VS Code tells us. */
		address: string | undefined;
		/** True when the address is not loopback: over plain http the browser then has no Web Crypto. */
		unencryptedOverHttp: boolean;
	}
	| { persists: false; where: 'webHost'; appHost: string };

/** code-server's and `code serve-web`'s appHost (VS Code's server-distro embedder). */
const SERVER_DISTRO = 'server-distro';

/** The host part of `host:port`, `[v6]:port` or a bare host. */
function hostOf(address: string): string {
	const v6 = /^\[([^\]]+)\]/.exec(address);
	if (v6) {
		return v6[1];
	}
	return address.replace(/:\d+$/, '');
}

/** Addresses a browser treats as a secure context even over plain http (so Web Crypto is available). */
function isLoopback(address: string): boolean {
	const host = hostOf(address).toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

/** Decides where a key stored through SecretStorage lives on this host. */
export function keyPersistence(host: KeyStoreHost): KeyPersistence {
	if (host.uiKind === 'desktop') {
		return { persists: true, where: 'osKeychain' };
	}
	if (host.appHost === SERVER_DISTRO) {
		const address = host.remoteName || undefined;
		return { persists: false, where: 'browserSiteStorage', address, unencryptedOverHttp: address !== undefined && !isLoopback(address) };
	}
	return { persists: false, where: 'webHost', appHost: host.appHost };
}

const KEEP_IT = 'To keep it, set ANTHROPIC_API_KEY in the server\'s environment.';

/**
 * What Set API Key adds after "API key saved…", in plain words; undefined where the key lasts (desktop).
 */
export function savedKeyNote(p: KeyPersistence): string | undefined {
	switch (p.where) {
		case 'osKeychain':
			return undefined;
		case 'browserSiteStorage': {
			const site = p.address ? `this browser only, for ${p.address}` : 'this browser only, for this address';
			const lines = [
				`It is kept in ${site}: this VS Code keeps secrets in the browser's storage, not on the server, so another browser, a private window or the server on another address or port starts without it.`,
			];
			if (p.unencryptedOverHttp) {
				lines.push('Unless this page is served over https, the browser cannot encrypt it and stores it unencrypted.');
			}
			lines.push(KEEP_IT);
			return lines.join(' ');
		}
		case 'webHost':
			return `This VS Code runs in the browser: the key is kept by the page's host (${p.appHost}), not on the server the extension runs on, and may be gone in another browser or session. ${KEEP_IT}`;
	}
}

/**
 * The status-bar tooltip's addition to "API key: SecretStorage" (plain text; the caller escapes it for markdown);
 * undefined where the key lasts.
 */
export function storedKeySourceNote(p: KeyPersistence): string | undefined {
	switch (p.where) {
		case 'osKeychain':
			return undefined;
		case 'browserSiteStorage': {
			const unencrypted = p.unencryptedOverHttp ? ', unencrypted unless the page is https' : '';
			return `kept in this browser only, for ${p.address ?? 'this address'}${unencrypted} (another browser or port starts without it; ANTHROPIC_API_KEY in the server's environment lasts)`;
		}
		case 'webHost':
			return `kept by the page's host (${p.appHost}), not on the server; may be gone in another browser or session (ANTHROPIC_API_KEY in the server's environment lasts)`;
	}
}
