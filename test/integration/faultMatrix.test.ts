import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnswerStatus, AssistantTurn, ErrorKind, HostToWebview } from '../../src/shared/protocol';
import { statusText, turnActions } from '../../src/webview/format';
import { offersRegenerate } from '../../src/webview/lastExchange';
import { FakeAnthropicServer, type ScriptedReply } from '../fake-anthropic/server';
import { ask, TEST_KEY, useBaseUrl, useFakeAnthropic } from './helpers';

type Fake = ReturnType<typeof useFakeAnthropic>;

/** Text of a partial answer: the fault strikes after the first two deltas, so these two arrive and the rest never does. */
const PARTIAL = 'Partial answer ';
const STREAMED: ScriptedReply = { chunks: ['Partial ', 'answer ', 'that never ends.'] };

/** One fault: what the fake server does, and what the user must see and keep afterwards. */
interface FaultCase {
	name: string;
	/** What the fake answers, attempt by attempt (the SDK's and our retries each take one). */
	replies?: ScriptedReply[];
	/** Puts a fault in place that is not a scripted reply; returns what undoes it before the next request. */
	arrange?: (fake: Fake) => Promise<() => Promise<void>>;
	/** The error kind of the `chat/error`; undefined when the answer ends with `chat/done` (a stop reason). */
	kind?: ErrorKind;
	status: AnswerStatus;
	/** The footer the chat shows under the answer. */
	footer: RegExp;
	/** Its buttons, Regenerate (on the last exchange) included. */
	actions: string[];
	/** The answer text kept. */
	partial: string;
	/** `POST /v1/messages` the fake received for the question: more than 1 only for retries before any text. */
	sent: number;
	/** The shortest retry wait announced (a server's retry-after is a minimum). */
	waitAtLeastMs?: number;
}

/** A scripted HTTP error status, with the error type and message the real API sends for it. */
function httpFault(status: number, extra: Partial<Extract<ScriptedReply['fault'], { kind: 'http' }>> = {}): ScriptedReply {
	return { fault: { kind: 'http', status, ...extra } };
}

/** A reply that streams two deltas of {@link STREAMED} and then fails with `fault`. */
function midStream(fault: NonNullable<ScriptedReply['fault']>): ScriptedReply {
	return { ...STREAMED, fault };
}

/** Sets user settings for one case; the returned function puts the previous values back. */
async function withSettings(values: Record<string, unknown>): Promise<() => Promise<void>> {
	const config = vscode.workspace.getConfiguration('claudeAssistant');
	const old = Object.keys(values).map((key) => [key, config.inspect(key)?.globalValue] as const);
	for (const [key, value] of Object.entries(values)) {
		await config.update(key, value, vscode.ConfigurationTarget.Global);
	}
	return async () => {
		for (const [key, value] of old) {
			await config.update(key, value, vscode.ConfigurationTarget.Global);
		}
	};
}

/** The matrix settings: one visible retry with at most 1 s of backoff, so retried cases stay fast. */
const MATRIX_SETTINGS = { maxRetries: 1, retryMaxDelaySeconds: 1 };
const RETRIED = 1 + MATRIX_SETTINGS.maxRetries;
const ERROR_ACTIONS = ['retry', 'showLogs'];

