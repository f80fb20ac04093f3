// npm run bench (second part): chat rendering in real Chromium. A ~100 KB markdown answer arriving as 2,000 deltas
// over 20 s is streamed through the real ChatApp (incremental markdown: only the unfinished tail is rendered per
// frame) and, in the same page, through a re-render-everything baseline (marked + DOMPurify on the whole text per
// delta); plus appending an exchange to a 10- vs 500-turn chat, and the host's delta coalescing rate.
//
// The page is the chat webview's own HTML (getWebviewHtml: strict CSP with a nonce, media/chat.css), served from
// 127.0.0.1 with cross-origin isolation so performance.now() has 5 µs resolution; the bundle and the highlight.js
// grammar chunks are built here by esbuild from src/webview. Arrival time is simulated (no waiting 20 s): each
// animation frame's work is timed with performance.now() and summed. `--full-baseline` measures the baseline at
// every delta instead of every 10th (each sample then stands for 10 deltas; the cost grows smoothly with the text).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { DeltaCoalescer } from '../src/core/session/deltaCoalescer';
import { createNonce, getWebviewHtml } from '../src/host/chat/webviewHtml';
import type { Page } from 'playwright-core';
import type { StreamRun } from './renderBenchPage';
import { benchLine, median, note } from './report';

const ROOT = path.join(__dirname, '..', '..');
const loadModule = createRequire(__filename);
const { grammarChunks, grammarEntryPoints } = loadModule(path.join(ROOT, 'scripts', 'highlightChunks.js')) as {
	grammarChunks: esbuild.Plugin;
	grammarEntryPoints(): Array<{ in: string; out: string }>;
};
interface Browser {
	page: Page;
	close(): Promise<void>;
}
const { launchBrowser } = loadModule(path.join(ROOT, 'scripts', 'vscode-runtime', 'codeServer.js')) as {
	launchBrowser(options: { viewport: { width: number; height: number } }): Promise<Browser>;
};

const RUNS = 9;
/** `--diagnose`: the renderer alone, with browser metrics and a CPU profile by function (unminified bundle). */
const DIAGNOSE = process.argv.includes('--diagnose');
const STRIDE = process.argv.includes('--full-baseline') ? 1 : 10;

interface PageApi {
	warmUp(): Promise<void>;
	stream(perDelta: boolean, run: number, hidden: boolean): Promise<StreamRun>;
	baselineTotal(stride: number): Promise<{ total: number; last: number }>;
	fullRender(reps: number): Promise<{ markedPurify: number; app: number; appWithLayout: number }>;
	appendTimes(turns: number, reps: number, round: number): Promise<number[]>;
	rendererOnly(layout: number): Promise<Record<string, number>>;
	tailSteps(): Promise<Record<string, number>>;
	takeCounters(): Promise<Record<string, number>>;
	answerBytes: number;
	deltaCount: number;
}

/** The page bundle and grammar chunks, built in memory: path → contents. */
async function build(): Promise<Map<string, Uint8Array>> {
	const common = { bundle: true, minify: !DIAGNOSE, platform: 'browser', format: 'iife', target: 'es2022', write: false, legalComments: 'none', logLevel: 'warning' } as const;
	const page = await esbuild.build({ ...common, entryPoints: [path.join(ROOT, 'bench', 'renderBenchPage.ts')], outfile: '/bench.js' });
	const grammars = await esbuild.build({ ...common, entryPoints: grammarEntryPoints(), outdir: '/hljs', plugins: [grammarChunks], absWorkingDir: ROOT });
	const files = new Map<string, Uint8Array>();
	for (const file of [...page.outputFiles, ...grammars.outputFiles]) {
		files.set(file.path, file.contents);
	}
	files.set('/chat.css', fs.readFileSync(path.join(ROOT, 'media', 'chat.css')));
	return files;
}

