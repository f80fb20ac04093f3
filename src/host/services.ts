import * as vscode from 'vscode';
import { ChatSession } from '../core/session/chatSession';
import type { ChatError } from '../shared/protocol';
import { BatchJobStore } from './batch/batchJobStore';
import { BatchService } from './batch/batchService';
import { BatchView } from './batch/batchView';
import { ChatViewProvider } from './chat/chatViewProvider';
import { createConversationLibrary, createModelCatalog } from './chat/conversationServices';
import { ConversationsController } from './chat/conversationsController';
import { ConversationStore } from './chat/conversationStore';
import { runWebviewCommand } from './chat/webviewCommands';
import { EditorActions } from './code/editorActions';
import { ChatContext } from './context/chatContext';
import { ProblemActions } from './code/problemActions';
import { registerCommands } from './commands';
import { cacheConfig, getConfig, logApiDestination, requestSettings, warnAboutIgnoredWorkspaceSettings } from './config';
import { createConnector } from './connect';
import { OutputChannelLogger } from './logger';
import { applyPricingSetting } from './pricingSetting';
import { ApiKeyStore } from './secrets';
import { UsageStatusBar } from './statusBar/usageStatusBar';
import { BudgetService } from './usage/budgetService';
import { UsageLedgerFile } from './usage/usageLedgerFile';
import { UsageService } from './usage/usageService';

/** The live service graph. Internal: activate() never returns it (see createTestHandle for what tests get). */
export interface Services {
	logger: OutputChannelLogger;
	session: ChatSession;
	usage: UsageService;
	chatView: ChatViewProvider;
	/** The open conversation and the saved ones on disk. */
	conversationStore: ConversationStore;
	/** The History list and the model picker (the webview's conversation/* and model/select messages). */
	conversationsController: ConversationsController;
	/** The workspace's storage folder (conversations/ lives here). */
	storage: vscode.Uri;
	keys: ApiKeyStore;
	statusBar: UsageStatusBar;
	/** Every request's usage on disk (usage-ledger.jsonl), the source of Export Usage. */
	ledger: UsageLedgerFile;
	budget: BudgetService;
	/** What a code block's Insert / Replace / New File and answer links do (the webview's code/* and link/open). */
	editorActions: EditorActions;
	/** Batch jobs (Message Batches API). */
	batches: BatchService;
	/** The Batches view's rows. */
	batchView: BatchView;
	/** The attachments waiting for the next question (Add to Chat, @-mentions). */
	chatContext: ChatContext;
}

/**
 * Builds every service in dependency order and registers each disposable where it is created. No network, no SDK
 * import, no file scans: activation stays a few milliseconds.
 */
export function createServices(context: vscode.ExtensionContext, demoMode: boolean): Services {
	const own = <T extends vscode.Disposable>(d: T): T => {
		context.subscriptions.push(d);
		return d;
	};
	const { globalStorageUri, extensionUri } = context;
	own(cacheConfig()); // first: every configuration listener after it reads the new settings
	const logger = own(new OutputChannelLogger());
	const keys = own(new ApiKeyStore(context.secrets, process.env, demoMode));
	const connect = createConnector(keys, getConfig);
	const session = new ChatSession({
		logger,
		connect,
		settings: (command) => requestSettings(getConfig(), command),
		guard: (): Promise<ChatError | undefined> => budget.blocking(), // called per request, after `budget` below exists
	});
	const storage = context.storageUri ?? globalStorageUri;
	const conversationStore = own(new ConversationStore(createConversationLibrary(storage), session));
	const catalog = createModelCatalog({ state: context.globalState, connect, getConfig, logger });
	const conversationsController = own(new ConversationsController({ store: conversationStore, catalog, logger, getConfig }));
	own(keys.onDidChange(() => void conversationsController.refreshModels())); // a new key may list other models
	const ledger = own(new UsageLedgerFile(session, vscode.Uri.joinPath(globalStorageUri, 'usage-ledger.jsonl'), logger));
	const usage = own(new UsageService(ledger, session));
	const budget = own(new BudgetService(ledger, getConfig));
	const statusBar = own(new UsageStatusBar(usage, keys, budget, demoMode));
	const editorActions = own(new EditorActions({ logger, notify: (message, level) => chatView.notify(message, level) }));
	const chatContext = own(new ChatContext({
		logger, notify: (message, level) => chatView.notify(message, level), sentAttachment: (id) => session.findAttachment(id),
		waitingStore: context.workspaceState,
	}));
	const chatView = own(new ChatViewProvider({
		extensionUri, session, keys, logger, demoMode, restored: conversationStore.ready, conversationsController, editorActions, context: chatContext, runCommand: runWebviewCommand,
	}));
	const batches = own(new BatchService({ connect, store: new BatchJobStore(vscode.Uri.joinPath(globalStorageUri, 'batches')), ledger, logger }));
	const batchView = own(new BatchView(batches));
	context.subscriptions.push(...registerCommands({ extensionUri, session, chatView, keys, logger, usage, ledger, getConfig, conversationStore, batches, budget, connect, editorActions, chatContext }));
	// VS Code waits for activate() before it activates other extensions and runs the command that woke us, so what
	// need not be ready by then runs on the next turn of the event loop, still before any request can start: the chat
	// view's provider (VS Code holds a view that opens meanwhile until its provider exists), the Batches view and the
	// batch jobs kept on disk, the Quick Fix actions, the ledger's file watcher, the price overrides, the notices about
	// ignored workspace settings and the API destination, the status bar's first render. Commands stay in activate():
	// VS Code runs the command that woke us as soon as activate() returns.
	const afterActivation = setImmediate(() => {
		const started = performance.now();
		own(vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView));
		own(vscode.window.registerTreeDataProvider(BatchView.viewId, batchView));
		own(vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new ProblemActions(), ProblemActions.metadata));
		void batches.start();
		ledger.watch();
		own(applyPricingSetting(logger));
		own(warnAboutIgnoredWorkspaceSettings(logger));
		own(logApiDestination(logger));
		statusBar.show();
		logger.info('activate', `start-up work after activation: ${(performance.now() - started).toFixed(1)} ms`);
	});
	own({ dispose: () => clearImmediate(afterActivation) });
	return { logger, session, usage, chatView, conversationStore, conversationsController, storage, keys, statusBar, ledger, budget, editorActions, batches, batchView, chatContext };
}
