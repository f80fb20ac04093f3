import * as vscode from 'vscode';
import { modelFor } from '../../core/settings/configSchema';
import type { Logger } from '../../core/log/logger';
import { modelOptions, type ModelCatalog } from '../../core/models/modelCatalog';
import { assertNever } from '../../shared/assertNever';
import type { HostToWebview, WebviewToHost } from '../../shared/protocol';
import type { AssistantConfig } from '../config';
import { onDidChangeConfig } from '../config';
import { Disposable } from '../lifecycle';
import { deleteConversation, exportConversation, renameConversation } from './conversationActions';
import type { ConversationStore } from './conversationStore';

/** The webview messages this controller answers: the History list's actions and the header's model picker. */
export type ConversationMessage = Extract<WebviewToHost, { type: 'conversation/switch' | 'conversation/rename' | 'conversation/delete' | 'conversation/export' | 'model/select' }>;

export interface ConversationsControllerDeps {
	store: ConversationStore;
	catalog: ModelCatalog;
	logger: Logger;
	getConfig(): AssistantConfig;
}

/**
 * The chat's conversation list and model picker, host side: builds `conversations/list` and `models/list`, posts
 * them only when they change (never per answer), and carries out what the webview asks (validated first: ids
 * must be listed, models offered). The model list is refreshed when a view appears (at most daily), not when the key
 * changes: Set API Key already checks the key with one models call, and the next view picks the list up.
 */
export class ConversationsController extends Disposable {
	private readonly _onDidPost = this._register(new vscode.EventEmitter<HostToWebview>());
	/** A message for the chat view (it drops them before `ready`; initMessages() covers a new view). */
	readonly onDidPost = this._onDidPost.event;
	/** The session holds another conversation: the view needs a new `state/init`. */
	readonly onDidSwitch: vscode.Event<void>;
	/** What was last sent per message type, so an unchanged list is not sent again. */
	private readonly posted = new Map<string, string>();

	constructor(private readonly deps: ConversationsControllerDeps) {
		super();
		this.onDidSwitch = deps.store.onDidSwitch;
		this._register(deps.store.onDidChangeList(() => this.postIfChanged(this.listMessage())));
		this._register(onDidChangeConfig(() => {
			this.postIfChanged(this.modelsMessage()); // default model, prices or endpoint may have changed
			void this.refreshModels();
		}));
	}

	/** What a view shows after each `state/init` (a new view, or another conversation): the list and the models. */
	initMessages(): HostToWebview[] {
		const messages = [this.listMessage(), this.modelsMessage()];
		for (const m of messages) {
			this.posted.set(m.type, JSON.stringify(m));
		}
		return messages;
	}

	/** New Chat (the view's button or the command). */
	newConversation(): Promise<void> {
		return this.deps.store.newConversation();
	}

	async handle(msg: ConversationMessage): Promise<void> {
		const { store, logger } = this.deps;
		if (msg.type !== 'model/select' && !store.get(msg.id)) {
			this.notice('That conversation no longer exists.');
			this.postIfChanged(this.listMessage());
			return;
		}
		switch (msg.type) {
			case 'conversation/switch':
				await store.switchTo(msg.id);
				break;
			case 'conversation/rename':
				await renameConversation(store, msg.id);
				break;
			case 'conversation/delete':
				await deleteConversation(store, msg.id);
				break;
			case 'conversation/export':
				try {
					await exportConversation(store, msg.id, logger);
				} catch (err) {
					logger.error('conversations', `export failed: ${err instanceof Error ? err.message : String(err)}`);
					this.notice('Could not export the conversation. See the log for details.', 'error');
				}
				break;
			case 'model/select':
				this.selectModel(msg.model);
				break;
			default:
				assertNever(msg);
		}
	}

	/** The list as the History panel shows it (titles and dates; no turns). */
	listMessage(): Extract<HostToWebview, { type: 'conversations/list' }> {
		const { store } = this.deps;
		return { type: 'conversations/list', items: store.list().map(({ id, title, updatedAt }) => ({ id, title, updatedAt })), currentId: store.current.id };
	}

	/** The picker's models with prices, and this conversation's model (its own, or the chat model setting). */
	modelsMessage(): Extract<HostToWebview, { type: 'models/list' }> {
		const fallback = modelFor(this.deps.getConfig(), 'chat');
		const selected = this.deps.store.model ?? fallback;
		return { type: 'models/list', models: modelOptions(this.deps.catalog.models().ids, selected, fallback), selected };
	}

	/** Fetches the model list if it is missing or a day old, and sends it when it changed (called when a view appears). */
	async refreshModels(): Promise<void> {
		if (await this.deps.catalog.refresh()) {
			this.postIfChanged(this.modelsMessage());
		}
	}

	private selectModel(model: string): void {
		if (!this.modelsMessage().models.some((m) => m.id === model)) {
			this.notice(`${model} is not one of the offered models.`);
			return;
		}
		// The chat model setting's own model is stored as "no choice", so the conversation keeps following the setting.
		this.deps.store.setModel(model === modelFor(this.deps.getConfig(), 'chat') ? undefined : model);
		this.deps.logger.info('conversations', `model for this conversation: ${model}`);
		this.postIfChanged(this.modelsMessage());
	}

	private postIfChanged(msg: HostToWebview): void {
		const json = JSON.stringify(msg);
		if (this.posted.get(msg.type) !== json) {
			this.posted.set(msg.type, json);
			this._onDidPost.fire(msg);
		}
	}

	private notice(message: string, level: 'warning' | 'error' = 'warning'): void {
		this._onDidPost.fire({ type: 'notice', level, message });
	}
}
