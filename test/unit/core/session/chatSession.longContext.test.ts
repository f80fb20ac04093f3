import * as assert from 'node:assert/strict';
import type { RequestSettings } from '../../../../src/core/request/settings';
import type { ChatSession } from '../../../../src/core/session/chatSession';
import type { SessionEvent } from '../../../../src/core/session/types';
import { SUMMARY_SYSTEM_PROMPT } from '../../../../src/core/request/historySummary';
import type { AssistantTurn } from '../../../../src/shared/protocol';
import type { FakeAnthropicServer } from '../../../fake-anthropic/server';
import { testConnector, testSession, useFakeServer, waitFor } from '../../fakes/testSession';

/** Long chats and large requests, through the real SDK and the fake server: the running summary, estimates, the window. */
describe('ChatSession: history summary, estimate before sending, context window', function () {
	const fake = useFakeServer();
	let server: FakeAnthropicServer;
	let events: SessionEvent[];

	beforeEach(() => {
		server = fake.server;
		events = [];
	});

	function makeSession(settings: Partial<RequestSettings> = {}): ChatSession {
		return testSession(server, events, { maxHistoryTokens: 1000, historyMode: 'summarize', summaryModel: 'claude-haiku-5-5', ...settings });
	}
	const long = 'x'.repeat(1200); // ≈ 300 tokens a message: the 1000-token cap moves after a few turns
	const summaryRequests = () => server.messageRequests().filter((r) => r.body.system === SUMMARY_SYSTEM_PROMPT);
	const chatRequests = () => server.messageRequests().filter((r) => r.body.system !== SUMMARY_SYSTEM_PROMPT);
	const historyEvents = () => events.filter((e) => e.type === 'history') as Array<Extract<SessionEvent, { type: 'history' }>>;
	const systemText = (body: { system: Array<{ text: string }> }) => body.system.map((b) => b.text).join('');

	async function chat(s: ChatSession, turns: number): Promise<void> {
		for (let i = 0; i < turns; i++) {
			await s.send({ requestId: `r${i}`, text: `question ${i} ${long}`, command: 'chat' });
		}
	}

	describe('history beyond maxHistoryTokens', () => {
		it('summarizes the messages leaving the history with the Haiku tier and sends the summary instead', async () => {
			server.setDefault({ text: `an answer ${long}` });
			const s = makeSession();
			await chat(s, 5);
			const [summary] = summaryRequests();
			assert.ok(summary, 'a summarization request was made');
			assert.equal(summary.body.model, 'claude-haiku-5-5');
			assert.equal(summary.body.stream, undefined, 'one plain (non-streaming) call');
			assert.match(summary.body.messages[0].content, /Developer:\nquestion 0/);
			const after = chatRequests().at(-1)!.body;
			assert.match(systemText(after), /<earlier_conversation_summary messages="\d+">\nan answer/);
			assert.ok(!JSON.stringify(after.messages).includes('question 0'), 'the summarized question itself is not sent');
			assert.match(JSON.stringify(after.messages.at(-1)), /question 4/);
			const moved = historyEvents().at(-1)!;
			assert.match(moved.marker?.text ?? '', /^\d+ earlier messages summarized$/);
			assert.equal(s.snapshot().historyMarker?.beforeTurnId, moved.marker?.beforeTurnId);
			assert.equal(s.snapshot().turns.find((t) => t.id === moved.marker?.beforeTurnId)?.role, 'user', 'the marker sits before a question');
			const usage = events.filter((e) => e.type === 'usage').map((e) => (e as Extract<SessionEvent, { type: 'usage' }>).usage);
			const summarizing = usage.filter((u) => u.command === 'summarizeHistory');
			assert.equal(summarizing.length, summaryRequests().length, 'the cost of every summary is counted, under its own name');
			assert.ok(summarizing.every((u) => u.model === 'claude-haiku-5-5' && u.usage.input > 0));
		});

		it('folds the previous summary into the next one as the cut moves on', async () => {
			server.setDefault({ text: `an answer ${long}` });
			const s = makeSession();
			await chat(s, 9);
			const summaries = summaryRequests();
			assert.ok(summaries.length >= 2, `${summaries.length} summaries`);
			assert.match(summaries[1].body.messages[0].content, /<previous_summary>\nan answer/);
			assert.ok(summaries.length < 9, 'not every turn: the cut moves in steps');
		});

		it('keeps the summary across a reload: the restored chat sends it without summarizing again', async () => {
			server.setDefault({ text: `an answer ${long}` });
			const first = makeSession();
			await chat(first, 5);
			const saved = JSON.parse(JSON.stringify(first.persistable()));
			assert.ok(saved.history.summary && saved.history.start > 0);
			const restored = makeSession();
			restored.restore(saved);
			assert.deepEqual(restored.snapshot().historyMarker, first.snapshot().historyMarker);
			const before = summaryRequests().length;
			await restored.send({ requestId: 'after-reload', text: 'one more short question', command: 'chat' });
			assert.equal(summaryRequests().length, before);
			assert.match(systemText(chatRequests().at(-1)!.body), /earlier_conversation_summary/);
		});

		it('trim mode leaves older messages out without any summarization call', async () => {
			server.setDefault({ text: `an answer ${long}` });
			const s = makeSession({ historyMode: 'trim' });
			await chat(s, 5);
			assert.equal(summaryRequests().length, 0);
			assert.match(historyEvents()[0].marker?.text ?? '', /^\d+ earlier messages no longer sent$/);
			assert.ok(!systemText(chatRequests().at(-1)!.body).includes('summary'));
		});

		it('when summarizing fails, the messages are trimmed, the user is told why, and the question is still answered', async () => {
			server.setDefault({ text: `an answer ${long}` });
			const s = makeSession();
			await chat(s, 2);
			assert.equal(historyEvents().length, 0, 'still under the cap');
			// The next request moves the cut: its summarization call fails, then the real request is answered.
			server.enqueue({ fault: { kind: 'http', status: 500, message: 'summary backend down' } }, { text: 'still answered' });
			await s.send({ requestId: 'r2', text: `question 2 ${long}`, command: 'chat' });
			const [moved] = historyEvents();
			assert.equal(moved.failure, '500 summary backend down', 'the API\'s message, without SDK 1.17\'s request id and path');
			assert.match(moved.marker?.text ?? '', /no longer sent/);
			const turn = s.snapshot().turns.at(-1) as AssistantTurn;
			assert.equal(turn.status, 'complete');
			assert.equal(turn.text, 'still answered');
		});

		it('a summary whose connection drops mid-answer is not sent again by the SDK: trimmed, told briefly, still answered', async () => {
			server.setDefault({ text: `an answer ${long}` });
			// A client that would retry: only the per-call maxRetries 0 keeps the summary from going out twice.
			const s = testSession(server, events, { maxHistoryTokens: 1000, historyMode: 'summarize' }, {
				connect: testConnector({ baseUrl: () => server.url, forceRetries: 2 }),
			});
			await chat(s, 2);
			server.enqueue({ text: 'a summary, cut off', fault: { kind: 'destroy', afterDeltas: 1 } }, { text: 'still answered' });
			await s.send({ requestId: 'r2', text: `question 2 ${long}`, command: 'chat' });
			assert.equal(summaryRequests().length, 1, 'the billed summary request went out once');
			const [moved] = historyEvents();
			assert.equal(moved.failure, 'The connection to the Anthropic API dropped before the answer finished (network error).');
			assert.match(moved.marker?.text ?? '', /no longer sent/);
			assert.equal((s.snapshot().turns.at(-1) as AssistantTurn).text, 'still answered');
		});
	});

	describe('estimate before sending a large request', () => {
		const big = 'const answer = compute(42);\n'.repeat(400); // ≈ 2.8k tokens

		it('counts the tokens with count_tokens, shows size and cost, and sends only after Send', async () => {
			const s = makeSession({ confirmAboveTokens: 2000, maxHistoryTokens: 60_000 });
			server.enqueue({ text: 'It computes 42, 400 times.' });
			const sending = s.send({ requestId: 'big', text: 'Summarize big.ts', prompt: big, command: 'summarizeFile' });
			await waitFor(() => events.some((e) => e.type === 'confirm'));
			const confirm = events.find((e) => e.type === 'confirm') as Extract<SessionEvent, { type: 'confirm' }>;
			const counted = server.requests.filter((r) => r.path === '/v1/messages/count_tokens');
			assert.equal(counted.length, 1);
			assert.equal(counted[0].body.model, 'claude-sonnet-5-5');
			assert.equal(confirm.exact, true);
			assert.ok(confirm.tokens > 2000 && confirm.tokens < 4000, String(confirm.tokens));
			assert.ok(confirm.costUsd !== undefined && Math.abs(confirm.costUsd - confirm.tokens * 2 / 1e6) < 1e-9, 'input at $2/MTok');
			assert.deepEqual(s.activeConfirm()?.tokens, confirm.tokens, 'a view opened now can show it');
			assert.equal(server.messageRequests().length, 0, 'nothing sent before Send');
			assert.equal(s.confirmSend('big'), true);
			await sending;
			assert.equal(server.messageRequests().length, 1);
			assert.equal((s.snapshot().turns.at(-1) as AssistantTurn).text, 'It computes 42, 400 times.');
		});

		it('Cancel sends nothing and keeps the question', async () => {
			const s = makeSession({ confirmAboveTokens: 2000, maxHistoryTokens: 60_000 });
			const sending = s.send({ requestId: 'big', text: 'Summarize big.ts', prompt: big, command: 'summarizeFile' });
			await waitFor(() => s.activeConfirm() !== undefined);
			assert.equal(s.cancel('big'), true);
			await sending;
			assert.equal(server.messageRequests().length, 0);
			const [user, answer] = s.snapshot().turns;
			assert.equal(user.text, 'Summarize big.ts');
			assert.equal((answer as AssistantTurn).status, 'stopped');
		});

		it('small messages and a threshold of 0 never ask', async () => {
			const s = makeSession({ confirmAboveTokens: 0, maxHistoryTokens: 60_000 });
			await s.send({ requestId: 'big', text: 'Summarize big.ts', prompt: big, command: 'summarizeFile' });
			const t = makeSession({ confirmAboveTokens: 2000, maxHistoryTokens: 60_000 });
			await t.send({ requestId: 'small', text: 'short question', command: 'chat' });
			assert.equal(events.filter((e) => e.type === 'confirm').length, 0);
			assert.equal(server.requests.filter((r) => r.path === '/v1/messages/count_tokens').length, 0);
			assert.equal(server.messageRequests().length, 2);
		});

		it('refuses a request beyond the model\'s context window with a clear message, never sending it', async () => {
			const s = makeSession({ model: 'claude-haiku-4-5', maxHistoryTokens: 1_000_000 });
			const huge = 'word '.repeat(170_000); // ≈ 212k tokens, over Haiku 4.5's 200k window
			await s.send({ requestId: 'huge', text: 'Summarize huge.txt', prompt: huge, command: 'summarizeFile' });
			assert.equal(server.messageRequests().length, 0);
			const turn = s.snapshot().turns.at(-1) as AssistantTurn;
			assert.equal(turn.error?.kind, 'tooLarge');
			assert.match(turn.error?.message ?? '', /does not fit claude-haiku-4-5's 200k-token context window\. Nothing was sent\./);
			assert.equal(s.snapshot().turns[0].text, 'Summarize huge.txt', 'the question is kept');
		});
	});
});