async function serve(files: Map<string, Uint8Array>): Promise<{ origin: string; close(): void }> {
	let origin = '';
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', origin);
		const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
		if (url.pathname === '/') {
			const html = getWebviewHtml({ cspSource: origin, scriptUri: `${origin}/bench.js`, styleUri: `${origin}/chat.css`, nonce: createNonce() });
			res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(html);
			return;
		}
		const body = files.get(url.pathname);
		if (!body) {
			res.writeHead(404, headers).end();
			return;
		}
		res.writeHead(200, { ...headers, 'Content-Type': url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { origin, close: () => server.close() };
}

/** Host side: 2,000 deltas 1 ms apart (a stream 10× faster than 2,000 over 20 s) through the host's coalescer, in real time. */
async function hostMessagesPerSecond(): Promise<number> {
	let flushes = 0;
	const coalescer = new DeltaCoalescer(40, () => flushes++);
	const start = performance.now();
	for (let i = 0; i < 2000; i++) {
		coalescer.push('delta ');
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
	coalescer.flush();
	return flushes / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
	const server = await serve(await build());
	const browser = await launchBrowser({ viewport: { width: 480, height: 900 } });
	try {
		const errors: string[] = [];
		browser.page.on('pageerror', (e) => errors.push(String(e)));
		browser.page.on('response', (r) => {
			if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) {
				errors.push(`${r.status()} ${r.url()}`);
			}
		});
		browser.page.on('console', (m) => {
			if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
				errors.push(m.text()); // e.g. a CSP violation
			}
		});
		await browser.page.goto(DIAGNOSE ? `${server.origin}/?diagnose` : server.origin);
		await browser.page.waitForFunction(() => 'renderBench' in window);
		// Page functions are called by name: the page's CSP forbids eval, so no function source is sent over.
		const call = <K extends keyof PageApi>(name: K, ...args: unknown[]): Promise<PageApi[K] extends (...a: never[]) => infer R ? Awaited<R> : PageApi[K]> =>
			browser.page.evaluate(({ name, args }) => {
				const api = (window as unknown as { renderBench: Record<string, unknown> }).renderBench;
				const member = api[name];
				return typeof member === 'function' ? member(...args) : member;
			}, { name, args }) as never;
		const isolated = await browser.page.evaluate(() => crossOriginIsolated);
		const answerBytes = await call('answerBytes');
		const deltaCount = await call('deltaCount');
		await call('warmUp');
		if (DIAGNOSE) {
			console.log('tail steps (µs per call)', JSON.stringify(await call('tailSteps')));
			for (let run = 0; run < 3; run++) {
				await call('takeCounters');
				const r = await call('stream', false, run, true);
				console.log('stream hidden', r.total.toFixed(1), JSON.stringify(await call('takeCounters'), (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
			}
			const cdp = await browser.page.context().newCDPSession(browser.page);
			await cdp.send('Performance.enable');
			const metrics = async (): Promise<Record<string, number>> =>
				Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m: { name: string; value: number }) => [m.name, m.value]));
			for (const layout of [0, 1, 0, 1]) {
				const before = await metrics();
				const result = await call('rendererOnly', layout);
				const after = await metrics();
				const delta = (k: string): string => (k.endsWith('Duration') ? ((after[k] - before[k]) * 1000).toFixed(1) : String(after[k] - before[k]));
				console.log('renderer only, layout', layout, JSON.stringify(result), ['LayoutDuration', 'RecalcStyleDuration', 'LayoutCount', 'RecalcStyleCount', 'ScriptDuration'].map((k) => `${k}=${delta(k)}`).join(' '));
			}
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
			await cdp.send('Profiler.start');
			await call('stream', false, 1, true);
			const { profile } = await cdp.send('Profiler.stop');
			const self = new Map<string, number>();
			const dt = new Map<number, number>();
			profile.samples?.forEach((id: number, i: number) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
			for (const node of profile.nodes) {
				const name = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
				self.set(name, (self.get(name) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
			}
			console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([n, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${n}`).join('\n'));
			return;
		}

		// Interleaved so that drift (GC, thermal) affects each variant alike.
		const work: StreamRun[] = [];
		const withLayout: StreamRun[] = [];
		const perDelta: StreamRun[] = [];
		for (let run = 0; run < RUNS; run++) {
			work.push(await call('stream', false, run, true));
			withLayout.push(await call('stream', false, run, false));
			perDelta.push(await call('stream', true, run, true));
		}
		const baseline = await call('baselineTotal', STRIDE);
		const full = await call('fullRender', 15);
		const append10: number[] = [];
		const append500: number[] = [];
		for (let round = 0; round < 4; round++) {
			append10.push(...await call('appendTimes', 10, 10, round));
			append500.push(...await call('appendTimes', 500, 10, round));
		}
		const hostRate = await hostMessagesPerSecond();
		if (errors.length > 0) {
			throw new Error(`the page reported errors:\n${errors.join('\n')}`);
		}

		const ours = median(work.map((r) => r.total));
		const oursWithLayout = median(withLayout.map((r) => r.total));
		const uncoalesced = median(perDelta.map((r) => r.total));
		const a500 = median(append500);
		const a10 = median(append10);
		note(`${(answerBytes / 1000).toFixed(0)} KB answer in ${deltaCount} deltas over 20 s (simulated) through ChatApp in Chromium${isolated ? '' : ' (not cross-origin isolated: 100 µs timer)'}; `
			+ `host coalescing 40 ms → ${work[0].messages} messages, one paint each; medians of ${RUNS} runs; baseline measured at every ${STRIDE === 1 ? '' : `${STRIDE}th `}delta`);
		note('"render work" = parsing, sanitizing, DOM updates, highlighting and code-block toolbars with the transcript display:none (no browser style/layout: the baseline\'s scope); "with layout" adds them');
		note(`whole stream ${ours.toFixed(1)} ms render work (${oursWithLayout.toFixed(1)} ms with layout; uncoalesced, ${perDelta[0].messages} messages and ${perDelta[0].paints} paints at 60 Hz: ${uncoalesced.toFixed(1)} ms) vs re-render-everything ${baseline.total.toFixed(0)} ms (marked + DOMPurify on the whole text per delta)`);
		benchLine('render-total-ratio', baseline.total / ours, 0, '×', '≥ 100');
		note(`last chunk with layout ${median(withLayout.map((r) => r.lastPaint)).toFixed(2)} ms; chat/done (the rest of the tail, status and usage) ${median(work.map((r) => r.done)).toFixed(2)} ms`);
		benchLine('render-last-chunk', median(work.map((r) => r.lastPaint)), 2, 'ms', '< 1');
		note(`one full render of the final text ${full.app.toFixed(1)} ms render work (marked + DOMPurify alone ${full.markedPurify.toFixed(1)} ms; with layout ${full.appWithLayout.toFixed(1)} ms); `
			+ `stream vs one full with layout ${(oursWithLayout / full.appWithLayout).toFixed(2)}×, vs marked + DOMPurify once ${(ours / full.markedPurify).toFixed(2)}×`);
		benchLine('render-stream-vs-one-full', ours / full.app, 2, '×', '≤ 3');
		note(`appending an exchange, with layout: ${a500.toFixed(2)} ms at turn 500 vs ${a10.toFixed(2)} ms at turn 10`);
		benchLine('append-turn-500-vs-10', a500 / a10, 2, '×', '≤ 1.5');
		benchLine('host-messages-per-second', hostRate, 0, '/s', '≤ 60');
	} finally {
		await browser.close();
		server.close();
	}
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
