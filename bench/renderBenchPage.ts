// The in-browser half of bench/renderBench.ts, bundled by esbuild into the chat webview's real page (strict CSP,
// media/chat.css): the real ChatApp with the real markdown renderer, highlight.js core and grammar chunks loaded
// by <script nonce>, fed host messages by a fake bridge, with animation frames run by hand so each paint is timed.
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import type { AssistantTurn, ChatTurn, HostToWebview, WebviewToHost } from '../src/shared/protocol';
import { ChatApp } from '../src/webview/app';
import { scriptLanguageLoader } from '../src/webview/highlight';
import { groupInChunks, IncrementalMarkdown } from '../src/webview/incrementalMarkdown';
import type { HostBridge } from '../src/webview/hostBridge';
import { createMarkdownRenderer, type MarkdownRenderer } from '../src/webview/markdown';
import { renderMarkdownInto, type FrameScheduler } from '../src/webview/render';
import { benchAnswer, splitDeltas } from './renderBenchAnswer';

class PageBridge implements HostBridge {
	private readonly handlers = new Set<(msg: HostToWebview) => void>();
	post(_msg: WebviewToHost): void { }
	onMessage(handler: (msg: HostToWebview) => void): () => void {
		this.handlers.add(handler);
		return () => this.handlers.delete(handler);
	}
	getState(): unknown {
		return undefined;
	}
	setState(_state: unknown): void { }
	emit(msg: HostToWebview): void {
		this.handlers.forEach((h) => h(msg));
	}
}

class ManualFrames implements FrameScheduler {
	private readonly callbacks = new Map<number, () => void>();
	private next = 1;
	request(callback: () => void): number {
		this.callbacks.set(this.next, callback);
		return this.next++;
	}
	cancel(handle: number): void {
		this.callbacks.delete(handle);
	}
	run(): void {
		const callbacks = [...this.callbacks.values()];
		this.callbacks.clear();
		callbacks.forEach((cb) => cb());
	}
}

