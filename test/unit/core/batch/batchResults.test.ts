import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { planBatches, type BatchFile } from '../../../../src/core/batch/batchRequests';
import { batchItem, batchLedgerLine, BatchReport, batchReportMarkdown, summarizeBatch, type BatchItem } from '../../../../src/core/batch/batchResults';
import { parseLedger, toJsonl } from '../../../../src/core/usage/usageLedgerLine';
import { costUsd } from '../../../../src/core/pricing/pricing';
import { FakeAnthropicServer } from '../../../fake-anthropic/server';
import { TEST_KEY, useFakeServer } from '../../fakes/testSession';

const MODEL = 'claude-sonnet-5-5';
const FILES: BatchFile[] = ['src/b.ts', 'src/a.ts', 'src/c.ts'].map((path) => ({ path, languageId: 'typescript', text: `// ${path}\n` }));

describe('batch results: each file\'s outcome, the cost at the batch price, the report', () => {
	const fake = useFakeServer();

	/** Submits the plan with the real SDK, lets it end, reads the results line by line as the SDK streams them. */
	async function run(cancel = false, server = fake.server): Promise<{ id: string; items: BatchItem[]; paths: Record<string, string> }> {
		const client = new Anthropic({ apiKey: TEST_KEY, baseURL: server.url, maxRetries: 0 });
		const plan = planBatches(FILES, { kind: 'summarize' }, { model: MODEL, maxTokens: 256 });
		const batch = await client.messages.batches.create({ requests: plan.parts[0].requests });
		if (cancel) {
			assert.equal((await client.messages.batches.cancel(batch.id)).processing_status, 'canceling');
		}
		assert.equal((await client.messages.batches.retrieve(batch.id)).processing_status, 'ended');
		const items: BatchItem[] = [];
		for await (const line of await client.messages.batches.results(batch.id)) {
			const item = batchItem(line, plan.paths);
			assert.ok(item, `a result for a request we sent: ${line.custom_id}`);
			items.push(item);
		}
		return { id: batch.id, items, paths: plan.paths };
	}

	it('maps succeeded and errored lines to their files, with usage priced at half the interactive price', async () => {
		fake.server.enqueue(
			{ text: 'B does one thing.', usage: { input_tokens: 1000, output_tokens: 200 } },
			{ fault: { kind: 'http', status: 400, message: 'prompt is too long' } },
			{ text: 'C does another.', usage: { input_tokens: 3000, output_tokens: 400 } },
		);
		const { items } = await run();
		const byPath = Object.fromEntries(items.map((i) => [i.path, i]));
		assert.equal(byPath['src/b.ts'].kind, 'succeeded');
		assert.equal(byPath['src/b.ts'].kind === 'succeeded' && byPath['src/b.ts'].text, 'B does one thing.');
		assert.equal(byPath['src/a.ts'].kind === 'errored' && byPath['src/a.ts'].message, 'invalid_request_error: prompt is too long');
		const s = summarizeBatch(items);
		assert.deepEqual([s.succeeded, s.errored, s.canceled, s.expired], [2, 1, 0, 0]);
		const interactive = ['src/b.ts', 'src/c.ts'].reduce((n, p) => {
			const item = byPath[p];
			return n + (item.kind === 'succeeded' ? costUsd(item.model, item.usage) ?? NaN : NaN);
		}, 0);
		assert.ok(Math.abs(s.interactiveUsd - interactive) < 1e-12);
		assert.ok(Math.abs(s.batchUsd * 2 - s.interactiveUsd) < 1e-12, 'billed at half price');
	});

	it('a batch canceled while in progress lists every file as canceled, to run again', async () => {
		const slow = await FakeAnthropicServer.start({ batchDelayMs: 60_000, now: () => 0 });
		try {
			const { items } = await run(true, slow);
			assert.deepEqual(items.map((i) => [i.path, i.kind]).sort(), [['src/a.ts', 'canceled'], ['src/b.ts', 'canceled'], ['src/c.ts', 'canceled']]);
			assert.match(batchReportMarkdown({ title: 'Summarize', batchIds: ['b'], items, link: (p) => p }), /0 done, 0 failed, 3 canceled, 0 expired/);
		} finally {
			await slow.close();
		}
	});

	it('an expired request (the fake server\'s batchExpired) is listed as expired', async () => {
		fake.server.enqueue({ text: 'B.' }, { batchExpired: true }, { text: 'C.' });
		const { items } = await run();
		assert.deepEqual(items.filter((i) => i.kind === 'expired').map((i) => i.path), ['src/a.ts']);
	});

	it('an expired line and a line for a custom_id not sent', () => {
		const paths = { 'file-0': 'src/a.ts' };
		assert.deepEqual(batchItem({ custom_id: 'file-0', result: { type: 'expired' } }, paths), { path: 'src/a.ts', customId: 'file-0', kind: 'expired' });
		assert.equal(batchItem({ custom_id: 'file-9', result: { type: 'canceled' } }, paths), undefined);
		assert.equal(batchItem({ custom_id: 'toString', result: { type: 'canceled' } }, paths), undefined);
	});

	it('writes a report: counts and money on top, a linked section per file in path order, then what was not done', async () => {
		fake.server.enqueue({ text: 'B.' }, { fault: { kind: 'http', status: 529 } }, { text: 'C.', stopReason: 'max_tokens' });
		const { id, items } = await run();
		const md = batchReportMarkdown({ title: 'Summarize', batchIds: [id], items: [...items, { path: 'src/d.ts', customId: 'file-3', kind: 'expired' }], link: (p) => `../${p}` });
		assert.match(md, /^# Summarize: 4 files\n\n2 done, 1 failed, 0 canceled, 1 expired\. Batch msgbatch_\w+\.\n\nBilled \$[\d.]+ at the batch price; the same requests one by one would have cost \$[\d.]+ \(saved \$[\d.]+\)\./);
		const sections = [...md.matchAll(/^## \[`(.+?)`\]\((.+?)\)$/gm)].map((m) => [m[1], m[2]]);
		assert.deepEqual(sections, [['src/b.ts', '../src/b.ts'], ['src/c.ts', '../src/c.ts']]);
		assert.match(md, /## \[`src\/c\.ts`\]\(\.\.\/src\/c\.ts\)\n\nC\.\n\n_The answer was cut at max_tokens\._/);
		assert.match(md, /## Not done\n\n- \[`src\/a\.ts`\]\(\.\.\/src\/a\.ts\): failed: overloaded_error: .+\n- \[`src\/d\.ts`\]\(\.\.\/src\/d\.ts\): expired\n$/);
	});

	it('a report written section by section as lines arrive holds the same sections as one built at once', async () => {
		fake.server.enqueue({ text: 'B.' }, { fault: { kind: 'http', status: 529 } }, { text: 'C.' });
		const { id, items } = await run();
		const report = new BatchReport({ title: 'Summarize', batchIds: [id], link: (p) => p });
		const sections = items.map((i) => report.add(i));
		assert.equal(sections.filter((s) => s === '').length, 1, 'a file not done has no section; it is listed at the end');
		const streamed = report.head() + sections.join('') + report.tail();
		const whole = batchReportMarkdown({ title: 'Summarize', batchIds: [id], items, link: (p) => p });
		const sorted = (md: string) => md.split('\n## ').sort();
		assert.deepEqual(sorted(streamed), sorted(whole));
		assert.deepEqual(report.notDone.map((i) => i.path), ['src/a.ts']);
		assert.deepEqual([report.summary.succeeded, report.summary.errored], [2, 0 + 1]);
	});

	it('a succeeded item becomes a ledger line at the batch price, marked batch, under the job\'s command', async () => {
		fake.server.enqueue({ text: 'B.', usage: { input_tokens: 1000, output_tokens: 100 } }, { text: 'A.' }, { text: 'C.' });
		const { items } = await run();
		const item = items.find((i) => i.path === 'src/b.ts');
		assert.ok(item?.kind === 'succeeded');
		const line = batchLedgerLine(item, { command: 'batchSummarize', now: Date.UTC(2026, 11, 7) });
		assert.equal(line.command, 'batchSummarize');
		assert.equal(line.serviceTier, 'batch');
		assert.equal(line.time, '2026-12-07T00:00:00.000Z');
		assert.deepEqual([line.input, line.output], [1000, 100]);
		assert.ok(Math.abs((line.costUsd ?? NaN) - (costUsd(MODEL, item.usage, { batch: true }) ?? NaN)) < 1e-12);
		assert.ok(Math.abs((line.costUsd ?? NaN) * 2 - (costUsd(MODEL, item.usage) ?? NaN)) < 1e-12, 'half the interactive price');
		assert.deepEqual(parseLedger(toJsonl([line])), [line], 'the ledger reads it back whole');
	});
});
