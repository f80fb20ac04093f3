// npm run bench (batch part): Message Batches at scale, 1,000 and 10,000 files, with the real SDK against the fake
// server running in a process of its own (test/fake-anthropic/cli.ts), so this process's memory is ours alone.
//
// For each size: building the requests (src/core/batch, planBatches + estimateBatch), submitting them
// (client.messages.batches.create), and reading the results as the SDK streams them (for await over
// client.messages.batches.results), mapping each line with batchItem and keeping only the summary's running sums.
// Peak heap is sampled while building and while reading. The dollars are the fake server's token accounting priced at
// the batch and at the interactive price. This is the core alone in a Node process; bench/workbenchBench.ts measures
// the whole command (reading the files, the report, the ledger) in the real extension host (the batch-host-* lines).
import Anthropic from '@anthropic-ai/sdk';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { estimateBatch, planBatches, type BatchFile } from '../src/core/batch/batchRequests';
import { batchItem, batchItemCost } from '../src/core/batch/batchResults';
import { benchLine, note } from './report';

const KEY = 'sk-ant-test-key';
const MODEL = 'claude-haiku-4-5';
const FILE_BYTES = 3_000;

function files(count: number): BatchFile[] {
	const body = 'export function f(x: number): number {\n\treturn x * 2; // a line of ordinary code\n}\n';
	return Array.from({ length: count }, (_, i) => ({
		path: `src/module${i}/file${i}.ts`, languageId: 'typescript', text: `// file ${i}\n${body.repeat(Math.ceil(FILE_BYTES / body.length))}`,
	}));
}

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
	const child = spawn(process.execPath, [path.join(__dirname, '..', 'test', 'fake-anthropic', 'cli.js'), '--key', KEY], { stdio: ['ignore', 'pipe', 'ignore'] });
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /FAKE_ANTHROPIC_URL=(\S+)/.exec(out);
			if (m) {
				resolve(m[1]);
			}
		});
		child.once('exit', (code) => reject(new Error(`the fake server exited with ${code}`)));
	});
	return { url, child };
}

/** Runs `fn` while sampling the heap every 5 ms; returns its result, its time and the peak heap above the start. */
async function measured<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; peakMb: number }> {
	global.gc?.();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
	const t0 = performance.now();
	try {
		const value = await fn();
		peak = Math.max(peak, process.memoryUsage().heapUsed);
		return { value, ms: performance.now() - t0, peakMb: (peak - base) / 1e6 };
	} finally {
		clearInterval(sampler);
	}
}

async function scale(client: Anthropic, count: number): Promise<void> {
	const built = await measured(() => {
		const plan = planBatches(files(count), { kind: 'summarize' }, { model: MODEL, maxTokens: 1024 });
		return { plan, estimate: estimateBatch(plan, MODEL) };
	});
	const { plan, estimate } = built.value;
	const submitted = await measured(() => Promise.all(plan.parts.map((p) => client.messages.batches.create({ requests: p.requests }))));
	const batches = submitted.value;
	for (const b of batches) {
		if ((await client.messages.batches.retrieve(b.id)).processing_status !== 'ended') {
			throw new Error(`batch ${b.id} did not end`);
		}
	}
	const read = await measured(async () => {
		let lines = 0;
		let batchUsd = 0;
		let interactiveUsd = 0;
		for (const b of batches) {
			for await (const line of await client.messages.batches.results(b.id)) {
				const item = batchItem(line, plan.paths);
				lines++;
				if (item?.kind === 'succeeded') {
					const cost = batchItemCost(item);
					batchUsd += cost.batchUsd ?? 0;
					interactiveUsd += cost.interactiveUsd ?? 0;
				}
			}
		}
		return { lines, batchUsd, interactiveUsd };
	});
	if (read.value.lines !== count) {
		throw new Error(`read ${read.value.lines} results for ${count} files`);
	}
	const body = plan.parts.reduce((n, p) => n + p.bytes, 0) / 1e6;
	note(`${count} files of ${FILE_BYTES / 1000} KB: ${plan.parts.length} batch(es), ${body.toFixed(1)} MB sent; estimate ${estimate.inputTokens} input tokens, $${estimate.batchUsd?.input.toFixed(2)} at batch vs $${estimate.interactiveUsd?.input.toFixed(2)} interactive (input)`);
	note(`  build ${built.ms.toFixed(0)} ms (peak heap +${built.peakMb.toFixed(0)} MB), submit ${submitted.ms.toFixed(0)} ms, read ${count} results ${read.ms.toFixed(0)} ms (peak heap +${read.peakMb.toFixed(0)} MB)`);
	note(`  billed at batch price $${read.value.batchUsd.toFixed(2)}, interactive $${read.value.interactiveUsd.toFixed(2)}`);
	const k = count >= 1000 ? `${count / 1000}k` : String(count);
	benchLine(`batch-build-submit-${k}`, built.ms + submitted.ms, 0, 'ms', count > 1000 ? '≤ 30000' : '≤ 5000');
	benchLine(`batch-read-peak-heap-${k}`, read.peakMb, 0, 'MB', '≤ 200');
	benchLine(`batch-price-vs-interactive-${k}`, read.value.batchUsd / read.value.interactiveUsd, 2, '×', '≤ 0.5');
}

async function main(): Promise<void> {
	const { url, child } = await startServer();
	try {
		const client = new Anthropic({ apiKey: KEY, baseURL: url, maxRetries: 0, timeout: 600_000 });
		await scale(client, 1_000);
		await scale(client, 10_000);
	} finally {
		child.kill();
	}
}

main().catch((err: unknown) => {
	console.error(err);
	process.exitCode = 1;
});
