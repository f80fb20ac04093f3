import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Connector } from '../../core/anthropic/connect';
import { ConversationLibrary } from '../../core/conversation/conversationLibrary';
import type { Logger } from '../../core/log/logger';
import { ModelCatalog } from '../../core/models/modelCatalog';
import type { AssistantConfig } from '../config';
import { JsonFileStore } from '../jsonFileStore';
import { JsonLibraryStorage } from './libraryStorage';

/** globalState key of the cached model list (see ModelCatalog). */
const MODEL_LIST_KEY = 'claudeAssistant.modelList';

/**
 * The conversation library in `storage` (the workspace's storage folder): `conversations/` holds the index and one
 * file per conversation; the single `conversation.json` of earlier versions is migrated into it on first run.
 */
export function createConversationLibrary(storage: vscode.Uri): ConversationLibrary {
	const files = new JsonLibraryStorage(vscode.Uri.joinPath(storage, 'conversations'), new JsonFileStore(vscode.Uri.joinPath(storage, 'conversation.json')));
	return new ConversationLibrary(files, { newId: randomUUID });
}

/**
 * The model picker's list: fetched through the SDK with the current key and endpoint, cached in globalState (it is
 * the same list in every workspace), never fetched at activation.
 */
export function createModelCatalog(deps: {
	state: vscode.Memento;
	connect: Connector;
	getConfig(): AssistantConfig;
	logger: Logger;
}): ModelCatalog {
	return new ModelCatalog({
		connect: () => deps.connect({ maxRetries: 1 }),
		cache: { get: () => deps.state.get(MODEL_LIST_KEY), set: (value) => deps.state.update(MODEL_LIST_KEY, value) },
		baseUrl: () => deps.getConfig().baseUrl,
		logger: deps.logger,
	});
}