const CASES: FaultCase[] = [
	{
		name: '429 with retry-after', replies: [httpFault(429, { retryAfter: '1' }), httpFault(429, { retryAfter: '1' })],
		kind: 'rateLimit', status: 'error', footer: /^Rate limited by the Anthropic API \(429\)\. Gave up/, actions: ERROR_ACTIONS, partial: '', sent: RETRIED, waitAtLeastMs: 1000,
	},
	{
		name: '529 overloaded', replies: [httpFault(529), httpFault(529)],
		kind: 'overloaded', status: 'error', footer: /^The Anthropic API is overloaded \(529\)\..*Gave up/, actions: ERROR_ACTIONS, partial: '', sent: RETRIED,
	},
	{
		name: '500 server error', replies: [httpFault(500), httpFault(500)],
		kind: 'server', status: 'error', footer: /^The Anthropic API had an internal error\..*Gave up/, actions: ERROR_ACTIONS, partial: '', sent: RETRIED,
	},
	{
		name: '401 key rejected', replies: [httpFault(401)],
		kind: 'auth', status: 'error', footer: /^The API key was rejected \(401\)\. Set a valid key\.$/, actions: ['setApiKey', 'showLogs'], partial: '', sent: 1,
	},
	{
		name: '403 permission', replies: [httpFault(403)],
		kind: 'permission', status: 'error', footer: /not allowed/, actions: ['showLogs'], partial: '', sent: 1,
	},
	{
		name: '400 bad request', replies: [httpFault(400, { message: 'messages: roles must alternate' })],
		kind: 'badRequest', status: 'error', footer: /^The API rejected the request: messages: roles must alternate$/, actions: ['showLogs'], partial: '', sent: 1,
	},
	{
		name: '413 too large', replies: [httpFault(413)],
		kind: 'tooLarge', status: 'error', footer: /too large .*\(413\)/, actions: ['showLogs'], partial: '', sent: 1,
	},
	{
		name: 'SSE error event mid-stream', replies: [midStream({ kind: 'errorEvent', afterDeltas: 2, errorType: 'overloaded_error' })],
		kind: 'overloaded', status: 'error', footer: /^The Anthropic API stopped the answer part-way with an error \(overloaded_error\): Overloaded$/, actions: ERROR_ACTIONS, partial: PARTIAL, sent: 1,
	},
	{
		name: 'socket dropped mid-stream', replies: [midStream({ kind: 'destroy', afterDeltas: 2 })],
		kind: 'network', status: 'error', footer: /^The connection to the Anthropic API dropped before the answer finished \(network error\)\.$/, actions: ERROR_ACTIONS, partial: PARTIAL, sent: 1,
	},
	{
		name: 'stall until the idle timeout', replies: [midStream({ kind: 'stall', afterDeltas: 2 })],
		arrange: () => withSettings({ idleTimeoutSeconds: 2 }),
		kind: 'timeout', status: 'error', footer: /^The answer stalled: no data from the API for 2 s$/, actions: ERROR_ACTIONS, partial: PARTIAL, sent: 1,
	},
	{
		name: 'stream ends without message_stop', replies: [{ ...STREAMED, chunks: ['Partial ', 'answer '], fault: { kind: 'noMessageStop' } }],
		kind: 'network', status: 'error', footer: /^The answer ended before it was complete: the API closed the stream early \(network error\)\.$/, actions: ERROR_ACTIONS, partial: PARTIAL, sent: 1,
	},
	{
		name: 'connection refused (server down)',
		arrange: async (fake) => {
			const down = await FakeAnthropicServer.start({ apiKeys: [TEST_KEY] });
			await down.close(); // its port now refuses connections
			await useBaseUrl(down.url);
			return () => useBaseUrl(fake.server.url);
		},
		kind: 'network', status: 'error', footer: /^Could not reach the Anthropic API \(network error\)\..*Gave up/, actions: ERROR_ACTIONS, partial: '', sent: 0,
	},
	{
		name: 'budget exceeded',
		arrange: async (fake) => {
			fake.server.enqueue({ text: 'spent', usage: { input_tokens: 1000, output_tokens: 100 } });
			assert.equal((await ask(fake.api, 'spend a little first')).type, 'chat/done');
			return withSettings({ dailyBudgetUsd: 0.000001 });
		},
		kind: 'budget', status: 'error', footer: /budget .*reached/i, actions: ['sendAnyway', 'showLogs'], partial: '', sent: 0,
	},
	{
		name: 'stop reason refusal', replies: [{ text: 'I can\'t help with that.', stopReason: 'refusal' }],
		status: 'refused', footer: /declined to answer \(refusal\)/, actions: ['regenerate'], partial: 'I can\'t help with that.', sent: 1,
	},
	{
		name: 'stop reason pause_turn', replies: [{ text: 'Searching the docs first.', stopReason: 'pause_turn' }],
		status: 'other', footer: /^Claude paused this answer \(pause_turn\)\. Continue lets it go on\.$/, actions: ['continue', 'regenerate'], partial: 'Searching the docs first.', sent: 1,
	},
	{
		name: 'stop reason model_context_window_exceeded', replies: [{ text: 'The long answer', stopReason: 'model_context_window_exceeded' }],
		status: 'other', footer: /^The conversation filled the model's context window \(model_context_window_exceeded\)\. Start a New Chat, or lower claudeAssistant\.maxHistoryTokens/, actions: ['openSettings', 'regenerate'], partial: 'The long answer', sent: 1,
	},
	{
		name: 'stop reason max_tokens', replies: [{ text: 'The first half', stopReason: 'max_tokens' }],
		status: 'truncated', footer: /^Truncated at max_tokens \(4096\)$/, actions: ['continue', 'regenerate'], partial: 'The first half', sent: 1,
	},
];

