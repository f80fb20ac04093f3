import { JSDOM } from 'jsdom';
import { createRequire } from 'node:module';
import hljs from 'highlight.js/lib/core';
import type { LanguageFn } from 'highlight.js';
import createDOMPurify, { type WindowLike } from 'dompurify';
import { getWebviewHtml } from '../../../src/host/chat/webviewHtml';
import type { AssistantTurn, HostToWebview, UserTurn, WebviewToHost } from '../../../src/shared/protocol';
import { ChatApp } from '../../../src/webview/app';
import type { HostBridge } from '../../../src/webview/hostBridge';
import type { LanguageLoader } from '../../../src/webview/highlight';
import { createMarkdownRenderer, type MarkdownRenderer } from '../../../src/webview/markdown';
import type { FrameScheduler } from '../../../src/webview/render';
import { FakeClock } from '../fakes/fakeClock';

/** The real page skeleton, so tests fail if getWebviewHtml and the webview code drift apart. */
export function chatPage(): JSDOM {
	return new JSDOM(getWebviewHtml({ cspSource: 'https://csp.test', scriptUri: 'https://csp.test/webview.js', styleUri: 'https://csp.test/chat.css', nonce: 'testnonce' }));
}

const loadModule = createRequire(__filename);

/** The grammar chunks' stand-in: each grammar straight from node_modules (async, like loading a script). */
export const nodeGrammarLoader: LanguageLoader = {
	load: async (name) => loadModule(`highlight.js/lib/languages/${name}`) as LanguageFn,
};

/** marked is ESM-only: load it with a real dynamic import from this CommonJS test build. A fresh highlight.js per page. */
export async function realMarkdown(window: JSDOM['window'], loader: LanguageLoader = nodeGrammarLoader): Promise<MarkdownRenderer> {
	const { Marked } = await import('marked');
	return createMarkdownRenderer(new Marked(), createDOMPurify(window as unknown as WindowLike), { hljs: hljs.newInstance(), loader });
}

/** A chat page's document and the real markdown renderer bound to it, for tests of rendered markup. */
export async function markdownPage(): Promise<{ doc: Document; md: MarkdownRenderer }> {
	const dom = chatPage();
	return { doc: dom.window.document, md: await realMarkdown(dom.window) };
}

/** `html` parsed into a detached `<div>` of `doc`, the way the webview assigns sanitized markup. */
export function parsed(doc: Document, html: string): HTMLElement {
	const div = doc.createElement('div');
	div.innerHTML = html;
	return div;
}

/** An in-memory host: records what the webview posts and lets a test deliver host messages. */
export class FakeBridge implements HostBridge {
	readonly posted: WebviewToHost[] = [];
	state: unknown;
	private readonly handlers = new Set<(msg: HostToWebview) => void>();

	post(msg: WebviewToHost): void {
		this.posted.push(msg);
	}
	onMessage(handler: (msg: HostToWebview) => void): () => void {
		this.handlers.add(handler);
		return () => this.handlers.delete(handler);
	}
	getState(): unknown {
		return this.state;
	}
	setState(state: unknown): void {
		this.state = JSON.parse(JSON.stringify(state));
	}
	emit(msg: HostToWebview): void {
		for (const h of this.handlers) {
			h(msg);
		}
	}
	last(): WebviewToHost | undefined {
		return this.posted.at(-1);
	}
}

/** A requestAnimationFrame stand-in whose frames run only when the test says so. */
export class FakeFrames implements FrameScheduler {
	private readonly callbacks = new Map<number, () => void>();
	private next = 1;
	requested = 0;

	request(callback: () => void): number {
		this.requested++;
		this.callbacks.set(this.next, callback);
		return this.next++;
	}
	cancel(handle: number): void {
		this.callbacks.delete(handle);
	}
	get pending(): number {
		return this.callbacks.size;
	}
	run(): void {
		const callbacks = [...this.callbacks.values()];
		this.callbacks.clear();
		callbacks.forEach((cb) => cb());
	}
}

