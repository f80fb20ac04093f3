// npm run bench: what a 30-turn chat over a 30k-token file, and an 80-turn chat that outgrows the history cap, cost
// with our request shaping (prompt caching, history cap with a running Haiku summary, the shipped defaults) against a
// naive client (no caching, full history), both through the real SDK and the fake Anthropic server, whose usage
// accounting simulates caching by the documented rules (prefix hash, TTL, minimum length, lookback).
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { createConnector } from '../src/core/anthropic/connect';
import { ChatSession } from '../src/core/session/chatSession';
import { CONFIG_DEFAULTS, requestSettings } from '../src/core/settings/configSchema';
import { NULL_LOGGER } from '../src/core/log/logger';
import { addUsage, costUsd, EMPTY_USAGE, fromApiUsage } from '../src/core/pricing/pricing';
import { SYSTEM_PROMPT } from '../src/core/prompts/prompts';
import type { TokenUsage } from '../src/shared/protocol';
import { FakeAnthropicServer } from '../test/fake-anthropic/server';
import { benchLine, note } from './report';

const KEY = 'sk-ant-bench';
const MODEL = 'claude-sonnet-5-5';
const TURNS = 30;
const FILE_TOKENS = 30_000;
const ANSWER = 'The function validates its input, then folds the values into a running total. '.repeat(15); // ≈ 300 tokens

function bigFile(): string {
	const lines: string[] = [];
	for (let i = 0; lines.join('\n').length < FILE_TOKENS * 4; i++) {
		lines.push(`export function step${i}(input: number[]): number { return input.reduce((a, b) => a + b * ${i}, ${i}); }`);
	}
	return lines.join('\n').slice(0, FILE_TOKENS * 4);
}

const LONG_TURNS = 80;
const LONG_ANSWER = 'Step by step: the tokenizer emits tokens, the parser folds them into nodes, and errors carry positions. '.repeat(58); // ≈ 1.5k tokens
const longQuestion = (i: number) => `Question ${i}: how should rule ${i} of the grammar handle trailing commas?`;

const question = (i: number) => `Follow-up ${i}: what does step${i * 7} do, and is it safe for empty arrays?`;

/** One call's usage with its model (the history summary, if any, runs on the Haiku tier). */
interface PricedUsage {
	model: string;
	usage: TokenUsage;
}

/** A scripted chat: the first prompt (a file to summarize, or a plain question) and the follow-ups. */
interface Script {
	turns: number;
	first: string;
	question(i: number): string;
	/** max_tokens of every answer, for both clients. */
	maxTokens: number;
}

async function ours(server: FakeAnthropicServer, script: Script): Promise<PricedUsage[]> {
	const usages: PricedUsage[] = [];
	const session = new ChatSession({
		logger: NULL_LOGGER,
		connect: createConnector({ getKey: async () => KEY, settings: () => ({ baseUrl: server.url, maxRetries: 0 }) }),
		// The shipped defaults (history summary, estimate before large requests), on the same model and max_tokens as naive.
		settings: () => ({ ...requestSettings(CONFIG_DEFAULTS, 'chat'), model: MODEL, maxTokens: script.maxTokens }),
		flushIntervalMs: 0,
	});
	session.onEvent((e) => {
		if (e.type === 'usage') {
			usages.push({ model: e.usage.model, usage: e.usage.usage });
		} else if (e.type === 'confirm') {
			session.confirmSend(e.requestId); // the user clicks Send on the 30k-token file's estimate
		}
	});
	await session.send({ requestId: 'b0', text: 'first', prompt: script.first, command: 'chat' });
	for (let i = 1; i < script.turns; i++) {
		await session.send({ requestId: `b${i}`, text: script.question(i), command: 'chat' });
	}
	return usages;
}

async function naive(server: FakeAnthropicServer, script: Script): Promise<PricedUsage[]> {
	const client = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
	const history: MessageParam[] = [];
	const usages: PricedUsage[] = [];
	for (let i = 0; i < script.turns; i++) {
		history.push({ role: 'user', content: i === 0 ? script.first : script.question(i) });
		const message = await client.messages.stream({ model: MODEL, max_tokens: script.maxTokens, system: SYSTEM_PROMPT, messages: history }).finalMessage();
		const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
		history.push({ role: 'assistant', content: text });
		usages.push({ model: MODEL, usage: fromApiUsage(message.usage) });
	}
	return usages;
}

function dollars(usages: PricedUsage[]): number {
	return usages.reduce((sum, u) => sum + (costUsd(u.model, u.usage) ?? NaN), 0);
}

/** Runs `script` through ours and naive on a fresh server each, every call answered with `answer`. */
async function compare(server: FakeAnthropicServer, script: Script, answer: string): Promise<{ ours: PricedUsage[]; naive: PricedUsage[] }> {
	const run = async (client: (server: FakeAnthropicServer, script: Script) => Promise<PricedUsage[]>) => {
		server.reset();
		server.setDefault({ text: answer, chunkSize: 2000 });
		return client(server, script);
	};
	return { ours: await run(ours), naive: await run(naive) };
}

async function main(): Promise<void> {
	const server = await FakeAnthropicServer.start({ apiKeys: [KEY] });
	try {
		// 1. A 30-turn chat over a 30k-token file: prompt caching and the history cap against a naive client.
		const file = bigFile();
		const fileChat = await compare(server, { turns: TURNS, first: `Summarize this file:\n${file}`, question, maxTokens: 1024 }, ANSWER);
		const o = dollars(fileChat.ours);
		const n = dollars(fileChat.naive);
		const total = fileChat.ours.map((u) => u.usage).reduce(addUsage, EMPTY_USAGE);
		const prompt = total.input + total.cacheWrite5m + total.cacheWrite1h + total.cacheRead;
		note(`${TURNS}-turn chat over a ${FILE_TOKENS / 1000}k-token file, ${MODEL}; deterministic (the fake server's token accounting), so one run`);
		note(`ours ${o.toFixed(4)} USD vs naive ${n.toFixed(4)} USD (no caching, full history); ${((total.cacheRead / prompt) * 100).toFixed(1)} % of prompt tokens read from the cache`);
		benchLine('cost-ratio', (o / n) * 100, 1, '%', '≤ 25');

		// 2. A long chat that outgrows maxHistoryTokens (60k): the running Haiku summary keeps every request bounded.
		const longChat = await compare(server, { turns: LONG_TURNS, first: 'Let us design a parser together.', question: longQuestion, maxTokens: 2048 }, LONG_ANSWER);
		const lo = dollars(longChat.ours);
		const ln = dollars(longChat.naive);
		const summaries = longChat.ours.filter((u) => u.model !== MODEL);
		const largest = Math.max(...longChat.ours.filter((u) => u.model === MODEL).map((u) => u.usage.input + u.usage.cacheWrite5m + u.usage.cacheWrite1h + u.usage.cacheRead));
		note(`${LONG_TURNS}-turn chat with ≈ 1.5k-token answers: history cap 60k on a local estimate (so the goal is cap + 10 %), older turns summarized by claude-haiku-5-5`);
		note(`ours ${lo.toFixed(4)} USD (of which ${summaries.length} summaries ${dollars(summaries).toFixed(4)} USD) vs naive ${ln.toFixed(4)} USD`);
		benchLine('long-chat-ratio', (lo / ln) * 100, 1, '%', '≤ 25');
		benchLine('long-chat-largest-prompt', largest, 0, 'tokens', '≤ 66000');
		process.exitCode = o / n <= 0.25 && lo / ln <= 0.25 && largest <= 66_000 ? 0 : 1;
	} finally {
		await server.close();
	}
}

void main();
