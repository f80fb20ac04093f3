import * as assert from 'node:assert/strict';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { capHistory, MAX_BREAKPOINTS, minCacheableTokens, planPromptCache } from '../../../../src/core/request/promptCache';

const text = (tokens: number) => 'abcd'.repeat(tokens);
const msgs = (...sizes: number[]): MessageParam[] => sizes.map((t, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content: text(t) }));

describe('prompt cache planning', () => {
	it('knows per-model minimums and defaults unknown models to 1024', () => {
		assert.equal(minCacheableTokens('claude-haiku-4-5-20251001'), 4096);
		assert.equal(minCacheableTokens('claude-sonnet-5-5'), 512);
		assert.equal(minCacheableTokens('some-new-model'), 1024);
	});

	it('puts a breakpoint on the last message and on anchors, never more than four, in order', () => {
		const plan = planPromptCache({ model: 'claude-sonnet-5-5', system: text(600), messages: msgs(5000, 10, 3000, 10, 2000, 10, 10), ttl: '5m', anchors: [0, 2, 4] });
		assert.ok(plan.breakpoints.length <= MAX_BREAKPOINTS);
		assert.deepEqual(plan.breakpoints, [0, 2, 4, 6]);
		const marked = plan.messages.map((m) => Array.isArray(m.content) && 'cache_control' in m.content[0]);
		assert.deepEqual(marked, [true, false, true, false, true, false, true]);
		assert.equal(plan.system[0].cache_control, undefined, 'the fifth candidate (system) is left out');
	});

	it('marks the system prompt when it alone is long enough and a slot is free', () => {
		const plan = planPromptCache({ model: 'claude-sonnet-5-5', system: text(600), messages: msgs(10), ttl: '1h' });
		assert.deepEqual(plan.system[0].cache_control, { type: 'ephemeral', ttl: '1h' });
		assert.deepEqual(plan.breakpoints, [-1, 0]);
	});

	it('skips prefixes below the minimum (they would cache nothing)', () => {
		const plan = planPromptCache({ model: 'claude-haiku-4-5', system: text(100), messages: msgs(1000, 10, 10), ttl: '5m', anchors: [0] });
		assert.deepEqual(plan.breakpoints, []);
		assert.equal(typeof plan.messages[2].content, 'string');
	});

	it('is deterministic: the same conversation gives byte-identical requests (a changing prefix never hits)', () => {
		const input = { model: 'claude-sonnet-5-5', system: 's', messages: msgs(700, 20, 30), ttl: '5m' as const, anchors: [0] };
		assert.equal(JSON.stringify(planPromptCache(input)), JSON.stringify(planPromptCache(input)));
	});
});

describe('history cap', () => {
	it('sends everything under the cap', () => {
		assert.deepEqual(capHistory(msgs(100, 100, 100), 1000), { start: 0, dropped: 0 });
	});

	it('over the cap, cuts down to 60% of it, starting on a user message, always keeping the last', () => {
		const m = msgs(400, 400, 400, 400, 400); // 2000 tokens, cap 1000 → keep ≤ 600
		const { start } = capHistory(m, 1000);
		assert.equal(start, 4);
		assert.equal(m[start].role, 'user');
		assert.equal(capHistory(msgs(5000), 1000).start, 0, 'a single message is always sent');
	});

	it('keeps an earlier cut while the rest fits, so the cached prefix stays the same', () => {
		const m = msgs(400, 400, 400, 100, 100);
		assert.equal(capHistory(m, 1000, 2).start, 2);
	});
});
