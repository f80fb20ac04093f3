import * as assert from 'node:assert/strict';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { advanceHistory, historyMarkerText, parseHistoryState, summaryRequestText, systemWithSummary, type HistoryState } from '../../../../src/core/request/historySummary';

describe('history summary (pure parts)', () => {
	const msg = (role: 'user' | 'assistant', text: string): MessageParam => ({ role, content: text });
	const chat = (n: number, size = 1200): MessageParam[] =>
		Array.from({ length: n }, (_, i) => msg(i % 2 === 0 ? 'user' : 'assistant', `${i % 2 === 0 ? 'question' : 'answer'} ${i} ${'x'.repeat(size)}`));
	const never = async (): Promise<string> => {
		throw new Error('must not summarize');
	};

	it('names the marker by what happened to the earlier messages', () => {
		assert.equal(historyMarkerText({ start: 0, summarized: 0 }), undefined);
		assert.equal(historyMarkerText({ start: 6, summary: 's', summarized: 6 }), '6 earlier messages summarized');
		assert.equal(historyMarkerText({ start: 1, summarized: 0 }), '1 earlier message no longer sent');
		assert.equal(historyMarkerText({ start: 8, summary: 's', summarized: 6 }), '6 earlier messages summarized, 2 more no longer sent');
	});

	it('restores only a well-formed state', () => {
		assert.deepEqual(parseHistoryState(undefined), { start: 0, summarized: 0 });
		assert.deepEqual(parseHistoryState({ start: 4, summary: 'sum', summarized: 9 }), { start: 4, summary: 'sum', summarized: 4 }, 'summarized never exceeds start');
		assert.deepEqual(parseHistoryState({ start: -1, summary: 3 }), { start: 0, summarized: 0 });
	});

	it('puts the summary after the stable system prompt, which stays a byte-identical prefix', () => {
		const state: HistoryState = { start: 4, summary: 'They fixed the parser.', summarized: 4 };
		const system = systemWithSummary('SYSTEM', state);
		assert.ok(system.startsWith('SYSTEM\n\n<earlier_conversation_summary messages="4">\nThey fixed the parser.\n'));
		assert.equal(systemWithSummary('SYSTEM', { start: 4, summarized: 0 }), 'SYSTEM');
	});

	it('asks for an updated summary from the previous one plus the messages leaving, long ones shortened', () => {
		const text = summaryRequestText('Old summary.', [msg('user', 'How do I parse?'), msg('assistant', 'y'.repeat(30_000))]);
		assert.match(text, /^<previous_summary>\nOld summary\.\n<\/previous_summary>/);
		assert.match(text, /Developer:\nHow do I parse\?\n\nAssistant:\ny+\n\[… 6000 more characters\]/);
		assert.match(text, /Update the previous summary/);
		assert.doesNotMatch(summaryRequestText(undefined, [msg('user', 'q')]), /previous_summary/);
	});

	it('does nothing while the history fits', async () => {
		const r = await advanceHistory({ messages: chat(3), state: { start: 0, summarized: 0 }, maxTokens: 10_000, mode: 'summarize', signal: new AbortController().signal, summarize: never });
		assert.deepEqual(r, { state: { start: 0, summarized: 0 }, changed: false });
	});

	it('summarizes exactly the messages leaving, starting the kept history at a question', async () => {
		const messages = chat(7);
		const seen: Array<{ previous?: string; leaving: number }> = [];
		const r = await advanceHistory({
			messages, state: { start: 0, summarized: 0 }, maxTokens: 1000, mode: 'summarize', signal: new AbortController().signal,
			summarize: async (previous, leaving) => {
				seen.push({ previous, leaving: leaving.length });
				return 'S1';
			},
		});
		assert.equal(r.changed, true);
		assert.equal(messages[r.state.start].role, 'user');
		assert.deepEqual(r.state, { start: r.state.start, summary: 'S1', summarized: r.state.start });
		assert.deepEqual(seen, [{ previous: undefined, leaving: r.state.start }]);
	});

	it('trim mode and a failed summary both move the cut without a summary of the new messages', async () => {
		const signal = new AbortController().signal;
		const trimmed = await advanceHistory({ messages: chat(7), state: { start: 0, summarized: 0 }, maxTokens: 1000, mode: 'trim', signal, summarize: never });
		assert.equal(trimmed.state.summary, undefined);
		assert.ok(trimmed.state.start > 0);
		const failed = await advanceHistory({ messages: chat(7), state: { start: 2, summary: 'S0', summarized: 2 }, maxTokens: 1000, mode: 'summarize', signal, summarize: never });
		assert.match(String(failed.failure), /must not summarize/);
		assert.deepEqual({ ...failed.state, start: 0 }, { start: 0, summary: 'S0', summarized: 2 }, 'the old summary is kept');
		assert.ok(failed.state.start > 2);
	});

	it('a cancelled summary is not turned into trimming', async () => {
		const controller = new AbortController();
		await assert.rejects(advanceHistory({
			messages: chat(7), state: { start: 0, summarized: 0 }, maxTokens: 1000, mode: 'summarize', signal: controller.signal,
			summarize: async () => {
				controller.abort();
				throw new Error('aborted');
			},
		}), /aborted/);
	});
});
