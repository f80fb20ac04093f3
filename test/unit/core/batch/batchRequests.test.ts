import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { batchChatPrompt, batchRequest, estimateBatch, planBatches, type BatchFile } from '../../../../src/core/batch/batchRequests';
import { TEST_KEY, useFakeServer } from '../../fakes/testSession';

const MODEL = 'claude-haiku-4-5';
const files = (n: number, size = 40): BatchFile[] => Array.from({ length: n }, (_, i) => ({
	path: `src/file${i}.ts`, languageId: 'typescript', text: `export const value${i} = ${JSON.stringify('x'.repeat(size))};\n`,
}));

describe('batch requests: one per file, a shared cached prefix, split at the API\'s limits', () => {
	const fake = useFakeServer();

	it('gives every file its own custom_id and the same instructions as a system prefix cached for an hour', () => {
		const plan = planBatches(files(3), { kind: 'review' }, { model: MODEL, maxTokens: 2048 });
		const requests = plan.parts.flatMap((p) => p.requests);
		assert.deepEqual(requests.map((r) => r.custom_id), ['file-0', 'file-1', 'file-2']);
		assert.deepEqual(plan.paths, { 'file-0': 'src/file0.ts', 'file-1': 'src/file1.ts', 'file-2': 'src/file2.ts' });
		const prefixes = requests.map((r) => JSON.stringify(r.params.system));
		assert.equal(new Set(prefixes).size, 1, 'one prefix for all: what the cache can reuse');
		const [system] = requests[0].params.system as Array<{ text: string; cache_control?: unknown }>;
		assert.match(system.text, /Review the file/);
		assert.deepEqual(system.cache_control, { type: 'ephemeral', ttl: '1h' });
		assert.match(requests[1].params.messages[0].content as string, /The file `src\/file1\.ts` \(language: typescript, 1 line\):\n\n```typescript\nexport const value1/);
		assert.equal(requests[0].params.max_tokens, 2048);
	});

	it('a custom action fills its placeholders per file; its instructions are in the message', () => {
		const action = { title: 'Find TODOs', prompt: 'List the TODOs in {{file}} ({{language}}):\n{{selection}}' };
		const r = batchRequest(files(1)[0], 0, { kind: 'custom', action }, { model: MODEL, maxTokens: 100 });
		assert.match(r.params.messages[0].content as string, /^List the TODOs in src\/file0\.ts \(typescript\):\n```typescript\n/);
	});

	it('run again in the chat: the same message, the instructions leading it (the chat keeps its own system prompt)', () => {
		const file = files(1)[0];
		const review = batchChatPrompt(file, { kind: 'review' });
		assert.equal(review.heading, 'Review: src/file0.ts');
		const batchMessage = batchRequest(file, 0, { kind: 'review' }, { model: MODEL, maxTokens: 100 }).params.messages[0].content as string;
		assert.ok(review.prompt.startsWith('Review the file you are given'), review.prompt);
		assert.ok(review.prompt.endsWith(batchMessage));
		const action = { title: 'Find TODOs', prompt: 'List the TODOs in {{file}}:\n{{selection}}' };
		assert.match(batchChatPrompt(file, { kind: 'custom', action }).prompt, /^List the TODOs in src\/file0\.ts:\n```typescript/);
	});

	it('splits at the request count and at the size, and never puts a batch over either', () => {
		const byCount = planBatches(files(7), { kind: 'summarize' }, { model: MODEL, maxTokens: 100, limits: { maxRequests: 3, maxBytes: 1e9 } });
		assert.deepEqual(byCount.parts.map((p) => p.requests.length), [3, 3, 1]);
		const one = Buffer.byteLength(JSON.stringify(batchRequest(files(1)[0], 0, { kind: 'summarize' }, { model: MODEL, maxTokens: 100 })));
		const maxBytes = Buffer.byteLength('{"requests":[]}') + 2 * one + 1 + 10; // room for two requests, not three
		const bySize = planBatches(files(5), { kind: 'summarize' }, { model: MODEL, maxTokens: 100, limits: { maxRequests: 100, maxBytes } });
		assert.deepEqual(bySize.parts.map((p) => p.requests.length), [2, 2, 1]);
		for (const part of [...byCount.parts, ...bySize.parts]) {
			assert.equal(Buffer.byteLength(JSON.stringify({ requests: part.requests })), part.bytes, 'the size counted is the size sent');
		}
		assert.ok(bySize.parts.every((p) => p.bytes <= maxBytes));
	});

	it('leaves out a file whose request alone is over the size limit, and says which', () => {
		const big = { path: 'src/huge.ts', languageId: 'typescript', text: 'x'.repeat(5000) };
		const plan = planBatches([files(1)[0], big], { kind: 'summarize' }, { model: MODEL, maxTokens: 100, limits: { maxRequests: 100, maxBytes: 3000 } });
		assert.deepEqual(plan.tooLarge, ['src/huge.ts']);
		assert.deepEqual(Object.values(plan.paths), ['src/file0.ts']);
	});

	it('estimates the batch at half the interactive price, input alone and with the output\'s upper bound', () => {
		const estimate = estimateBatch(planBatches(files(10, 4000), { kind: 'summarize' }, { model: MODEL, maxTokens: 1000 }), MODEL);
		assert.equal(estimate.requests, 10);
		assert.equal(estimate.maxOutputTokens, 10_000);
		assert.ok(estimate.inputTokens > 10 * 1000);
		assert.ok(estimate.batchUsd && estimate.interactiveUsd);
		assert.ok(Math.abs(estimate.batchUsd.input * 2 - estimate.interactiveUsd.input) < 1e-12);
		assert.ok(Math.abs(estimate.batchUsd.upTo * 2 - estimate.interactiveUsd.upTo) < 1e-12);
		assert.equal(estimateBatch(planBatches(files(1), { kind: 'summarize' }, { model: 'claude-unknown-9', maxTokens: 10 }), 'claude-unknown-9').batchUsd, undefined);
	});

	it('is what the real SDK submits: the server receives every request with its custom_id and cached prefix', async () => {
		const client = new Anthropic({ apiKey: TEST_KEY, baseURL: fake.server.url, maxRetries: 0 });
		const plan = planBatches(files(3), { kind: 'summarize' }, { model: MODEL, maxTokens: 512 });
		const batch = await client.messages.batches.create({ requests: plan.parts[0].requests });
		assert.match(batch.id, /^msgbatch_/);
		const sent = fake.server.requests.find((r) => r.path === '/v1/messages/batches' && r.method === 'POST');
		assert.deepEqual(sent?.body.requests.map((r: { custom_id: string }) => r.custom_id), ['file-0', 'file-1', 'file-2']);
		assert.deepEqual(sent?.body.requests[2].params.system[0].cache_control, { type: 'ephemeral', ttl: '1h' });
		assert.equal(sent?.body.requests[0].params.stream, undefined, 'batch requests are not streamed');
	});
});