export interface Chat {
	dom: JSDOM;
	doc: Document;
	app: ChatApp;
	bridge: FakeBridge;
	frames: FakeFrames;
	/** How many times answer markdown was rendered (full renders plus renders of streamed blocks). */
	renders(): number;
	$<T extends Element = HTMLElement>(selector: string): T;
	$$(selector: string): HTMLElement[];
	clipboard: string[];
	/** The retry countdown's clock: time moves only with `clock.advance(ms)`. */
	clock: FakeClock;
}

let ids = 0;

/** Boots the real ChatApp on jsdom with fakes for the host, frames, ids and clipboard. */
export async function startChat(initialState?: unknown): Promise<Chat> {
	const dom = chatPage();
	const doc = dom.window.document;
	const bridge = new FakeBridge();
	bridge.state = initialState;
	const frames = new FakeFrames();
	const real = await realMarkdown(dom.window);
	let renders = 0;
	const markdown: MarkdownRenderer = {
		...real,
		block: (md) => {
			renders++;
			return real.block(md);
		},
		render: (groups) => {
			renders++;
			return real.render(groups);
		},
	};
	const clipboard: string[] = [];
	const clock = new FakeClock();
	const app = new ChatApp({
		document: doc,
		bridge,
		markdown,
		frames,
		newRequestId: () => `req-${++ids}`,
		clipboard: { writeText: async (text) => void clipboard.push(text) },
		ticker: clock,
	});
	app.start();
	const $ = <T extends Element = HTMLElement>(selector: string): T => {
		const el = doc.querySelector<T>(selector);
		if (!el) {
			throw new Error(`no element matches ${selector}`);
		}
		return el;
	};
	return { dom, doc, app, bridge, frames, renders: () => renders, $, $$: (s) => Array.from(doc.querySelectorAll<HTMLElement>(s)), clipboard, clock };
}

/** Builders with sensible defaults so each test states only what it is about. */
export function userTurn(overrides: Partial<UserTurn> = {}): UserTurn {
	return { id: 'u1', role: 'user', text: 'Hello', ...overrides };
}

export function assistantTurn(overrides: Partial<AssistantTurn> = {}): AssistantTurn {
	return { id: 'a1', role: 'assistant', text: 'Hi there', status: 'complete', model: 'claude-test', maxTokens: 1024, ...overrides };
}

export function init(chat: Chat, turns: Array<UserTurn | AssistantTurn>, extra: Partial<Extract<HostToWebview, { type: 'state/init' }>> = {}): void {
	chat.bridge.emit({ type: 'state/init', snapshot: { turns }, hasApiKey: true, demoMode: false, busy: false, ...extra });
}

/** Dispatches a click the way a user would (bubbling, so the delegated handler sees it). */
export function click(el: Element): void {
	el.dispatchEvent(new (el.ownerDocument.defaultView as unknown as typeof globalThis).MouseEvent('click', { bubbles: true }));
}

export function key(el: Element, keyName: string, opts: { shiftKey?: boolean } = {}): KeyboardEvent {
	const event = new (el.ownerDocument.defaultView as unknown as typeof globalThis).KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...opts });
	el.dispatchEvent(event);
	return event;
}

export function type(chat: Chat, text: string): void {
	const prompt = chat.$<HTMLTextAreaElement>('#prompt');
	prompt.value = text;
	prompt.dispatchEvent(new (chat.dom.window as unknown as typeof globalThis).Event('input', { bubbles: true }));
}

/** A streaming answer as chat/started carries it. */
export function streamingTurn(): AssistantTurn {
	return assistantTurn({ text: '', status: 'streaming' });
}

export function startRequest(chat: Chat, requestId = 'r1'): void {
	chat.bridge.emit({ type: 'chat/started', requestId, user: userTurn(), assistant: streamingTurn() });
}

/** The (single) answer's rendered text after the next frame. */
export function answerText(chat: Chat): string {
	chat.frames.run();
	return chat.$('.turn.assistant .turn-body').textContent?.trim() ?? '';
}
