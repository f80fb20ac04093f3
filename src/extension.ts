import * as vscode from 'vscode';
import { ChatSession } from './core/chatSession';
import type { ChatError } from './shared/protocol';
import { ChatViewProvider } from './host/chat/chatViewProvider';
import { ConversationStore } from './host/chat/conversationStore';
import { registerCommands } from './host/commands';
import { CommandId } from './host/commands/ids';
import { getConfig, requestSettings } from './host/config';
import { createConnector } from './host/connect';
import { JsonFileStore } from './host/jsonFileStore';
import { OutputChannelLogger } from './host/logger';
import { applyPricingSetting } from './host/pricingSetting';
import { ApiKeyStore } from './host/secrets';
import { UsageStatusBar } from './host/statusBar/usageStatusBar';
import { BudgetService } from './host/usage/budgetService';
import { UsageLedgerFile } from './host/usage/usageLedgerFile';
import { UsageService } from './host/usage/usageService';

/** What activate() returns: used by the integration tests to reach live state. */
export interface ClaudeAssistantApi {
	session: ChatSession;
	usage: UsageService;
	chatView: ChatViewProvider;
	conversation: ConversationStore;
	keys: ApiKeyStore;
	statusBar: UsageStatusBar;
	/** Every request's usage on disk (usage-ledger.jsonl), the source of Export Usage. */
	ledger: UsageLedgerFile;
	budget: BudgetService;
}

/** Builds the services in order and registers them; no network, no SDK import, no file scans. */
export function activate(context: vscode.ExtensionContext): ClaudeAssistantApi {
	const started = Date.now();
	const demoMode = process.env.CLAUDE_ASSISTANT_OFFLINE_DEMO === '1';
	const logger = new OutputChannelLogger(); context.subscriptions.push(logger);
	context.subscriptions.push(applyPricingSetting(logger));
	const keys = new ApiKeyStore(context.secrets, process.env, demoMode); context.subscriptions.push(keys);
	const session = new ChatSession({
		logger,
		connect: createConnector(keys, getConfig),
		settings: (command) => requestSettings(getConfig(), command),
		guard: (): ChatError | undefined => budget.blocking(),
	});
	const storage = context.storageUri ?? context.globalStorageUri;
	const conversation = new ConversationStore(new JsonFileStore(vscode.Uri.joinPath(storage, 'conversation.json')), session); context.subscriptions.push(conversation);
	const usage = new UsageService(new JsonFileStore(vscode.Uri.joinPath(context.globalStorageUri, 'usage-today.json')), session); context.subscriptions.push(usage);
	const ledger = new UsageLedgerFile(session, vscode.Uri.joinPath(context.globalStorageUri, 'usage-ledger.jsonl'), logger); context.subscriptions.push(ledger);
	const budget = new BudgetService(usage, ledger, session, getConfig); context.subscriptions.push(budget);
	const statusBar = new UsageStatusBar(usage, keys, budget, demoMode); context.subscriptions.push(statusBar);
	const chatView = new ChatViewProvider({
		extensionUri: context.extensionUri, session, keys, logger, demoMode, restored: conversation.ready,
		runCommand: (command) => {
			const id = command === 'setApiKey' ? CommandId.setApiKey : command === 'showLogs' ? CommandId.showLogs : 'workbench.action.openSettings';
			void vscode.commands.executeCommand(id, ...(command === 'openSettings' ? ['claudeAssistant'] : []));
		},
	}); context.subscriptions.push(chatView);
	context.subscriptions.push(vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView));
	context.subscriptions.push(...registerCommands({ extensionUri: context.extensionUri, session, chatView, keys, logger, usage, ledger, getConfig }));
	logger.info('activate', `activated in ${Date.now() - started} ms${demoMode ? ' (offline demo)' : ''}`);
	return { session, usage, chatView, conversation, keys, statusBar, ledger, budget };
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