/** One row of the printed matrix. */
interface Row {
	name: string;
	outcome: string;
	footer: string;
	actions: string;
	kept: string;
	sent: string;
	result: 'pass' | 'FAIL';
}

function printMatrix(rows: Row[]): void {
	const head: Row = { name: 'case', outcome: 'outcome', footer: 'message', actions: 'actions', kept: 'kept', sent: 'sent', result: 'pass' };
	const cols = ['name', 'outcome', 'footer', 'actions', 'kept', 'sent', 'result'] as const;
	const cell = (r: Row, c: (typeof cols)[number]) => (c === 'result' && r === head ? 'result' : r[c]).replace(/\s+/g, ' ');
	const width = cols.map((c) => Math.max(...[head, ...rows].map((r) => Math.min(60, cell(r, c).length))));
	const line = (r: Row) => cols.map((c, i) => {
		const text = cell(r, c);
		return (text.length > 60 ? `${text.slice(0, 59)}…` : text).padEnd(width[i]);
	}).join(' | ');
	const passed = rows.filter((r) => r.result === 'pass').length;
	console.log(['', line(head), width.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line), `fault-matrix: ${passed}/${CASES.length} cases`].join('\n'));
}

describe('Fault matrix: every failure ends in a clear message with the right action, keeps the prompt and partial answer, and the next request works', function () {
	this.timeout(60_000);
	const fake = useFakeAnthropic();
	// A Set: this extension host hands each unhandled rejection to a listener twice.
	const rejections = new Set<unknown>();
	const onRejection = (reason: unknown) => rejections.add(reason);
	const rows = new Map<string, Row>();
	let restoreSettings: () => Promise<void>;

	before(async () => {
		process.on('unhandledRejection', onRejection);
		// The listener is proven, not assumed: a rejection nobody handles reaches it in this extension host.
		void Promise.reject(new Error('fault-matrix probe: a rejection left unhandled on purpose'));
		await new Promise((resolve) => setImmediate(resolve));
		assert.deepEqual([...rejections].map(String), ['Error: fault-matrix probe: a rejection left unhandled on purpose'], 'the unhandledRejection listener hears this extension host');
		rejections.clear();
		restoreSettings = await withSettings(MATRIX_SETTINGS);
	});

	after(async () => {
		process.off('unhandledRejection', onRejection);
		await restoreSettings?.();
		printMatrix(CASES.map((c) => rows.get(c.name) ?? { name: c.name, outcome: '-', footer: 'not run', actions: '', kept: '', sent: '', result: 'FAIL' }));
	});

	afterEach(function () {
		const name = this.currentTest?.title;
		const row = name ? rows.get(name) : undefined;
		if (name && this.currentTest?.state !== 'passed') {
			rows.set(name, { ...(row ?? { name, outcome: '-', footer: String(this.currentTest?.err?.message ?? '').slice(0, 60), actions: '', kept: '', sent: '' }), result: 'FAIL' });
		}
	});

	for (const c of CASES) {
		it(c.name, async () => {
			const seen: HostToWebview[] = [];
			const sub = fake.api.onViewMessage((m) => seen.push(m));
			let undo: (() => Promise<void>) | undefined;
			let sent: number;
			const prompt = `Question for the case "${c.name}"`;
			let end: Awaited<ReturnType<typeof ask>>;
			try {
				undo = await c.arrange?.(fake);
				const before = fake.server.messageRequests().length;
				fake.server.enqueue(...(c.replies ?? []));
				end = await ask(fake.api, prompt, 30_000);
				sent = fake.server.messageRequests().length - before;
			} finally {
				sub.dispose();
				await undo?.();
			}

			// what the chat view was told: exactly one terminal message for the request, with the answer's footer
			const terminals = seen.filter((m) => (m.type === 'chat/done' || m.type === 'chat/error') && m.requestId === end.requestId);
			assert.equal(terminals.length, 1, `one terminal message, got ${terminals.map((m) => m.type).join(', ')}`);
			const terminal = terminals[0] as Extract<HostToWebview, { type: 'chat/done' | 'chat/error' }>;
			const turn: AssistantTurn = terminal.turn;
			const footer = statusText(turn) ?? '';
			const actions: string[] = [...turnActions(turn), ...(offersRegenerate(turn.status) ? ['regenerate'] : [])];
			rows.set(c.name, {
				name: c.name, outcome: terminal.type === 'chat/error' ? `error ${terminal.error.kind}` : `done ${turn.stopReason}`,
				footer, actions: actions.join(', ') || '(none)', kept: JSON.stringify(turn.text), sent: String(sent), result: 'pass',
			});
			assert.equal(terminal.type, c.kind === undefined ? 'chat/done' : 'chat/error');
			if (terminal.type === 'chat/error') {
				assert.equal(terminal.error.kind, c.kind);
				assert.ok(!terminal.error.message.includes(TEST_KEY));
			}
			assert.equal(turn.status, c.status);
			assert.match(footer, c.footer);
			assert.deepEqual(actions, c.actions);
			if (c.waitAtLeastMs !== undefined) {
				const waits = seen.filter((m) => m.type === 'chat/retrying' && m.requestId === end.requestId);
				assert.ok(waits.length > 0 && waits.every((m) => m.type === 'chat/retrying' && m.delayMs >= c.waitAtLeastMs!), JSON.stringify(waits));
			}

			// nothing the user asked or saw is lost: in the chat and on disk
			assert.equal(turn.text, c.partial);
			const [question, answer] = fake.api.snapshot().turns.slice(-2);
			assert.deepEqual([question.text, answer.text, answer.role === 'assistant' && answer.status], [prompt, c.partial, c.status]);
			await fake.api.conversations.flush();
			const stored = (await fake.api.conversations.stored()) as { turns: Array<{ text: string; status?: string }> };
			assert.deepEqual(stored.turns.slice(-2).map((t) => [t.text, t.status]), [[prompt, undefined], [c.partial, c.status]]);

			// retried only while no text had arrived; an answer already under way is never sent again on its own
			assert.equal(sent, c.sent, 'POST /v1/messages received for the question');

			// the next request works, and asks only the next question (the failed one is history, not a resend)
			const countBefore = fake.server.messageRequests().length;
			fake.server.enqueue({ text: 'Recovered.' });
			const next = await ask(fake.api, 'And now?');
			assert.equal(next.type, 'chat/done');
			assert.equal(next.turn.text, 'Recovered.');
			const after = fake.server.messageRequests().slice(countBefore);
			assert.equal(after.length, 1);
			const messages = after[0].body.messages as Array<{ role: string; content: unknown }>;
			assert.match(JSON.stringify(messages.at(-1)), /And now\?/);

			assert.deepEqual([...rejections].map(String), [], 'no unhandled promise rejection');
		});
	}
});
