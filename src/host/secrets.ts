import * as vscode from 'vscode';
import { keyPersistence, type KeyPersistence, type KeySource, type KeyStoreHost } from '../core/settings/keyPersistence';
import { Disposable } from './lifecycle';

/** The one SecretStorage slot this extension uses. */
export const SECRET_KEY_NAME = 'claudeAssistant.anthropicApiKey';

/** Key used against the local fake server in `npm start`'s offline demo; it is not a real credential. */
export const DEMO_KEY = 'offline-demo-key';

/** What this VS Code tells the extension host about where it runs (the inputs of {@link keyPersistence}). */
export function currentKeyStoreHost(env: typeof vscode.env = vscode.env): KeyStoreHost {
	return { uiKind: env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop', appHost: env.appHost, remoteName: env.remoteName };
}

/**
 * The API key, kept only in VS Code SecretStorage. Falls back to ANTHROPIC_API_KEY from the environment, and in
 * the offline demo to a placeholder. Fires onDidChange for changes from this or another window.
 */
export class ApiKeyStore extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	/**
	 * The stored key as last read. Every request needs it, and on VS Code in the browser each read is a round trip to
	 * the browser; SecretStorage's onDidChange (this or another window) and set/delete forget it.
	 */
	private stored: Promise<string | undefined> | undefined;

	constructor(
		private readonly secrets: vscode.SecretStorage,
		private readonly env: NodeJS.ProcessEnv = process.env,
		private readonly demoMode = false,
		/** Where SecretStorage keeps the key on this host: the browser, for code-server and other web UIs. */
		readonly persistence: KeyPersistence = keyPersistence(currentKeyStoreHost()),
	) {
		super();
		this._register(secrets.onDidChange((e) => {
			if (e.key === SECRET_KEY_NAME) {
				this.stored = undefined;
				this._onDidChange.fire();
			}
		}));
	}

	/** The key for the next request, and where it came from. */
	async get(): Promise<{ key: string | undefined; source: KeySource }> {
		const read = (this.stored ??= Promise.resolve(this.secrets.get(SECRET_KEY_NAME)).then((v) => v?.trim() || undefined));
		let stored: string | undefined;
		try {
			stored = await read;
		} catch (err) {
			if (this.stored === read) {
				this.stored = undefined; // a failed read is not remembered: the next request asks the store again
			}
			throw err;
		}
		if (stored) {
			return { key: stored, source: 'secretStorage' };
		}
		const fromEnv = this.env.ANTHROPIC_API_KEY?.trim();
		if (fromEnv) {
			return { key: fromEnv, source: 'environment' };
		}
		if (this.demoMode) {
			return { key: DEMO_KEY, source: 'demo' };
		}
		return { key: undefined, source: 'none' };
	}

	/** Stores a key (trimmed). Rejects empty input rather than storing a blank. */
	async set(key: string): Promise<void> {
		const trimmed = key.trim();
		if (!trimmed) {
			throw new Error('The API key is empty.');
		}
		this.stored = undefined;
		await this.secrets.store(SECRET_KEY_NAME, trimmed);
		this.stored = undefined;
	}

	async delete(): Promise<void> {
		this.stored = undefined;
		await this.secrets.delete(SECRET_KEY_NAME);
		this.stored = undefined;
	}
}
