import type * as vscode from 'vscode';
import type { Connector } from '../../core/anthropic/connect';
import type { ChatSession } from '../../core/session/chatSession';
import type { BatchService } from '../batch/batchService';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import type { EditorActions } from '../code/editorActions';
import type { ChatContext } from '../context/chatContext';
import type { ConversationStore } from '../chat/conversationStore';
import type { AssistantConfig } from '../config';
import type { OutputChannelLogger } from '../logger';
import type { ApiKeyStore } from '../secrets';
import type { BudgetService } from '../usage/budgetService';
import type { UsageLedgerFile } from '../usage/usageLedgerFile';
import type { UsageService } from '../usage/usageService';

/** What commands need, passed explicitly (no globals). */
export interface CommandDeps {
	/** The extension's folder: webview panels load dist/ and media/ from it. */
	extensionUri: vscode.Uri;
	session: ChatSession;
	chatView: ChatViewProvider;
	keys: ApiKeyStore;
	logger: OutputChannelLogger;
	usage: UsageService;
	ledger: UsageLedgerFile;
	getConfig(): AssistantConfig;
	/** The conversation list: New Chat, Switch Conversation, Export. */
	conversationStore: ConversationStore;
	/** Batch jobs: submitted, polled, reported (the Batch command and the Batches view). */
	batches: BatchService;
	/** The budget check before a batch is submitted or a commit message is written. */
	budget: BudgetService;
	/** A client for a request made outside the chat (the commit message). */
	connect: Connector;
	/** Replace → diff → Apply (Fix with Claude proposes its code through it). */
	editorActions: EditorActions;
	/** The attachments waiting for the next question (Add to Chat attaches to it). */
	chatContext: ChatContext;
}
