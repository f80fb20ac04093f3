import * as assert from 'node:assert/strict';
import { BATCH_JOB_VERSION, batchCommandName, describeJob, formatAge, jobCounts, nextPollDelayMs, parseBatchJob, type BatchJob } from '../../../../src/core/batch/batchJob';
import { emptyBatchSummary, formatBatchUsd } from '../../../../src/core/batch/batchResults';
import { budgetPassedBy } from '../../../../src/core/usage/budget';

const NOW = Date.UTC(2026, 11, 7, 12, 0);

function job(partial: Partial<BatchJob> = {}): BatchJob {
	return {
		version: BATCH_JOB_VERSION, id: 'mj1-abcd1234', action: { kind: 'review' }, title: 'Review', command: 'batchReview',
		model: 'claude-haiku-4-5', maxTokens: 1024, createdAt: NOW - 3 * 60_000,
		files: { 'file-0': { path: 'src/a.ts', uri: 'file:///w/src/a.ts' }, 'file-1': { path: 'src/b.ts', uri: 'file:///w/src/b.ts' } },
		skipped: [{ path: 'logo.png', reason: 'binary' }],
		estimate: { requests: 2, inputTokens: 1234, maxOutputTokens: 2048, batchUsd: { input: 0.0006, upTo: 0.0057 }, interactiveUsd: { input: 0.0012, upTo: 0.0114 } },
		batches: [{ id: 'msgbatch_1', status: 'in_progress', counts: { processing: 1, succeeded: 1, errored: 0, canceled: 0, expired: 0 } }],
		state: 'running',
		...partial,
	};
}

describe('batch jobs: what is kept on disk and shown in the Batches view', () => {
	it('reads back a job it wrote, and refuses what is not one (version, id, shapes)', () => {
		const j = job();
		assert.deepEqual(parseBatchJob(JSON.parse(JSON.stringify(j))), j);
		for (const bad of [null, [], 'x', { ...j, version: 2 }, { ...j, id: '../escape' }, { ...j, state: 'lost' }, { ...j, batches: [] },
			{ ...j, batches: [{ id: 'b', status: 'weird', counts: {} }] }, { ...j, files: { 'file-0': { path: 1 } } }, { ...j, files: [] }]) {
			assert.equal(parseBatchJob(bad), undefined, JSON.stringify(bad));
		}
	});

	it('names each action\'s ledger command without a custom action\'s own words', () => {
		assert.equal(batchCommandName({ kind: 'summarize' }), 'batchSummarize');
		assert.equal(batchCommandName({ kind: 'review' }), 'batchReview');
		assert.equal(batchCommandName({ kind: 'custom', action: { title: 'Secret plan', prompt: 'x {{selection}}' } }), 'batchCustomAction');
	});

	it('waits 5 s, then half again as long after each look that found nothing new, up to 5 minutes', () => {
		assert.deepEqual([0, 1, 2, 3].map(nextPollDelayMs), [5000, 7500, 11_250, 16_875]);
		assert.equal(nextPollDelayMs(50), 300_000);
	});

	it('shows progress, age and the estimate while running; the bill and the saving once done', () => {
		const running = describeJob(job(), NOW);
		assert.equal(running.label, 'Review · 2 files');
		assert.equal(running.description, 'in progress · 1/2 · est. $0.00060–$0.0057 · 3 min');
		assert.match(running.tooltip, /Review: 2 files on claude-haiku-4-5, submitted 3 min ago\nBatch msgbatch_1\nEstimate: 1,234 input tokens; est\. \$0\.00060–\$0\.0057 at the batch price \(interactive \$0\.0012–\$0\.0114\)\nSkipped 1: logo\.png/);
		const canceling = job({ batches: [{ id: 'b', status: 'canceling', counts: { processing: 2, succeeded: 0, errored: 0, canceled: 0, expired: 0 } }] });
		assert.match(describeJob(canceling, NOW).description, /^canceling · 0\/2/);
		const summary = { ...emptyBatchSummary(), succeeded: 1, errored: 1, batchUsd: 0.002, interactiveUsd: 0.004 };
		const done = job({ state: 'done', result: { summary, report: 'file:///r.md', notDone: ['file-1'], endedAt: NOW } });
		assert.equal(describeJob(done, NOW).description, '1 done, 1 not done · $0.0020 (saved $0.0020) · 3 min');
		assert.match(describeJob({ ...job(), lastError: 'Connection error.' }, NOW).tooltip, /Last check failed: Connection error\./);
	});

	it('adds the counts of every batch of a job', () => {
		const two = job({ batches: [job().batches[0], { id: 'b2', status: 'ended', counts: { processing: 0, succeeded: 3, errored: 1, canceled: 0, expired: 2 } }] });
		assert.deepEqual(jobCounts(two), { processing: 1, succeeded: 4, errored: 1, canceled: 0, expired: 2 });
	});

	it('says dollars with the digits that matter: cents from $1, four decimals below, two digits below a cent', () => {
		assert.deepEqual([0, 0.00045, 0.0123, 0.5, 4.936].map(formatBatchUsd), ['$0.00', '$0.00045', '$0.0123', '$0.5000', '$4.94']);
	});

	it('says ages in the largest unit that fits', () => {
		assert.deepEqual([0, 59_000, 90_000, 2 * 3600_000, 3 * 86_400_000].map(formatAge), ['0 s', '59 s', '2 min', '2 h', '3 d']);
	});

	it('a batch that could pass a budget says which, with what is spent and what it adds', () => {
		const limits = { dailyUsd: 1, monthlyUsd: 10, warnAt: 0.8 };
		assert.equal(budgetPassedBy(0.5, 2, 0.4, limits), undefined);
		assert.equal(budgetPassedBy(0.5, 2, 0.6, limits), 'it could pass the daily budget of $1.00 ($0.50 spent, up to $0.60 more)');
		assert.match(budgetPassedBy(0, 9.5, 0.6, limits) ?? '', /monthly budget of \$10\.00/);
		assert.equal(budgetPassedBy(100, 100, 100, { dailyUsd: 0, monthlyUsd: 0, warnAt: 0.8 }), undefined, 'no budget set');
	});
});
