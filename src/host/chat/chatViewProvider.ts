import * as vscode from 'vscode';
import type { ChatSession } from '../../core/session/chatSession';
import type { ConfirmEvent, RetryWait } from '../../core/session/types';
import type { Logger } from '../../core/log/logger';
import { redactSecrets } from '../../core/anthropic/errors';
import { estimateText } from '../../core/request/contextEstimate';
import { latestTurns, turnsBefore } from '../../core/conversation/transcriptPage';
import { retryReason } from '../../core/request/retry';
import { assertNever } from '../../shared/assertNever';
import { EARLIER_PAGE_TURNS, isWebviewToHost, PROTOCOL_VERSION, type HostToWebview, type WebviewCommand, type WebviewToHost } from '../../shared/protocol';
import { Disposable, DisposableStore } from '../lifecycle';
import type { ApiKeyStore } from '../secrets';
import type { EditorActions } from '../code/editorActions';
import type { ConversationsController } from './conversationsController';
import type { ChatContext } from '../context/chatContext';
import { createNonce, getWebviewHtml } from './webviewHtml';

export interface ChatViewDeps {
	extensionUri: vscode.Uri;
	session: ChatSession;
	keys: ApiKeyStore;
	logger: Logger;
	demoMode: boolean;
	/** Resolves when the persisted conversation is back in the session (the first state/init waits for it). */
	restored: Promise<void>;
	/** Runs one of the few host commands the webview may ask for (validated against a closed list first). */
	runCommand(command: WebviewCommand): void;
	/** The conversation list and the model picker (their messages, and the actions on them). */
	conversationsController: ConversationsController;
	/** A code block's Insert / Replace / New File and link clicks (they act on editors and the browser). */
	editorActions: Pick<EditorActions, 'handle'>;
	/** The attachments waiting for the next question, and the @-mention suggestions. */
	context: Pick<ChatContext, 'handle' | 'take' | 'initMessages' | 'onDidPost'>;
}

