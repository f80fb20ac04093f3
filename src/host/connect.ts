import { createClient } from '../core/anthropic/client';
import type { ConnectOptions, Connection } from '../core/chatSession';
import type { AssistantConfig } from './config';
import type { ApiKeyStore } from './secrets';

/**
 * Builds the SDK client for one request from the current key and settings, so a key or setting change applies to
 * the next request. Undefined when there is no key: the caller sends nothing. `options.maxRetries` overrides the
 * `maxRetries` setting: the chat session passes 0 because it retries visibly itself.
 */
export function createConnector(keys: ApiKeyStore, getConfig: () => AssistantConfig): (options?: ConnectOptions) => Promise<Connection | undefined> {
	return async (options) => {
		const { key } = await keys.get();
		if (!key) {
			return undefined;
		}
		const config = getConfig();
		const { client, sdk } = await createClient({ apiKey: key, baseUrl: config.baseUrl, maxRetries: options?.maxRetries ?? config.maxRetries });
		return { client, sdk, apiKey: key };
	};
}