/** Results of one streamed answer through ChatApp (all times in ms of main-thread work). */
export interface StreamRun {
	total: number;
	paints: number;
	messages: number;
	lastPaint: number;
	done: number;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const script = document.currentScript as HTMLScriptElement;
/** `?diagnose`: the app's renderer is wrapped to time its steps (see `counters`). */
const DIAGNOSE = location.search.includes('diagnose');
const counters: Record<string, number> = {};

function timedRenderer(markdown: MarkdownRenderer): MarkdownRenderer {
	const timed = <A extends unknown[], R>(name: string, fn: (...args: A) => R) => (...args: A): R => {
		const t = performance.now();
		const r = fn(...args);
		counters[name] = (counters[name] ?? 0) + performance.now() - t;
		counters[`${name}Calls`] = (counters[`${name}Calls`] ?? 0) + 1;
		return r;
	};
	const lex = timed('lex', markdown.lex);
	return {
		...markdown,
		lex: (src, links) => {
			counters.lexChars = (counters.lexChars ?? 0) + src.length;
			return lex(src, links);
		},
		render: timed('render', markdown.render),
		highlight: timed('highlight', markdown.highlight),
		block: timed('block', markdown.block),
	};
}

function takeCounters(): Record<string, number> {
	const copy = { ...counters };
	Object.keys(counters).forEach((k) => delete counters[k]);
	return copy;
}

async function setup(): Promise<{ app: ChatApp; bridge: PageBridge; frames: ManualFrames; markdown: MarkdownRenderer; baseline: MarkdownRenderer }> {
	const { Marked } = await import('marked');
	const loader = scriptLanguageLoader(document, script.src, script.nonce);
	const markdown = createMarkdownRenderer(new Marked(), DOMPurify, { hljs, loader });
	// The baseline: the same marked + DOMPurify pipeline, run on the whole text (its own DOMPurify and marked).
	const baseline = createMarkdownRenderer(new Marked(), DOMPurify(window));
	const bridge = new PageBridge();
	const frames = new ManualFrames();
	let ids = 0;
	const app = new ChatApp({ document, bridge, markdown: DIAGNOSE ? timedRenderer(markdown) : markdown, frames, newRequestId: () => `bench-${++ids}` });
	app.start();
	return { app, bridge, frames, markdown, baseline };
}

const ready = setup();
const answer = benchAnswer();
const deltas = splitDeltas(answer, 2000);

function assistant(id: string, text: string, status: AssistantTurn['status']): AssistantTurn {
	return { id, role: 'assistant', text, status, model: 'claude-bench', maxTokens: 8192 };
}

/**
 * Streams the answer through ChatApp as it arrives in the product: 2,000 deltas 10 ms apart (20 s), and either
 * the host's coalescer (one message per 40 ms) with a frame after each message, or, with `perDelta`, one message
 * per delta and a frame every 16.7 ms (60 Hz). Times only the work: each frame's message handling + paint, then
 * chat/done. Highlighting is synchronous (the grammars are loaded by a warm-up run). With `hidden`, the
 * transcript is display:none, so the browser does no style or layout work: what is left is rendering proper.
 */
async function stream(perDelta: boolean, run: number, hidden: boolean): Promise<StreamRun> {
	const { bridge, frames } = await ready;
	const transcript = document.getElementById('transcript') as HTMLElement;
	transcript.hidden = hidden;
	const requestId = `stream-${run}`;
	const id = `a-${run}`;
	bridge.emit({ type: 'state/init', snapshot: { turns: [] }, hasApiKey: true, demoMode: false, busy: false });
	bridge.emit({ type: 'chat/started', requestId, user: { id: `u-${run}`, role: 'user', text: 'Explain everything' }, assistant: assistant(id, '', 'streaming') });
	// Messages as the webview receives them, each with its arrival time.
	const messages: Array<{ at: number; text: string }> = [];
	if (perDelta) {
		deltas.forEach((text, i) => messages.push({ at: (i + 1) * 10, text }));
	} else {
		for (let i = 0; i < deltas.length; i += 4) {
			messages.push({ at: (i + 4) * 10, text: deltas.slice(i, i + 4).join('') });
		}
	}
	const frameMs = perDelta ? 1000 / 60 : 40;
	let seq = 0;
	let next = 0;
	let total = 0;
	let paints = 0;
	let lastPaint = 0;
	for (let frame = 1; next < messages.length; frame++) {
		const now = frame * frameMs;
		const t0 = performance.now();
		let arrived = 0;
		while (next < messages.length && messages[next].at <= now + 1e-6) {
			bridge.emit({ type: 'chat/delta', requestId, seq: ++seq, text: messages[next++].text });
			arrived++;
		}
		frames.run();
		const spent = performance.now() - t0;
		if (arrived > 0) {
			total += spent;
			paints++;
			lastPaint = spent;
		}
	}
	const t0 = performance.now();
	bridge.emit({ type: 'chat/done', requestId, turn: assistant(id, answer, 'complete') });
	const done = performance.now() - t0;
	transcript.hidden = false;
	const body = document.querySelector('.turn.assistant .turn-body');
	if (!body || (body.textContent ?? '').length < answer.length * 0.8) {
		throw new Error('the streamed answer did not render');
	}
	if (run === 0 && !perDelta) {
		// The streamed DOM must equal a full render of the final text (the unit tests check this on jsdom).
		const full = document.createElement('div');
		renderMarkdownInto(full, (await ready).markdown.block(answer));
		(await ready).markdown.highlight(full);
		groupInChunks(full);
		if (full.innerHTML !== body.innerHTML) {
			throw new Error('the streamed answer differs from a full render of the same text');
		}
	}
	return { total: total + done, paints, messages: messages.length, lastPaint, done };
}

/**
 * The re-render-everything baseline: marked + DOMPurify on the whole text after each delta. Its cost grows with
 * the text, so every `stride`-th delta is measured and counts for `stride` deltas (stride 1 = all 2,000).
 */
async function baselineTotal(stride: number): Promise<{ total: number; last: number }> {
	const { baseline } = await ready;
	let text = '';
	let total = 0;
	let last = 0;
	deltas.forEach((delta, i) => {
		text += delta;
		if ((i + 1) % stride === 0 || i === deltas.length - 1) {
			const t0 = performance.now();
			baseline.block(text);
			last = performance.now() - t0;
			total += last * ((i + 1) % stride === 0 ? stride : (i + 1) % stride);
		}
	});
	return { total, last };
}

/**
 * One full render of the final text: marked + DOMPurify only; as the app renders a finished answer (+ DOM,
 * highlighting, code-block toolbars, chunks) into a detached element; and that attached, with style and layout.
 */
async function fullRender(reps: number): Promise<{ markedPurify: number; app: number; appWithLayout: number }> {
	const { baseline, markdown } = await ready;
	const strings: number[] = [];
	const app: number[] = [];
	const appWithLayout: number[] = [];
	const transcript = document.getElementById('transcript') as HTMLElement;
	for (let i = 0; i < reps; i++) {
		let t0 = performance.now();
		baseline.block(answer);
		strings.push(performance.now() - t0);
		for (const attached of [false, true]) {
			const div = document.createElement('div');
			div.className = 'turn-body markdown';
			if (attached) {
				transcript.append(div);
			}
			t0 = performance.now();
			renderMarkdownInto(div, markdown.block(answer));
			markdown.highlight(div);
			groupInChunks(div);
			void div.offsetHeight;
			(attached ? appWithLayout : app).push(performance.now() - t0);
			div.remove();
		}
	}
	return { markedPurify: median(strings), app: median(app), appWithLayout: median(appWithLayout) };
}

function exchangeTurns(count: number): ChatTurn[] {
	const text = benchAnswer(1500, 3);
	return Array.from({ length: count }, (_, i): ChatTurn => i % 2 === 0
		? { id: `old-u${i}`, role: 'user', text: `Question ${i}` }
		: assistant(`old-a${i}`, text, 'complete'));
}

/** Times appending one exchange (chat/started, 5 deltas with a frame each, chat/done, layout) to a chat of `turns` turns. */
async function appendTimes(turns: number, reps: number, round: number): Promise<number[]> {
	const { bridge, frames } = await ready;
	bridge.emit({ type: 'state/init', snapshot: { turns: exchangeTurns(turns) }, hasApiKey: true, demoMode: false, busy: false });
	const transcript = document.getElementById('transcript') as HTMLElement;
	transcript.scrollTop = transcript.scrollHeight;
	const reply = benchAnswer(1500, 5);
	const pieces = splitDeltas(reply, 5);
	const times: number[] = [];
	for (let r = -2; r < reps; r++) {
		const requestId = `append-${turns}-${round}-${r}`;
		const id = `new-a-${turns}-${round}-${r}`;
		const t0 = performance.now();
		bridge.emit({ type: 'chat/started', requestId, user: { id: `new-u-${turns}-${round}-${r}`, role: 'user', text: 'One more question' }, assistant: assistant(id, '', 'streaming') });
		pieces.forEach((text, i) => {
			bridge.emit({ type: 'chat/delta', requestId, seq: i + 1, text });
			frames.run();
		});
		bridge.emit({ type: 'chat/done', requestId, turn: assistant(id, reply, 'complete') });
		void transcript.scrollHeight;
		if (r >= 0) {
			times.push(performance.now() - t0); // the first two are warm-up
		}
	}
	return times;
}

/** Loads the grammars the answers use and warms up the JIT with one untimed stream. */
async function warmUp(): Promise<void> {
	const { markdown } = await ready;
	await stream(false, -1, false);
	await markdown.highlighted();
	await stream(true, -2, true);
	await markdown.highlighted();
	if (!document.querySelector('code.hljs .hljs-keyword')) {
		throw new Error('code blocks were not highlighted: the grammar chunks did not load');
	}
}

/** Diagnostics: the incremental renderer alone on an attached body, with or without a forced layout per paint. */
async function rendererOnly(layout: number): Promise<Record<string, number>> {
	const { markdown } = await ready;
	let lexMs = 0;
	let renderMs = 0;
	let highlightMs = 0;
	let sanitizeCalls = 0;
	let layoutMs = 0;
	const timed: MarkdownRenderer = {
		...markdown,
		lex: (src, links) => {
			const t = performance.now();
			const r = markdown.lex(src, links);
			lexMs += performance.now() - t;
			return r;
		},
		render: (groups) => {
			const t = performance.now();
			const r = markdown.render(groups);
			renderMs += performance.now() - t;
			sanitizeCalls++;
			return r;
		},
		highlight: (root) => {
			const t = performance.now();
			markdown.highlight(root);
			highlightMs += performance.now() - t;
		},
	};
	const body = document.createElement('div');
	body.className = 'turn-body markdown';
	const transcript = document.getElementById('transcript') as HTMLElement;
	transcript.replaceChildren(body);
	const r = new IncrementalMarkdown(body, timed);
	let text = '';
	let total = 0;
	let last = 0;
	for (let i = 0; i < deltas.length; i += 4) {
		const appended = deltas.slice(i, i + 4).join('');
		text += appended;
		const t0 = performance.now();
		r.update(text, appended);
		const t1 = performance.now();
		if (layout) {
			void transcript.scrollHeight;
		}
		layoutMs += performance.now() - t1;
		last = performance.now() - t0;
		total += last;
	}
	// Floor: the cheapest possible change (one character of the last text node) and a forced layout.
	let floor = 0;
	const lastText = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
	let node: Node | null = null;
	for (let n = lastText.nextNode(); n; n = lastText.nextNode()) {
		node = n;
	}
	for (let k = 0; k < 200 && node; k++) {
		const t = performance.now();
		(node as Text).appendData('x');
		void transcript.scrollHeight;
		floor += performance.now() - t;
	}
	const floorMs = floor / 200;
	const t0 = performance.now();
	r.finish(text);
	if (layout) {
		void transcript.scrollHeight;
	}
	const finish = performance.now() - t0;
	return { total: total + finish, last, finish, lexMs, renderMs, highlightMs, sanitizeCalls, layoutMs, chunks: body.childElementCount, floorMs };
}

/** Diagnostics: the cost of each step of rendering a typical tail (a paragraph), per call in µs. */
async function tailSteps(): Promise<Record<string, number>> {
	const { markdown } = await ready;
	const { Marked } = await import('marked');
	const marked = new Marked();
	const src = 'The parser reads each token once and keeps a small stack of `open()` blocks so the **renderer** can stream [output](https://example.com) while the model is still writing the rest of the answer.';
	const N = 2000;
	const time = (fn: () => void): number => {
		const t = performance.now();
		for (let i = 0; i < N; i++) {
			fn();
		}
		return ((performance.now() - t) / N) * 1000;
	};
	const tokens = markdown.lex(src, {});
	const html = marked.parser(tokens);
	const clean = DOMPurify(window);
	clean.setConfig({ USE_PROFILES: { html: true } });
	const sanitized = clean.sanitize(html);
	return {
		lex: time(() => markdown.lex(src, {})),
		markedParser: time(() => marked.parser(tokens)),
		purify: time(() => clean.sanitize(html)),
		purifyEmpty: time(() => clean.sanitize('<p>x</p>')),
		innerHTML: time(() => {
			document.createElement('div').innerHTML = sanitized;
		}),
		renderGroups: time(() => markdown.render([[], tokens])),
	};
}

declare global {
	interface Window {
		renderBench: unknown;
	}
}

window.renderBench = { warmUp, stream, rendererOnly, tailSteps, takeCounters, baselineTotal, fullRender, appendTimes, answerBytes: answer.length, deltaCount: deltas.length };
