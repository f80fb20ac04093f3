// npm run bench: what a 30-turn chat over a 30k-token file costs with our request shaping (prompt caching + history
// cap) against a naive client (no caching, full history), both through the real SDK and the fake Anthropic server,
// whose usage accounting simulates caching by the documented rules (prefix hash, TTL, minimum length, lookback).
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { createClient } from '../src/core/anthropic/client';
import { ChatSession } from '../src/core/chatSession';
import { CONFIG_DEFAULTS, requestSettings } from '../src/core/configSchema';
import { NULL_LOGGER } from '../src/core/logger';
import { addUsage, costUsd, EMPTY_USAGE, fromApiUsage } from '../src/core/pricing';
import { SYSTEM_PROMPT } from '../src/core/prompts';
import type { TokenUsage } from '../src/shared/protocol';
import { FakeAnthropicServer } from '../test/fake-anthropic/server';

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

const question = (i: number) => `Follow-up ${i}: what does step${i * 7} do, and is it safe for empty arrays?`;

/** One call's usage with its model (the history summary, if any, runs on the Haiku tier). */
interface PricedUsage {
	model: string;
	usage: TokenUsage;
}

async function ours(server: FakeAnthropicServer, file: string): Promise<PricedUsage[]> {
	const usages: PricedUsage[] = [];
	const session = new ChatSession({
		logger: NULL_LOGGER,
		connect: async () => ({ ...(await createClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 })), apiKey: KEY }),
		// The shipped defaults (history summary, estimate before large requests), on the same model and max_tokens as naive.
		settings: () => ({ ...requestSettings(CONFIG_DEFAULTS, 'chat'), model: MODEL, maxTokens: 1024 }),
		flushIntervalMs: 0,
	});
	session.onEvent((e) => {
		if (e.type === 'usage') {
			usages.push({ model: e.usage.model, usage: e.usage.usage });
		} else if (e.type === 'confirm') {
			session.confirmSend(e.requestId); // the user clicks Send on the 30k-token file's estimate
		}
	});
	await session.send({ requestId: 'b0', text: 'Summarize `big.ts`', prompt: `Summarize this file:\n${file}`, command: 'chat' });
	for (let i = 1; i < TURNS; i++) {
		await session.send({ requestId: `b${i}`, text: question(i), command: 'chat' });
	}
	return usages;
}

async function naive(server: FakeAnthropicServer, file: string): Promise<PricedUsage[]> {
	const client = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
	const history: MessageParam[] = [];
	const usages: PricedUsage[] = [];
	for (let i = 0; i < TURNS; i++) {
		history.push({ role: 'user', content: i === 0 ? `Summarize this file:\n${file}` : question(i) });
		const message = await client.messages.stream({ model: MODEL, max_tokens: 1024, system: SYSTEM_PROMPT, messages: history }).finalMessage();
		const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
		history.push({ role: 'assistant', content: text });
		usages.push({ model: MODEL, usage: fromApiUsage(message.usage) });
	}
	return usages;
}

function dollars(usages: PricedUsage[]): number {
	return usages.reduce((sum, u) => sum + (costUsd(u.model, u.usage) ?? NaN), 0);
}

async function main(): Promise<void> {
	const file = bigFile();
	const server = await FakeAnthropicServer.start({ apiKeys: [KEY] });
	try {
		server.setDefault({ text: ANSWER, chunkSize: 2000 });
		const oursUsage = await ours(server, file);
		server.reset();
		server.setDefault({ text: ANSWER, chunkSize: 2000 });
		const naiveUsage = await naive(server, file);
		const o = dollars(oursUsage);
		const n = dollars(naiveUsage);
		const total = oursUsage.map((u) => u.usage).reduce(addUsage, EMPTY_USAGE);
		const prompt = total.input + total.cacheWrite5m + total.cacheWrite1h + total.cacheRead;
		console.log(`bench ${TURNS}-turn chat over a ${FILE_TOKENS / 1000}k-token file, ${MODEL}`);
		console.log(`bench cost-naive: ${n.toFixed(4)} USD`);
		console.log(`bench cost-ours: ${o.toFixed(4)} USD`);
		console.log(`bench cost-ratio: ${((o / n) * 100).toFixed(1)} % (goal ≤ 25 %)`);
		console.log(`bench cache-hit-rate: ${((total.cacheRead / prompt) * 100).toFixed(1)} % of prompt tokens read from the cache`);
		process.exitCode = o / n <= 0.25 ? 0 : 1;
	} finally {
		await server.close();
	}
}

void main();
