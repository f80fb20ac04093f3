import type Anthropic from '@anthropic-ai/sdk';
import type { ErrorKind } from '../../shared/protocol';
import { checkBaseUrl, DEFAULT_TIMEOUT_MS, loadSdk, newClient, type Sdk } from './client';
import { redactSecrets } from './errors';

/* Getting a client for one request, and saying exactly what stood in the way when there is none. */

/** A connected client for one request. */
export interface Connection {
	client: Anthropic;
	sdk: Sdk;
	apiKey: string;
}

/** How a caller wants its client built. */
export interface ConnectOptions {
	/**
	 * SDK retries per call; default the `maxRetries` setting. The chat session passes 0: it retries visibly itself
	 * (see retry.ts), and silent SDK retries underneath would multiply the attempts and hide the waits.
	 */
	maxRetries?: number;
	/** Per-attempt timeout; default {@link DEFAULT_TIMEOUT_MS}. */
	timeoutMs?: number;
}

/** Why there is no client: each has its own message and its own fix. */
export type ConnectFailureReason = Extract<ErrorKind, 'noKey' | 'keyStoreUnavailable' | 'sdkMissing' | 'badBaseUrl'>;

/** No client, and nothing was sent. `message` is for the user; `detail` is the cause for the log. Both are key-free. */
export interface ConnectFailure {
	ok: false;
	reason: ConnectFailureReason;
	message: string;
	/** What went wrong underneath (the key store's or the loader's error, the URL parser's), if anything did. */
	cause?: unknown;
	/** `cause` as one redacted line for the log ("TypeError: Invalid URL"), if there is a cause. */
	detail?: string;
}

export type ConnectResult = { ok: true; connection: Connection } | ConnectFailure;

/** Builds a client for the next request; never throws (a failure is a {@link ConnectFailure}). */
export type Connector = (options?: ConnectOptions) => Promise<ConnectResult>;

/** The settings a client is built from, read at request time so a change applies to the next request. */
export interface ConnectSettings {
	/** claudeAssistant.baseUrl; empty = the SDK default (which honours ANTHROPIC_BASE_URL). */
	baseUrl: string;
	maxRetries: number;
}

export interface ConnectorDeps {
	/** The key for the next request; undefined when none is set. Rejects when the key store cannot be read. */
	getKey(): Promise<string | undefined>;
	settings(): ConnectSettings;
	/** Loads the SDK bundle; default {@link loadSdk}. */
	loadSdk?: () => Promise<Sdk>;
}

/** Longest part of a bad base URL quoted back to the user. */
const MAX_QUOTED_URL = 120;

/**
 * The connector every feature uses: reads the key, checks the base URL, loads the SDK, builds the client. Each way
 * this can fail is told apart, so the chat says "secret storage unavailable" or "not a valid URL", not "No API key".
 */
export function createConnector(deps: ConnectorDeps): Connector {
	return async (options = {}) => {
		let key: string | undefined;
		try {
			key = await deps.getKey();
		} catch (cause) {
			return failure('keyStoreUnavailable', 'Could not read the API key: VS Code\'s secret storage is unavailable (on Linux, the system keyring may be locked or missing). Nothing was sent; Show Logs has the details. Retry once it is available.', cause);
		}
		if (!key) {
			last = undefined; // the key was cleared: keep no client that holds it
			return failure('noKey', 'No API key. Set one with "Claude: Set API Key", then Retry; nothing was sent.');
		}
		return connectWithKey(key, deps.settings(), options, deps.loadSdk);
	};
}

/**
 * Builds a client for a key already in hand (Set API Key checks the key it was just given): checks the base URL, then
 * loads the SDK. The key never appears in a message or detail.
 */
export async function connectWithKey(apiKey: string, settings: ConnectSettings, options: ConnectOptions = {}, load: () => Promise<Sdk> = loadSdk): Promise<ConnectResult> {
	const base = checkBaseUrl(settings.baseUrl);
	if (!base.ok) {
		const raw = settings.baseUrl.trim();
		const quoted = raw.length > MAX_QUOTED_URL ? `${raw.slice(0, MAX_QUOTED_URL)}…` : raw;
		return failure('badBaseUrl', `The base URL setting (claudeAssistant.baseUrl) "${quoted}" is not a valid http(s) URL, so nothing was sent. Fix it in Settings, or clear it to use the Anthropic API.`, base.cause, apiKey);
	}
	let sdk: Sdk;
	try {
		sdk = await load();
	} catch (cause) {
		return failure('sdkMissing', 'Claude Assistant could not load its bundled Anthropic SDK (dist/anthropic-sdk.js), so nothing was sent. Reinstalling the extension should fix it; Show Logs has the details.', cause, apiKey);
	}
	const client = reusedClient(sdk, {
		apiKey,
		baseURL: base.baseURL,
		maxRetries: options.maxRetries ?? settings.maxRetries,
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	});
	return { ok: true, connection: { client, sdk, apiKey } };
}

/** The client built last and what it was built from: the next request with the same key and settings reuses it. */
let last: { sdk: Sdk; options: Parameters<typeof newClient>[1]; client: Anthropic } | undefined;

/** A client for these options: the last one when nothing changed (a client holds no per-request state). */
function reusedClient(sdk: Sdk, options: Parameters<typeof newClient>[1]): Anthropic {
	const same = last !== undefined && last.sdk === sdk && (Object.keys(options) as Array<keyof typeof options>).every((k) => last!.options[k] === options[k]);
	if (!same) {
		last = { sdk, options, client: newClient(sdk, options) };
	}
	return last!.client;
}

function failure(reason: ConnectFailureReason, message: string, cause?: unknown, apiKey?: string): ConnectFailure {
	const detail = cause === undefined ? undefined : redactSecrets(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause), apiKey);
	return { ok: false, reason, message: redactSecrets(message, apiKey), cause, detail };
}

/** One log line for a connect failure: the reason, what the user was told, and the cause. */
export function describeConnectFailure(f: ConnectFailure): string {
	return `${f.reason}: ${f.message}${f.detail ? ` Cause: ${f.detail}` : ''}`;
}
