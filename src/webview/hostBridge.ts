import type { HostToWebview, WebviewToHost } from '../shared/protocol';

/**
 * The slice of the object `acquireVsCodeApi()` returns that the chat uses. Declared here because the webview
 * bundle has no `vscode` types, and kept minimal so tests can hand in a plain object.
 */
export interface VsCodeApi {
	postMessage(message: unknown): void;
	getState(): unknown;
	setState(state: unknown): void;
}

/**
 * Everything the chat UI needs from the extension host, typed by the protocol. The UI talks only to this
 * interface, so tests drive it with an in-memory fake instead of a real webview.
 */
export interface HostBridge {
	post(msg: WebviewToHost): void;
	/** Subscribes to host messages; returns the unsubscribe function. */
	onMessage(handler: (msg: HostToWebview) => void): () => void;
	/** UI state persisted by VS Code across hide/show (never the conversation: the host owns that). */
	getState(): unknown;
	setState(state: unknown): void;
}

/** Message types the host may send; a Record so adding a message to the protocol fails to compile here until listed. */
const HOST_MESSAGE_TYPES: Record<HostToWebview['type'], true> = {
	'state/init': true,
	'key/changed': true,
	'chat/started': true,
	'chat/delta': true,
	'chat/done': true,
	'chat/error': true,
	'chat/retrying': true,
	'chat/confirm': true,
	'chat/history': true,
	'chat/earlier': true,
	'conversations/list': true,
	'models/list': true,
	'notice': true,
	'composer/focus': true,
	'attachments/changed': true,
	'mention/results': true,
};

/**
 * Cheap shape check on `message` events: other code (extensions of the webview runtime, devtools) can post
 * to the window too, and a malformed object must not reach the exhaustive switch.
 */
export function isHostToWebview(data: unknown): data is HostToWebview {
	if (typeof data !== 'object' || data === null) {
		return false;
	}
	const type = (data as { type?: unknown }).type;
	return typeof type === 'string' && Object.prototype.hasOwnProperty.call(HOST_MESSAGE_TYPES, type);
}

/** Minimal event target: `window` in the webview, a jsdom window in tests. */
export interface MessageSource {
	addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
	removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

/**
 * Wraps the VS Code webview API and the window's `message` events in the typed {@link HostBridge}, so no other
 * webview file touches `postMessage` with an untyped payload.
 */
export function createHostBridge(api: VsCodeApi, source: MessageSource): HostBridge {
	return {
		post(msg) {
			api.postMessage(msg);
		},
		onMessage(handler) {
			const listener = (e: MessageEvent): void => {
				if (isHostToWebview(e.data)) {
					handler(e.data);
				}
			};
			source.addEventListener('message', listener);
			return () => source.removeEventListener('message', listener);
		},
		getState: () => api.getState(),
		setState: (state) => api.setState(state),
	};
}
