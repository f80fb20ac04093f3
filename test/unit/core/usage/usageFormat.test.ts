import * as assert from 'node:assert/strict';
import type { TokenUsage } from '../../../../src/shared/protocol';
import { EMPTY_USAGE, PRICING_AS_OF } from '../../../../src/core/pricing/pricing';
import { emptyTotals, WindowUsage } from '../../../../src/core/usage/usage';
import { cacheSavings, costLabel, formatTokens, formatUsd, statusBarText, usageTooltipMarkdown } from '../../../../src/core/usage/usageFormat';

function usage(partial: Partial<TokenUsage>): TokenUsage {
	return { ...EMPTY_USAGE, ...partial };
}

const NOW = new Date(2026, 10, 24, 12, 0, 0).getTime();

describe('usageFormat: formatTokens', () => {
	const cases: Array<[number, string]> = [
		[0, '0'], [340, '340'], [999, '999'], [1000, '1k'], [1200, '1.2k'], [1249, '1.2k'], [9_940, '9.9k'], [9_960, '10k'],
		[12_000, '12k'], [12_499, '12k'], [999_000, '999k'], [999_700, '1M'], [1_500_000, '1.5M'], [25_000_000, '25M'],
	];
	for (const [n, text] of cases) {
		it(`${n} → ${text}`, () => assert.equal(formatTokens(n), text));
	}
});

describe('usageFormat: formatUsd', () => {
	const cases: Array<[number, string]> = [
		[0, '$0.00'], [0.0004, '$0.0004'], [0.00045, '$0.00045'], [0.004, '$0.004'], [0.004069, '$0.0041'], [0.04, '$0.04'],
		[0.0412, '$0.041'], [0.5, '$0.50'], [0.999, '$1.00'], [1.23, '$1.23'], [1.234, '$1.23'], [12.345, '$12.35'], [120, '$120.00'],
		[0.0000001, '<$0.000001'],
	];
	for (const [x, text] of cases) {
		it(`${x} → ${text}`, () => assert.equal(formatUsd(x), text));
	}
});

describe('usageFormat: statusBarText', () => {
	it('shows just the name before any request', () => {
		assert.equal(statusBarText(undefined, emptyTotals(), { streaming: false }), '$(sparkle) Claude');
	});

	it('shows the last request tokens (cache included in ↑) and the session cost', () => {
		const tally = new WindowUsage({ now: () => NOW });
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1_000_000 }), command: 'chat' });
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 200, cacheWrite5m: 600, cacheWrite1h: 100, cacheRead: 300, output: 340 }), command: 'chat' });
		const session = tally.session;
		const cost = formatUsd(session.costUsd);
		assert.equal(statusBarText(tally.last, session, { streaming: false }), `$(sparkle) 1.2k↑ 340↓ · ${cost}`);
		assert.equal(statusBarText(tally.last, session, { streaming: true }), `$(sync~spin) 1.2k↑ 340↓ · ${cost}`);
		assert.ok(cost.startsWith('$1.00'), cost);
	});

	it('marks a partly known cost with + and a fully unknown one as unknown', () => {
		const tally = new WindowUsage({ now: () => NOW });
		tally.record({ model: 'claude-fable-5-2', usage: usage({ input: 10, output: 5 }), command: 'chat' });
		assert.equal(statusBarText(tally.last, tally.session, { streaming: false }), '$(sparkle) 10↑ 5↓ · cost unknown');
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 4000 }), command: 'chat' });
		assert.equal(statusBarText(tally.last, tally.session, { streaming: false }), '$(sparkle) 4k↑ 0↓ · $0.004+');
	});
});

describe('usageFormat: costLabel', () => {
	it('labels totals, models and records as exact, partial or unknown', () => {
		const tally = new WindowUsage({ now: () => NOW });
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 4000 }), command: 'chat' });
		assert.equal(costLabel(tally.session), '$0.004');
		assert.equal(costLabel(tally.session.byModel[0]), '$0.004');
		const rec = tally.record({ model: 'claude-fable-5-2', usage: usage({ input: 1 }), command: 'chat' });
		assert.equal(costLabel(rec), 'cost unknown');
		assert.equal(costLabel(tally.session.byModel[1]), 'cost unknown');
		assert.equal(costLabel(tally.session), '$0.004+');
	});
});

