import type Anthropic from '@anthropic-ai/sdk';
import type { ModelOption } from '../../shared/protocol';
import { describeConnectFailure, type ConnectResult } from '../anthropic/connect';
import type { Logger } from '../log/logger';
import { formatModelPrice, PRICING_TABLE, type PriceLookup } from './modelChoices';

/* The chat header's model picker: which models exist (GET /v1/models, cached a day) and how each is labelled. */

/** The cached list is refreshed at most this often. */
export const MODEL_LIST_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The model list as cached between sessions; tied to the endpoint it came from. */
export interface ModelListCache {
	fetchedAt: number;
	baseUrl: string;
	models: string[];
}

/** Guards a cached value (written by this or an older version, or edited by hand). */
export function parseModelListCache(raw: unknown): ModelListCache | undefined {
	const x = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	if (typeof x.fetchedAt !== 'number' || typeof x.baseUrl !== 'string' || !Array.isArray(x.models)) {
		return undefined;
	}
	const models = x.models.filter((m): m is string => typeof m === 'string' && m !== '');
	return models.length > 0 ? { fetchedAt: x.fetchedAt, baseUrl: x.baseUrl, models } : undefined;
}

/** Every model id the API lists, all pages (the SDK follows the cursor), in the API's order (newest first). */
export async function fetchModelIds(client: Anthropic): Promise<string[]> {
	const ids: string[] = [];
	for await (const model of client.models.list({ limit: 100 })) {
		ids.push(model.id);
	}
	return ids;
}

/**
 * The picker's options: the models offered, each with its price per million tokens ("claude-sonnet-5-5 — $2 / $10
 * per MTok", "price unknown" for a model the pricing table does not know), the default marked. The selected and the
 * default model are always offered, even when the list does not name them (a custom model in settings).
 */
export function modelOptions(models: readonly string[], selected: string, defaultModel: string, prices: PriceLookup = PRICING_TABLE): ModelOption[] {
	const ids = [...new Set([selected, defaultModel].filter((m) => !models.includes(m)).concat(models))];
	return ids.map((id) => ({ id, label: `${id} — ${formatModelPrice(id, prices)}${id === defaultModel ? ' · default' : ''}` }));
}

/** What the catalog needs: a client when there is a key, a place to cache, the endpoint, a clock. */
export interface ModelCatalogDeps {
	/** A client for the current key and endpoint, or why there is none (then the current list is kept). */
	connect(): Promise<ConnectResult>;
	/** The cache between sessions (the host keeps it in globalState). */
	cache: { get(): unknown; set(value: ModelListCache): PromiseLike<void> };
	/** The configured endpoint: a list fetched from another one is not reused. */
	baseUrl(): string;
	logger: Logger;
	now?: () => number;
	/** The offline fallback; default every model of the pricing table. */
	builtin?: () => string[];
}

/**
 * The models the picker offers: the API's list when it was fetched (at most daily, never at activation), else a
 * built-in list from the pricing table, so the picker works offline and before a key is set.
 */
export class ModelCatalog {
	private inFlight: Promise<boolean> | undefined;
	private readonly now: () => number;

	constructor(private readonly deps: ModelCatalogDeps) {
		this.now = deps.now ?? Date.now;
	}

	/** The models to offer now, and where they came from. */
	models(): { ids: string[]; source: 'api' | 'builtin' } {
		const cached = this.cached();
		return cached ? { ids: cached.models, source: 'api' } : { ids: (this.deps.builtin ?? (() => PRICING_TABLE.models()))(), source: 'builtin' };
	}

	/**
	 * Fetches the list when the cached one is missing, from another endpoint or older than a day (`force`: always).
	 * Resolves true when the offered models changed. Failures (offline, no key, a rejected key) keep what there is.
	 */
	refresh(force = false): Promise<boolean> {
		this.inFlight ??= this.fetch(force).finally(() => {
			this.inFlight = undefined;
		});
		return this.inFlight;
	}

	private cached(): ModelListCache | undefined {
		const cache = parseModelListCache(this.deps.cache.get());
		return cache && cache.baseUrl === this.deps.baseUrl() ? cache : undefined;
	}

	private async fetch(force: boolean): Promise<boolean> {
		const cached = this.cached();
		if (!force && cached && this.now() - cached.fetchedAt < MODEL_LIST_MAX_AGE_MS) {
			return false;
		}
		const before = this.models().ids.join('\n');
		try {
			const connected = await this.deps.connect();
			if (!connected.ok) {
				// No key yet is normal (the built-in list serves); anything else is worth a line in the log.
				if (connected.reason !== 'noKey') {
					this.deps.logger.warn('models', `could not list models (${describeConnectFailure(connected)}); using the ${cached ? 'cached' : 'built-in'} list`);
				}
				return false;
			}
			const models = await fetchModelIds(connected.connection.client);
			if (models.length === 0) {
				this.deps.logger.warn('models', 'the API listed no models; keeping the current list');
				return false;
			}
			await this.deps.cache.set({ fetchedAt: this.now(), baseUrl: this.deps.baseUrl(), models });
			this.deps.logger.info('models', `model list refreshed: ${models.length} models`);
			return models.join('\n') !== before;
		} catch (err) {
			this.deps.logger.warn('models', `could not list models (${err instanceof Error ? err.message : String(err)}); using the ${cached ? 'cached' : 'built-in'} list`);
			return false;
		}
	}
}
