import type { Sdk } from '../../../src/core/anthropic/client';
import { createConnector, type Connector } from '../../../src/core/anthropic/connect';
import type { RequestSettings } from '../../../src/core/request/settings';
import { ChatSession } from '../../../src/core/session/chatSession';
import type { ChatSessionDeps, SessionEvent } from '../../../src/core/session/types';
import { FakeAnthropicServer } from '../../fake-anthropic/server';
import { MemoryLogger } from './memoryLogger';

export const TEST_KEY = 'sk-ant-test-key';

/** Mocha hooks: one fake Anthropic server for the suite, reset before each test. Fields are set by `before`. */
export function useFakeServer(): { server: FakeAnthropicServer } {
	const ctx = {} as { server: FakeAnthropicServer };
	before(async () => {
		ctx.server = await FakeAnthropicServer.start();
	});
	after(async () => {
		await ctx.server.close();
	});
	beforeEach(() => {
		ctx.server.reset();
	});
	return ctx;
}

/**
 * The extension's real connector over a key and base URL read at each call. `forceRetries`, when set, builds every
 * client with that many SDK retries whatever the caller asks for: a client that would retry, to show a billed call
 * still goes out once.
 */
export function testConnector(opts: { baseUrl: () => string; key?: () => string | undefined; forceRetries?: number; loadSdk?: () => Promise<Sdk> }): Connector {
	const connect = createConnector({
		getKey: async () => (opts.key ?? (() => TEST_KEY))(),
		settings: () => ({ baseUrl: opts.baseUrl(), maxRetries: 2 }),
		loadSdk: opts.loadSdk,
	});
	return (options) => connect(opts.forceRetries === undefined ? options : { ...options, maxRetries: opts.forceRetries });
}

/**
 * A ChatSession over the real SDK against `server`, on Sonnet with max_tokens 1000 unless `settings` says otherwise;
 * every event goes to `events`. `deps` replaces any dependency (sleep, clock…).
 */
export function testSession(server: FakeAnthropicServer, events: SessionEvent[], settings: Partial<RequestSettings> = {}, deps: Partial<ChatSessionDeps> = {}): ChatSession {
	let n = 0;
	const session = new ChatSession({
		logger: new MemoryLogger(),
		connect: testConnector({ baseUrl: () => server.url }),
		settings: () => ({ model: 'claude-sonnet-5-5', maxTokens: 1000, cacheTtl: '5m', maxHistoryTokens: 60_000, ...settings }),
		newId: () => `t${++n}`,
		flushIntervalMs: 5,
		...deps,
	});
	session.onEvent((e) => events.push(e));
	return session;
}

/** Polls `cond` every 5 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
	const start = Date.now();
	while (!cond()) {
		if (Date.now() - start > timeoutMs) {
			throw new Error('timed out waiting');
		}
		await new Promise((r) => setTimeout(r, 5));
	}
}
