import { createClient } from '../core/anthropic/client';
import type { Connection } from '../core/chatSession';
import type { AssistantConfig } from './config';
import type { ApiKeyStore } from './secrets';

/**
 * Builds the SDK client for one request from the current key and settings, so a key or setting change applies to
 * the next request. Undefined when there is no key: the caller sends nothing.
 */
export function createConnector(keys: ApiKeyStore, getConfig: () => AssistantConfig): () => Promise<Connection | undefined> {
	return async () => {
		const { key } = await keys.get();
		if (!key) {
			return undefined;
		}
		const config = getConfig();
		const { client, sdk } = await createClient({ apiKey: key, baseUrl: config.baseUrl, maxRetries: config.maxRetries });
		return { client, sdk, apiKey: key };
	};
}
