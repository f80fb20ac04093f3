import type * as vscode from 'vscode';
import type { BudgetState } from '../core/usage/budget';
import type { SessionEvent } from '../core/session/types';
import type { ConversationContent, ConversationEntry } from '../core/conversation/conversationLibrary';
import type { Totals } from '../core/usage/usage';
import type { LedgerLine } from '../core/usage/usageLedgerLine';
import { chipOf } from '../core/context/attachment';
import { isWebviewToHost, type AttachmentChip, type ChatSnapshot, type HostToWebview, type WebviewToHost } from '../shared/protocol';
import type { Services } from './services';
import type { KeySource } from '../core/settings/keyPersistence';
import type { BatchJob } from '../core/batch/batchJob';

/**
 * The chat view's messages the handle passes on: those that never send a request to the API (History list actions,
 * the model picker, code-block and link actions, paging). Everything that would send (chat/send, retry, continue,
 * Send anyway, …) is refused, so a test drives those the way a user does: through commands.
 */
const NON_SENDING: ReadonlySet<WebviewToHost['type']> = new Set<WebviewToHost['type']>([
	'conversation/switch', 'conversation/rename', 'conversation/delete', 'conversation/export', 'model/select',
	'code/insert', 'code/replace', 'code/newFile', 'link/open', 'chat/loadEarlier',
	'mention/query', 'mention/pick', 'attachment/remove', 'attachment/open',
]);

/**
 * What activate() returns when VS Code runs the extension for its own tests (ExtensionMode.Test), and only then: in
 * normal use the extension exports nothing, so no other extension can reach its key or spend on it. Even this
 * handle is narrow: it reads state, and it passes on only chat-view messages that send nothing. It holds no key
 * store, no session and no way to send a request; the key is set and requests are made through the extension's
 * commands, as a user would.
 */
export interface TestHandle {
	/** Session events (started, delta, done, error, usage, …), for waiting on an answer. */
	onSessionEvent(listener: (e: SessionEvent) => void): vscode.Disposable;
	/** The open conversation as the chat view shows it. */
	snapshot(): ChatSnapshot;
	/** True while a request runs. */
	busy(): boolean;
	/** Where the key in use comes from (never the key). */
	keySource(): Promise<KeySource>;
	statusBar(): { text: string; tooltip: string; background: string | undefined };
	/** This window's usage since activation. */
	sessionUsage(): Totals;
	/** Today's usage in every window, from the usage ledger. */
	todayUsage(): Totals;
	budget(): BudgetState;
	/** The usage ledger file and its lines. */
	ledger: { uri: vscode.Uri; read(): Promise<LedgerLine[]> };
	/** The workspace's storage folder (conversations/ lives here). */
	storage: vscode.Uri;
	/** The global storage folder (usage-ledger.jsonl lives here). */
	globalStorage: vscode.Uri;
	/** The extension's log folder (context.logUri), where VS Code writes the "Claude Assistant" log channel's file. */
	logFolder: vscode.Uri;
	/** A copy of everything the extension keeps in globalState and workspaceState, for scans (read-only). */
	mementos(): { global: Record<string, unknown>; workspace: Record<string, unknown> };
	conversations: {
		current(): ConversationEntry;
		list(): ConversationEntry[];
		get(id: string): ConversationEntry | undefined;
		content(id: string): Promise<ConversationContent>;
		stored(): Promise<ConversationContent>;
		flush(): Promise<void>;
		listMessage(): Extract<HostToWebview, { type: 'conversations/list' }>;
		modelsMessage(): Extract<HostToWebview, { type: 'models/list' }>;
	};
	chatViewVisible(): boolean;
	/** The attachments waiting for the next question, as the composer's chips show them. */
	attachments(): AttachmentChip[];
	/** Messages the host posts to the chat view (notices, answers, lists), as they are posted. */
	onViewMessage(listener: (message: HostToWebview) => void): vscode.Disposable;
	/** Passes a chat-view message on exactly as the webview's would be (validated); throws for one that would send. */
	viewMessage(message: unknown): Promise<void>;
	/** Batch jobs as the Batches view lists them (copies), and the view's rows as VS Code would draw them. */
	batches: {
		list(): BatchJob[];
		rows(): Array<{ label: string; description: string; contextValue: string }>;
	};
}

function mementoCopy(memento: vscode.Memento): Record<string, unknown> {
	return Object.fromEntries(memento.keys().map((key) => [key, memento.get(key)]));
}

/** Builds the handle from the live services (see {@link TestHandle} for what it may and may not reach). */
export function createTestHandle(s: Services, context: vscode.ExtensionContext): TestHandle {
	return {
		onSessionEvent: (listener) => s.session.onEvent(listener),
		snapshot: () => s.session.snapshot(),
		busy: () => s.session.busy,
		keySource: async () => (await s.keys.get()).source,
		statusBar: () => ({ text: s.statusBar.text, tooltip: s.statusBar.tooltip, background: s.statusBar.background }),
		sessionUsage: () => s.usage.thisWindow.session,
		todayUsage: () => s.usage.today,
		budget: () => s.budget.state(),
		ledger: { uri: s.ledger.uri, read: () => s.ledger.read() },
		storage: s.storage,
		globalStorage: context.globalStorageUri,
		logFolder: context.logUri,
		mementos: () => ({ global: mementoCopy(context.globalState), workspace: mementoCopy(context.workspaceState) }),
		conversations: {
			current: () => s.conversationStore.current,
			list: () => s.conversationStore.list(),
			get: (id) => s.conversationStore.get(id),
			content: (id) => s.conversationStore.content(id),
			stored: () => s.conversationStore.stored(),
			flush: () => s.conversationStore.flush(),
			listMessage: () => s.conversationsController.listMessage(),
			modelsMessage: () => s.conversationsController.modelsMessage(),
		},
		chatViewVisible: () => s.chatView.isVisible,
		attachments: () => s.chatContext.attachments.map(chipOf),
		onViewMessage: (listener) => s.chatView.onDidPost(listener),
		viewMessage: async (message) => {
			if (!isWebviewToHost(message) || !NON_SENDING.has(message.type)) {
				throw new Error(`the test handle does not pass on ${JSON.stringify(message)?.slice(0, 80)}`);
			}
			await s.chatView.receive(message);
		},
		batches: {
			list: () => structuredClone(s.batches.list()),
			rows: () => s.batchView.getChildren().map((job) => {
				const item = s.batchView.getTreeItem(job);
				return { label: String(item.label), description: String(item.description), contextValue: item.contextValue ?? '' };
			}),
		},
	};
}
