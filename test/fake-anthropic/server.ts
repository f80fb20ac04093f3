import * as http from 'node:http';
import type { BatchResult } from './batches';
import { BatchStore } from './batches';
import { PromptCache } from './caching';
import { demoReply } from './demo';
import { commonHeaders, errorBody, errorTypeFor, ERROR_TYPE_BY_STATUS, newId, sendCutJson, sendError, sendJson } from './errors';
import { accumulateFixture, defaultFixturesDir, loadFixture } from './fixtures';
import { listModels, retrieveModel } from './models';
import { apiKeyOf, parseJson, parseQuery, readBody, statusForType } from './request';
import { DEFAULT_TEXT, messageJson, planReply } from './reply';
import { replayFixture, SseWriter, streamPlan } from './sse';
import type { FakeServerOptions, ReceivedRequest, ScriptedReply } from './types';
import { rateLimitHeaders, type RateLimitScript } from './rateLimits';
import { countInputTokens } from './usage';
import { validateCountTokens, validateMessages, VERSION_2026 } from './validation';

export type { RateLimitScript } from './rateLimits';
export type { Fault, FakeServerOptions, ReceivedRequest, ScriptedReply, UsageOverride } from './types';

const MB = 1024 * 1024;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Per-request context handed to the route handlers. */
interface Ctx {
	rec: ReceivedRequest;
	res: http.ServerResponse;
	headers: Record<string, string>;
	version: string;
}

/**
 * A local stand-in for the Anthropic API that speaks the real wire protocol (docs/anthropic-api.md), so the real
 * `@anthropic-ai/sdk` runs its own HTTP, SSE, retry and error code against it. Tests script answers and faults with
 * {@link FakeAnthropicServer.enqueue} and assert on {@link FakeAnthropicServer.requests}; `demo` mode gives a
 * key-less manual experience that never pretends to be Claude.
 */
export class FakeAnthropicServer {
	/** Every request received, in arrival order (including rejected ones). Cleared by {@link reset}. */
	readonly requests: ReceivedRequest[] = [];
	private readonly server: http.Server;
	private readonly cache: PromptCache;
	private readonly batches: BatchStore;
	private readonly inFlight = new Set<http.ServerResponse>();
	private readonly apiKeys: readonly string[];
	private readonly fixturesDir: string;
	private readonly now: () => number;
	private queue: ScriptedReply[] = [];
	private defaultReply: ScriptedReply | undefined;
	private rateLimits: RateLimitScript = {};
	private boundPort = 0;

