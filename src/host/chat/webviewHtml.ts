import { randomBytes } from 'node:crypto';
import { webviewPage, type WebviewPageOptions } from '../webviewPage';

/** Inputs for the chat page (see WebviewPageOptions). */
export type WebviewHtmlOptions = WebviewPageOptions;

/**
 * A fresh CSP nonce per page load. 24 random bytes as base64url fit the CSP nonce grammar and cannot be guessed by
 * content that ends up in the page (answers are markdown from a model, i.e. untrusted).
 */
export function createNonce(): string {
	return randomBytes(24).toString('base64url');
}

/** The static skeleton that src/webview/view.ts fills; no host data is interpolated into it. */
const CHAT_BODY = `	<main id="chat">
		<header id="chat-header" class="chat-header">
			<button type="button" id="history-toggle" class="secondary" aria-expanded="false" aria-controls="history" title="Past conversations: open, rename, export or delete">History</button>
			<label for="model-picker" class="sr-only">Model for this conversation</label>
			<select id="model-picker" title="The model this conversation's messages use, with its price per million tokens (input / output)"></select>
		</header>
		<section id="history" class="history-panel" aria-label="Past conversations" hidden>
			<button type="button" id="history-new" class="secondary" title="Start an empty conversation; this one stays in the list">New Chat</button>
			<ul id="history-list" class="history-list"></ul>
			<p id="history-empty" class="history-empty">No earlier conversations yet.</p>
		</section>
		<div id="demo-banner" class="banner banner-demo" role="status" hidden>Offline demo — answers come from a local fake server, not Claude.</div>
		<div id="no-key" class="banner banner-no-key" role="status" hidden>
			<span class="banner-text">No API key</span>
			<button type="button" class="set-key" data-action="command" data-command="setApiKey" title="Store an Anthropic API key in VS Code's secret storage">Set API Key</button>
		</div>
		<p id="empty" class="empty-state">Ask Claude anything, or select code and run Explain Selection</p>
		<div id="transcript" role="log" aria-live="polite" aria-label="Conversation with Claude" tabindex="0"></div>
		<div id="notices"></div>
		<div id="composer" class="composer">
			<div id="attachments" class="chips" aria-label="Attached to your next message" hidden></div>
			<ul id="mentions" class="mention-list" role="listbox" aria-label="Attach" hidden></ul>
			<textarea id="prompt" rows="3" aria-label="Message to Claude" aria-controls="mentions" placeholder="Ask Claude… (@ to attach files, symbols, problems; Enter to send)"></textarea>
			<span id="busy-hint" class="sr-only">Claude is answering. You can keep typing; send when the answer finishes, or press Stop.</span>
			<div class="composer-actions">
				<button type="button" id="stop" class="secondary" title="Stop the answer (keeps what was written so far)" hidden>Stop</button>
				<button type="button" id="send" title="Send (Enter)">Send</button>
			</div>
		</div>
	</main>`;

/**
 * The chat view's HTML: the shared strict-CSP page (src/host/webviewPage.ts) around the chat skeleton. Pure (no
 * `vscode` import) so the CSP is unit-tested without an extension host.
 */
export function getWebviewHtml(opts: WebviewHtmlOptions): string {
	return webviewPage({ ...opts, title: 'Claude Chat', body: CHAT_BODY });
}