describe('usageFormat: usageTooltipMarkdown', () => {
	function sampleTally(): WindowUsage {
		const tally = new WindowUsage({ now: () => NOW });
		tally.record({ model: 'claude-haiku-4-5', usage: usage({ input: 1000, output: 100, cacheRead: 4000 }), command: 'explainSelection' });
		tally.record({ model: 'claude-sonnet-5-5', usage: usage({ input: 2000, output: 700, cacheWrite1h: 5000 }), command: 'chat' });
		return tally;
	}

	it('has a table per scope by token kind and a per-model breakdown', () => {
		const tally = sampleTally();
		const md = usageTooltipMarkdown({ last: tally.last, session: tally.session, today: tally.session, keySource: 'secretStorage', pricingAsOf: PRICING_AS_OF });
		for (const text of ['**Last request**', '**Session** · 2 requests', '**Today** · 2 requests', '| Cache write 5m |', '| Cache write 1h | 5,000 | $0.02 |', '| Cache read |']) {
			assert.ok(md.includes(text), `missing ${text} in\n${md}`);
		}
		// haiku: 1000×1 + 100×5 + 4000×0.1 = $0.0019; sonnet 5.5: 2000×2 + 700×10 + 5000×4 = $0.031
		assert.ok(md.includes('| claude-haiku-4-5 | 1 | 5,000 | 100 | $0.0019 |'), md);
		assert.ok(md.includes('| claude-sonnet-5-5 | 1 | 7,000 | 700 | $0.031 |'), md);
		assert.ok(md.includes('API key: SecretStorage'));
		assert.ok(md.includes('2026-11'));
		assert.ok(!md.includes('Offline demo'));
	});

	it('names the key source without the key', () => {
		const base = { session: emptyTotals(), today: emptyTotals(), pricingAsOf: PRICING_AS_OF };
		assert.ok(usageTooltipMarkdown({ ...base, keySource: 'environment' }).includes('API key: ANTHROPIC_API_KEY environment variable'));
		const none = usageTooltipMarkdown({ ...base, keySource: 'none', demoMode: true });
		assert.ok(none.includes('No API key'));
		assert.ok(none.includes('Offline demo'));
		assert.ok(!/sk-ant|Bearer/i.test(none));
	});

	it('says which models have no price', () => {
		const tally = new WindowUsage({ now: () => NOW });
		tally.record({ model: 'claude-fable-5-2', usage: usage({ input: 10 }), command: 'chat' });
		const md = usageTooltipMarkdown({ last: tally.last, session: tally.session, today: tally.session, keySource: 'secretStorage', pricingAsOf: PRICING_AS_OF });
		assert.ok(md.includes('No price known for: claude-fable-5-2'), md);
		assert.ok(md.includes('| claude-fable-5-2 | 1 | 10 | 0 | cost unknown |'), md);
	});

	it('escapes model ids so they cannot break the table', () => {
		const tally = new WindowUsage({ now: () => NOW });
		tally.record({ model: 'evil|model](x)', usage: usage({ input: 1 }), command: 'chat' });
		const md = usageTooltipMarkdown({ session: tally.session, today: tally.session, keySource: 'none', pricingAsOf: PRICING_AS_OF });
		assert.ok(md.includes('evil\\|model\\]\\(x\\)'), md);
	});
});

describe('cache savings', () => {
	// claude-sonnet-4-6: $3 input, $3.75 5m write, $0.30 read per MTok
	const model = (usage: Partial<TokenUsage>) => ({
		model: 'claude-sonnet-4-6', requests: 1, usage: { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, ...usage },
	});

	it('computes the hit rate and the dollars saved against the same requests uncached', () => {
		const r = cacheSavings({ byModel: [model({ input: 1_000_000, cacheWrite5m: 1_000_000, cacheRead: 2_000_000 })] });
		assert.equal(r.hitRate, 0.5);
		// uncached: 4M × $3 = $12; actual: $3 + $3.75 + 2 × $0.30 = $7.35 → saved $4.65
		assert.ok(Math.abs(r.savedUsd - 4.65) < 1e-9, String(r.savedUsd));
	});

	it('a first request that only writes costs extra, and unknown models are not guessed', () => {
		const r = cacheSavings({ byModel: [model({ cacheWrite5m: 1_000_000 }), { ...model({ cacheRead: 5_000_000 }), model: 'unknown-model' }] });
		assert.ok(Math.abs(r.savedUsd - -0.75) < 1e-9, String(r.savedUsd));
	});
});

describe('tooltip cache line', () => {
	it('shows the hit rate and the savings once the cache is used', () => {
		const tally = new WindowUsage({ now: () => Date.UTC(2026, 10, 24, 12) });
		tally.record({ model: 'claude-sonnet-4-6', command: 'chat', usage: { ...EMPTY_USAGE, input: 1_000_000, cacheWrite5m: 1_000_000, cacheRead: 2_000_000 } });
		const md = usageTooltipMarkdown({ last: tally.last, session: tally.session, today: tally.session, keySource: 'none', pricingAsOf: PRICING_AS_OF });
		assert.match(md, /Prompt cache: 50% of prompt tokens read from the cache; saved \$4\.65/);
		const empty = usageTooltipMarkdown({ session: emptyTotals(), today: emptyTotals(), keySource: 'none', pricingAsOf: PRICING_AS_OF });
		assert.doesNotMatch(empty, /Prompt cache/);
	});
});