	private constructor(private readonly opts: FakeServerOptions) {
		this.apiKeys = opts.apiKeys ?? ['sk-ant-test-key'];
		this.fixturesDir = opts.fixturesDir ?? defaultFixturesDir();
		this.now = opts.now ?? Date.now;
		this.cache = new PromptCache(this.now);
		this.batches = new BatchStore({
			now: this.now,
			delayMs: opts.batchDelayMs ?? 0,
			cancelDelayMs: opts.batchCancelDelayMs ?? 0,
			resultsUrl: (id) => `${this.url}/v1/messages/batches/${id}/results`,
			process: (params) => this.processBatchRequest(params),
		});
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err: unknown) => {
				if (res.headersSent) {
					res.destroy();
				} else {
					sendError(res, 500, commonHeaders(newId('req'), this.now()), 'api_error', `fake server bug: ${String(err)}`);
				}
			});
		});
	}

	/** Starts listening on 127.0.0.1 (port 0 = any free port) and resolves once connections are accepted. */
	static async start(opts: FakeServerOptions = {}): Promise<FakeAnthropicServer> {
		const fake = new FakeAnthropicServer(opts);
		await new Promise<void>((resolve, reject) => {
			fake.server.once('error', reject);
			fake.server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
		});
		fake.boundPort = (fake.server.address() as { port: number }).port;
		return fake;
	}

	/** Base URL for the SDK's `baseURL`: no trailing slash and no `/v1`, because SDK paths already start with `/v1/`. */
	get url(): string {
		return `http://127.0.0.1:${this.boundPort}`;
	}

	get port(): number {
		return this.boundPort;
	}

	/** Only the `POST /v1/messages` attempts, one per HTTP attempt (so SDK retries show up as separate entries). */
	messageRequests(): ReceivedRequest[] {
		return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
	}

	/** Queues replies; each `POST /v1/messages` attempt (and each batch entry) consumes one, first in first out. */
	enqueue(...replies: ScriptedReply[]): void {
		this.queue.push(...replies);
	}

	/** The reply used when the queue is empty. */
	setDefault(reply: ScriptedReply): void {
		this.defaultReply = reply;
	}

	/**
	 * What every following response's `anthropic-ratelimit-*` headers report (replacing the previous script; `{}` is
	 * the default account). Reporting only: script a 429 `fault` to make a request actually fail.
	 */
	setRateLimits(script: RateLimitScript): void {
		this.rateLimits = { ...script };
	}

	/**
	 * How long batches created from now on, and batches not yet ended, stay `in_progress` (ms, measured with the
	 * server's clock); the option `batchDelayMs` sets it at start. Lets a test hold a batch open, then let it end.
	 */
	setBatchDelay(ms: number): void {
		this.batches.setDelay(ms);
	}

	/** Back to a fresh server: no queue, no log, empty cache and batches, built-in default reply and rate limits. */
	reset(): void {
		this.rateLimits = {};
		this.queue = [];
		this.requests.length = 0;
		this.cache.clear();
		this.batches.clear();
		this.batches.setDelay(this.opts.batchDelayMs ?? 0);
		this.defaultReply = undefined;
	}

	/** Stops the server, ending stalled streams and dropping keep-alive connections so nothing holds the process. */
	async close(): Promise<void> {
		for (const res of this.inFlight) {
			res.destroy();
		}
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private nextReply(body: Json): ScriptedReply {
		return this.queue.shift() ?? this.defaultReply ?? (this.opts.demo ? demoReply(body) : { text: DEFAULT_TEXT });
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const requestId = newId('req');
		const headers = commonHeaders(requestId, this.now(), this.rateLimits);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const limit = url.pathname.startsWith('/v1/messages/batches') ? 256 * MB : 32 * MB;
		const raw = await readBody(req, limit);
		const rec: ReceivedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: parseQuery(url.searchParams),
			headers: req.headers,
			body: parseJson(raw),
			apiKey: apiKeyOf(req.headers),
			requestId,
		};
		this.requests.push(rec);
		this.inFlight.add(res);
		res.on('close', () => {
			this.inFlight.delete(res);
			this.opts.onRequest?.(rec, res.statusCode);
		});
		const route = this.route(rec.method, rec.path);
		if (!route) {
			return sendError(res, 404, headers, 'not_found_error', `Not found: ${rec.method} ${rec.path}`);
		}
		if (!rec.apiKey) {
			return sendError(res, 401, headers, 'authentication_error', 'x-api-key header is required');
		}
		if (this.opts.demo ? rec.apiKey.trim() === '' : !this.apiKeys.includes(rec.apiKey)) {
			return sendError(res, 401, headers, 'authentication_error', 'invalid x-api-key');
		}
		const version = req.headers['anthropic-version'];
		if (typeof version !== 'string' || version === '') {
			return sendError(res, 400, headers, 'invalid_request_error', 'anthropic-version: header is required');
		}
		if (raw === undefined) {
			return sendError(res, 413, headers, 'request_too_large', `Request exceeds the maximum allowed number of bytes (${limit / MB} MB).`);
		}
		if (rec.method === 'POST' && raw.length > 0 && rec.body === undefined) {
			return sendError(res, 400, headers, 'invalid_request_error', 'There was an issue with your request body: invalid JSON.');
		}
		await route({ rec, res, headers, version });
	}

	private route(method: string, path: string): ((ctx: Ctx) => void | Promise<void>) | undefined {
		const batch = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path);
		const model = /^\/v1\/models\/([^/]+)$/.exec(path);
		const json = (answer: { status: number; body?: Json; jsonl?: string; error?: string }, c: Ctx): void => {
			if (answer.error !== undefined) {
				return sendError(c.res, answer.status, c.headers, ERROR_TYPE_BY_STATUS[answer.status], answer.error);
			}
			if (answer.jsonl !== undefined) {
				c.res.writeHead(200, { ...c.headers, 'content-type': 'application/x-jsonl' });
				c.res.end(answer.jsonl);
				return;
			}
			sendJson(c.res, answer.status, answer.body, c.headers);
		};
		switch (`${method} ${batch ? `/v1/messages/batches/:id${batch[2] ?? ''}` : model ? '/v1/models/:id' : path}`) {
			case 'POST /v1/messages':
				return (c) => this.messages(c);
			case 'POST /v1/messages/count_tokens':
				return (c) => this.countTokens(c);
			case 'GET /v1/models':
				return (c) => sendJson(c.res, 200, listModels(c.rec.query), c.headers);
			case 'GET /v1/models/:id':
				return (c) => {
					const info = retrieveModel(decodeURIComponent(model![1]));
					return info ? sendJson(c.res, 200, info, c.headers) : sendError(c.res, 404, c.headers, 'not_found_error', `model: ${model![1]}`);
				};
			case 'POST /v1/messages/batches':
				return (c) => json(this.batches.create(c.rec.body), c);
			case 'GET /v1/messages/batches':
				return (c) => json(this.batches.list(c.rec.query), c);
			case 'GET /v1/messages/batches/:id':
				return (c) => json(this.batches.retrieve(batch![1]), c);
			case 'POST /v1/messages/batches/:id/cancel':
				return (c) => json(this.batches.cancel(batch![1]), c);
			case 'DELETE /v1/messages/batches/:id':
				return (c) => json(this.batches.delete(batch![1]), c);
			case 'GET /v1/messages/batches/:id/results':
				return (c) => json(this.batches.results(batch![1]), c);
			default:
				return undefined;
		}
	}

	private countTokens(c: Ctx): void {
		const invalid = validateCountTokens(c.rec.body, c.version);
		if (invalid) {
			return sendError(c.res, 400, c.headers, 'invalid_request_error', invalid);
		}
		sendJson(c.res, 200, { input_tokens: countInputTokens(c.rec.body) }, c.headers);
	}

	private async messages(ctx: Ctx): Promise<void> {
		const body = ctx.rec.body;
		const invalid = validateMessages(body, ctx.version);
		if (invalid) {
			return sendError(ctx.res, 400, ctx.headers, 'invalid_request_error', invalid);
		}
		const reply = this.nextReply(body);
		const c = reply.rateLimits ? { ...ctx, headers: { ...ctx.headers, ...this.replyRateLimits(ctx.headers, reply.rateLimits) } } : ctx;
		const fault = reply.fault;
		if (fault?.kind === 'http') {
			return sendError(c.res, fault.status, c.headers, fault.errorType, fault.message, fault);
		}
		const stream = body.stream === true;
		if (reply.fixture !== undefined) {
			return this.fixture(c, reply, stream);
		}
		const plan = planReply(body, reply, this.cache.account(String(body.model), body));
		if (stream) {
			const writer = new SseWriter(c.res, c.headers);
			c.rec.sse = writer.written;
			return streamPlan(writer, plan, { delayMs: reply.delayMs ?? 0, firstDeltaDelayMs: reply.firstDeltaDelayMs, pings: reply.pings !== false, fault });
		}
		switch (fault?.kind) {
			case 'errorEvent': {
				const type = fault.errorType ?? 'overloaded_error';
				return sendError(c.res, statusForType(type), c.headers, type, fault.message);
			}
			case 'destroy':
				if (fault.afterDeltas > 0) {
					return sendCutJson(c.res, messageJson(plan), c.headers);
				}
				c.res.socket?.destroy();
				return;
			case 'stall':
				return new Promise((resolve) => c.res.once('close', () => resolve()));
		}
		sendJson(c.res, 200, messageJson(plan), c.headers);
	}

	/** A reply's own rate-limit script over the server's, keeping the request count the response already reported. */
	private replyRateLimits(headers: Record<string, string>, script: RateLimitScript): Record<string, string> {
		return rateLimitHeaders(this.now(), { ...this.rateLimits, ...script }, Number(headers['anthropic-ratelimit-requests-remaining']));
	}

	private async fixture(c: Ctx, reply: ScriptedReply, stream: boolean): Promise<void> {
		const events = loadFixture(this.fixturesDir, reply.fixture!);
		if (stream) {
			return replayFixture(new SseWriter(c.res, c.headers), events, reply.delayMs ?? 0);
		}
		const { message, error } = accumulateFixture(events);
		if (error) {
			return sendError(c.res, statusForType(error.error.type), c.headers, error.error.type, error.error.message);
		}
		sendJson(c.res, 200, message, c.headers);
	}

	private processBatchRequest(params: Json): BatchResult {
		const invalid = validateMessages(params, VERSION_2026) ?? (params?.stream === true ? 'stream: batch requests cannot be streamed' : undefined);
		if (invalid) {
			return { type: 'errored', error: errorBody('invalid_request_error', invalid, null) };
		}
		const reply = this.nextReply(params);
		if (reply.batchExpired) {
			return { type: 'expired' };
		}
		if (reply.fault?.kind === 'http') {
			const type = reply.fault.errorType ?? errorTypeFor(reply.fault.status);
			return { type: 'errored', error: errorBody(type, reply.fault.message ?? type, null, reply.fault.errorCode) };
		}
		if (reply.fixture !== undefined) {
			const { message, error } = accumulateFixture(loadFixture(this.fixturesDir, reply.fixture));
			return error ? { type: 'errored', error: { ...error, request_id: null } } : { type: 'succeeded', message: { ...message, usage: { ...message.usage, service_tier: 'batch' } } };
		}
		const plan = planReply(params, reply, this.cache.account(String(params.model), params));
		return { type: 'succeeded', message: messageJson(plan, 'batch') };
	}
}