/**
 * The sidebar chat. Host is the source of truth: the webview gets `state/init` after every `ready`, then live
 * request messages. Nothing is posted before `ready` except notices, which are queued; everything the webview sends
 * is validated before it reaches the session.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
	static readonly viewId = 'claudeAssistant.chat';
	private view: vscode.WebviewView | undefined;
	private ready = false;
	private readonly pendingNotices: HostToWebview[] = [];
	private readonly viewStore = this._register(new DisposableStore());
	private readonly _onDidPost = this._register(new vscode.EventEmitter<HostToWebview>());
	/** Every message meant for the webview, as it is posted or queued (what the chat is told, for observers). */
	readonly onDidPost = this._onDidPost.event;

	constructor(private readonly deps: ChatViewDeps) {
		super();
		const { session } = deps;
		// the session's stream events are the chat protocol's messages
		this._register(session.onDidStart((m) => this.post(m)));
		this._register(session.onDidStream((m) => this.post(m)));
		this._register(session.onDidEnd((m) => this.post(m)));
		this._register(session.onDidWaitToRetry((e) => this.post(retryingMessage(e))));
		this._register(session.onDidAskToConfirm((e) => this.post(confirmMessage(e))));
		this._register(session.onDidMoveHistory((e) => {
			this.post({ type: 'chat/history', marker: e.marker });
			if (e.failure) {
				this.notify(`Could not summarize earlier messages (${e.failure}); they are no longer sent.`, 'warning', 'showLogs');
			}
		}));
		this._register(deps.keys.onDidChange(() => void this.postKeyState()));
		this._register(deps.conversationsController.onDidPost((msg) => this.post(msg)));
		this._register(deps.conversationsController.onDidSwitch(() => void this.sendInit()));
		this._register(deps.context.onDidPost((msg) => this.post(msg)));
	}

	resolveWebviewView(view: vscode.WebviewView): void {
		this.viewStore.clear(); // re-resolve (e.g. the view moved): drop the previous view's listeners
		this.view = view;
		this.ready = false;
		const { extensionUri } = this.deps;
		const dist = vscode.Uri.joinPath(extensionUri, 'dist');
		const media = vscode.Uri.joinPath(extensionUri, 'media');
		view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
		view.webview.html = getWebviewHtml({
			cspSource: view.webview.cspSource,
			scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
			styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css')).toString(),
			nonce: createNonce(),
		});
		this.viewStore.add(view.webview.onDidReceiveMessage((msg: unknown) => void this.receive(msg)));
		this.viewStore.add(view.onDidDispose(() => {
			this.viewStore.clear();
			this.view = undefined;
			this.ready = false;
		}));
	}

	/** True while the chat view is resolved and visible. */
	get isVisible(): boolean {
		return this.view?.visible ?? false;
	}

	/** Opens the chat view (and waits until VS Code has resolved it). */
	async reveal(): Promise<void> {
		await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
	}

	/** Claude: Focus Chat: reveals the view and puts the keyboard in its prompt box (queued until the view is ready). */
	async focusComposer(): Promise<void> {
		await this.reveal();
		this.post({ type: 'composer/focus' });
	}

	/** Shows a message in the chat without a request (e.g. "Select some code first"). */
	notify(message: string, level: 'info' | 'warning' | 'error' = 'info', action?: WebviewCommand): void {
		this.post({ type: 'notice', level, message, action });
	}

	/**
	 * Sends the whole conversation as `state/init` (on `ready`, and when another conversation is shown: New Chat or a
	 * switch), then the request still running, with its retry wait or pending confirmation.
	 */
	async sendInit(): Promise<void> {
		const { session, demoMode, restored } = this.deps;
		await restored;
		const hasApiKey = await this.hasApiKey();
		this.postNow({ type: 'state/init', snapshot: latestTurns(session.snapshot()), hasApiKey, demoMode, busy: session.busy });
		this.deps.conversationsController.initMessages().forEach((m) => this.postNow(m));
		this.deps.context.initMessages().forEach((m) => this.postNow(m));
		const requestId = session.activeRequestId;
		const turn = session.activeTurn();
		if (requestId && turn) {
			this.postNow({ type: 'chat/started', requestId, assistant: turn });
			const wait = session.activeRetryWait();
			if (wait) {
				this.postNow(retryingMessage(wait));
			}
			const confirm = session.activeConfirm();
			if (confirm) {
				this.postNow(confirmMessage(confirm));
			}
		}
	}

	/** A key was set or cleared: tells the chat whether one is set now (for the "No API key" banner). */
	private async postKeyState(): Promise<void> {
		this.post({ type: 'key/changed', hasApiKey: await this.hasApiKey() });
	}

	/**
	 * Whether a key is set, for the "No API key" banner. When the key store cannot be read the answer is unknown: the
	 * banner stays hidden (setting a key would not help) and the chat still opens; a request then says what failed.
	 */
	private async hasApiKey(): Promise<boolean> {
		try {
			return (await this.deps.keys.get()).key !== undefined;
		} catch (err) {
			this.deps.logger.warn('key', `could not read the API key store: ${redactSecrets(err instanceof Error ? err.message : String(err))}`);
			return true;
		}
	}

	/** Before `ready`, chat messages are dropped (state/init will carry them); notices wait in a queue. */
	private post(msg: HostToWebview): void {
		this._onDidPost.fire(msg);
		if (this.ready) {
			this.postNow(msg);
		} else if (msg.type === 'notice' || msg.type === 'key/changed' || msg.type === 'composer/focus') {
			this.pendingNotices.push(msg);
		}
	}

	private postNow(msg: HostToWebview): void {
		void this.view?.webview.postMessage(msg);
	}

	/** Handles one message from the webview: validated first, since the webview is untrusted input. */
	async receive(raw: unknown): Promise<void> {
		if (!isWebviewToHost(raw)) {
			this.deps.logger.warn('webview', `dropped an invalid message: ${JSON.stringify(raw)?.slice(0, 200)}`);
			return;
		}
		const msg: WebviewToHost = raw;
		const { session } = this.deps;
		switch (msg.type) {
			case 'ready':
				if (msg.protocolVersion !== PROTOCOL_VERSION) {
					this.deps.logger.warn('webview', `protocol ${msg.protocolVersion} != ${PROTOCOL_VERSION}; reload the window`);
				}
				this.ready = true;
				await this.sendInit();
				for (const n of this.pendingNotices.splice(0)) {
					this.postNow(n);
				}
				void this.deps.conversationsController.refreshModels(); // at most daily; never at activation
				break;
			case 'chat/send':
				await session.send({ requestId: msg.requestId, text: msg.text, command: 'chat', attachments: this.deps.context.take() });
				break;
			case 'chat/cancel':
				session.cancel(msg.requestId);
				break;
			case 'chat/retryNow':
				// False when the wait already ended (the attempt is under way): nothing to tell the user.
				session.retryNow(msg.requestId);
				break;
			case 'chat/loadEarlier': {
				const page = turnsBefore(session.snapshot().turns, msg.beforeTurnId, EARLIER_PAGE_TURNS);
				if (page) {
					this.post({ type: 'chat/earlier', beforeTurnId: msg.beforeTurnId, ...page });
				}
				break;
			}
			case 'chat/confirmSend':
				session.confirmSend(msg.requestId);
				break;
			case 'chat/continue':
				if (!(await session.continueTurn(msg.requestId, msg.turnId))) {
					this.notify('That answer cannot be continued.', 'warning');
				}
				break;
			case 'chat/sendAnyway':
				if (!(await session.retryTurn(msg.requestId, msg.turnId, { sendAnyway: true }))) {
					this.notify('Only the last answer can be sent again.', 'warning');
				}
				break;
			case 'chat/retry':
				if (!(await session.retryTurn(msg.requestId, msg.turnId))) {
					this.notify('Only the last failed or stopped answer can be retried.', 'warning');
				}
				break;
			case 'chat/regenerate':
				if (!(await session.retryTurn(msg.requestId, msg.turnId, { mode: 'regenerate' }))) {
					this.notify('Only the last answer can be regenerated, once it has finished.', 'warning');
				}
				break;
			case 'chat/edit':
				if (!(await session.retryTurn(msg.requestId, msg.turnId, { mode: 'edit', text: msg.text }))) {
					this.notify('Only your last typed question can be edited, once its answer has finished.', 'warning');
				}
				break;
			case 'chat/new':
				await this.deps.conversationsController.newConversation();
				break;
			case 'conversation/switch':
			case 'conversation/rename':
			case 'conversation/delete':
			case 'conversation/export':
			case 'model/select':
				await this.deps.conversationsController.handle(msg);
				break;
			case 'code/insert':
			case 'code/replace':
			case 'code/newFile':
			case 'link/open':
				await this.deps.editorActions.handle(msg);
				break;
			case 'command/run':
				this.deps.runCommand(msg.command);
				break;
			case 'mention/query':
			case 'mention/pick':
			case 'attachment/remove':
			case 'attachment/open':
				await this.deps.context.handle(msg);
				break;
			default:
				assertNever(msg);
		}
	}
}

/** The webview's view of a retry wait: the kind becomes a short user-facing reason. */
function retryingMessage(e: RetryWait): HostToWebview {
	const base = { type: 'chat/retrying' as const, requestId: e.requestId, attempt: e.attempt, maxAttempts: e.maxAttempts, delayMs: e.delayMs };
	return e.hold ? { ...base, reason: e.hold, hold: true } : { ...base, reason: retryReason(e.kind) };
}

/** The webview's view of a large request waiting for Send / Cancel. */
function confirmMessage(e: ConfirmEvent): HostToWebview {
	return { type: 'chat/confirm', requestId: e.requestId, text: estimateText(e) };
}
