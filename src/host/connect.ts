import { createConnector as createCoreConnector, type Connector } from '../core/anthropic/connect';
import type { AssistantConfig } from './config';
import type { ApiKeyStore } from './secrets';

/**
 * The connector every feature uses, over the key in SecretStorage (or ANTHROPIC_API_KEY) and the current settings,
 * read per request so a key or setting change applies to the next one. It says why there is no client: no key, the
 * key store failing, the SDK bundle failing to load, or a base URL that is not a URL (see core/anthropic/connect.ts).
 */
export function createConnector(keys: ApiKeyStore, getConfig: () => AssistantConfig): Connector {
	return createCoreConnector({
		getKey: async () => (await keys.get()).key,
		settings: () => {
			const { baseUrl, maxRetries } = getConfig();
			return { baseUrl, maxRetries };
		},
	});
}
