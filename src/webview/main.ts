import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import { Marked } from 'marked';
import { ChatApp } from './app';
import { scriptLanguageLoader, type LanguageLoader } from './highlight';
import { createHostBridge, type VsCodeApi } from './hostBridge';
import { createMarkdownRenderer } from './markdown';
import { createRequestId } from './requestId';

/** Provided by VS Code inside webviews; callable once per page load. */
declare function acquireVsCodeApi(): VsCodeApi;

/**
 * Webview entry point (bundled to dist/webview.js): wires the real browser globals into {@link ChatApp}, which
 * restores the UI state, posts `ready` and handles every host message. Nothing else runs at top level.
 */
function boot(): void {
	const bridge = createHostBridge(acquireVsCodeApi(), window);
	const app = new ChatApp({
		document,
		bridge,
		markdown: createMarkdownRenderer(new Marked(), DOMPurify, { hljs, loader: grammarLoader() }),
		frames: {
			request: (cb) => window.requestAnimationFrame(cb),
			cancel: (handle) => window.cancelAnimationFrame(handle),
		},
		newRequestId: () => createRequestId(window.crypto),
		clipboard: navigator.clipboard,
	});
	app.start();
}

/**
 * Grammars load from dist/hljs/ beside this script, with this script's CSP nonce (read while it runs: the
 * attribute is hidden afterwards, the property is not).
 */
function grammarLoader(): LanguageLoader {
	const self = document.currentScript as HTMLScriptElement | null;
	return scriptLanguageLoader(document, self?.src ?? document.baseURI, self?.nonce ?? '');
}

boot();
