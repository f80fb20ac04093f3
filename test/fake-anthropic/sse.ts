import type * as http from 'node:http';
import { defaultErrorMessage } from './errors';
import type { ReplyPlan } from './reply';
import { deltaUsageJson, UNKNOWN_BLOCK, usageJson } from './reply';
import type { Fault } from './types';

/** Time the client gets to read already-sent events before a scripted socket drop. */
const DESTROY_GRACE_MS = 30;

/**
 * One SSE response. Every event is its own `write()` (docs/anthropic-api.md, Streaming), and once the client is gone
 * nothing more is written, so an aborted request never turns into an unhandled error on the server.
 */
export class SseWriter {
	/** Each event as it was written, with the server's clock (performance.now()): what the client could see when. */
	readonly written: Array<{ event: string; at: number }> = [];
	private gone = false;
	private lastWrite: Promise<void> = Promise.resolve();

	constructor(private readonly res: http.ServerResponse, headers: Record<string, string>) {
		res.on('close', () => {
			this.gone = true;
		});
		res.on('error', () => {
			this.gone = true;
		});
		res.socket?.setNoDelay(true);
		res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
		res.flushHeaders();
	}

	/** True once the client disconnected or the response was ended or destroyed. */
	get closed(): boolean {
		return this.gone || this.res.destroyed || this.res.writableEnded;
	}

	/** Writes `event: <name>\ndata: <json>\n\n`; the data's `type` equals the event name, as on the wire. */
	send(event: string, data: object): void {
		this.written.push({ event, at: performance.now() });
		this.raw(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
	}

	/** Writes bytes as they are (fixture replay). */
	raw(text: string): void {
		if (!this.closed) {
			this.lastWrite = new Promise((resolve) => this.res.write(text, () => resolve()));
		}
	}

	end(): void {
		if (!this.closed) {
			this.res.end();
		}
	}

	/**
	 * Drops the connection without a proper end of the chunked body, like a network failure. It first lets the
	 * client take in what was already sent: a fetch body stream that errors discards chunks it has not yet handed
	 * out, which would make the partial answer vanish in a way real networks rarely produce.
	 */
	async destroy(): Promise<void> {
		await this.lastWrite;
		await sleep(DESTROY_GRACE_MS);
		this.res.socket?.destroy();
		this.res.destroy();
	}

	/** Resolves when the client goes away or the server closes, to model a server that stops talking. */
	waitUntilClosed(): Promise<void> {
		return this.closed ? Promise.resolve() : new Promise((resolve) => this.res.once('close', () => resolve()));
	}
}

/** Sleeps, but not at all for 0 ms so undelayed streams stay fast. */
export function sleep(ms: number): Promise<void> {
	return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

interface Step {
	event: string;
	data: object;
	delta?: boolean;
}

function blockSteps(index: number, start: object, deltas: object[]): Step[] {
	return [
		{ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: start } },
		...deltas.map((delta) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta }, delta: true })),
		{ event: 'content_block_stop', data: { type: 'content_block_stop', index } },
	];
}

/** The content events of a plan, in final-content order: thinking, unknown block, text. */
function contentSteps(plan: ReplyPlan): Step[] {
	const steps: Step[] = [];
	let index = 0;
	if (plan.thinkingChunks.length > 0) {
		const deltas: object[] = plan.thinkingChunks.map((thinking) => ({ type: 'thinking_delta', thinking }));
		deltas.push({ type: 'signature_delta', signature: plan.signature });
		steps.push(...blockSteps(index++, { type: 'thinking', thinking: '', signature: '' }, deltas));
	}
	if (plan.unknownBlock) {
		steps.push(...blockSteps(index++, { ...UNKNOWN_BLOCK, payload: '' }, [{ type: 'mystery_delta', payload: UNKNOWN_BLOCK.payload }]));
	}
	steps.push(...blockSteps(index, { type: 'text', text: '', citations: null }, plan.textChunks.map((text) => ({ type: 'text_delta', text }))));
	return steps;
}

/** Options of {@link streamPlan}. */
export interface StreamOptions {
	delayMs: number;
	/** Pause before the first delta (time to first token). Default 0. */
	firstDeltaDelayMs?: number;
	pings: boolean;
	fault?: Fault;
}

/**
 * Streams a planned answer in the API's event order (docs/anthropic-api.md, Streaming), injecting the scripted fault at
 * its point. Returns when the response is finished, dropped or (for a stall) closed by the client or the server.
 */
export async function streamPlan(w: SseWriter, plan: ReplyPlan, opts: StreamOptions): Promise<void> {
	const message = {
		id: plan.id,
		type: 'message',
		role: 'assistant',
		model: plan.model,
		content: [],
		stop_reason: null,
		stop_sequence: null,
		stop_details: null,
		container: null,
		diagnostics: null,
		usage: usageJson(plan.tokens, 'standard', 1),
	};
	w.send('message_start', { type: 'message_start', message });
	const fault = opts.fault && opts.fault.kind !== 'http' ? opts.fault : undefined;
	const faultAt = fault && 'afterDeltas' in fault ? Math.max(0, fault.afterDeltas) : undefined;
	let deltas = 0;
	let pinged = !opts.pings;
	for (const step of contentSteps(plan)) {
		if (step.delta) {
			if (faultAt === deltas) {
				return fire(w, fault!);
			}
			await sleep(deltas > 0 ? opts.delayMs : opts.firstDeltaDelayMs ?? 0);
			deltas++;
		}
		if (w.closed) {
			return;
		}
		w.send(step.event, step.data);
		if (!pinged && step.event === 'content_block_start') {
			pinged = true;
			w.send('ping', { type: 'ping' });
		}
	}
	if (faultAt !== undefined) {
		return fire(w, fault!);
	}
	w.send('message_delta', {
		type: 'message_delta',
		delta: { stop_reason: plan.stopReason, stop_sequence: plan.stopSequence, stop_details: plan.stopDetails, container: null },
		usage: deltaUsageJson(plan.tokens),
	});
	if (fault?.kind !== 'noMessageStop') {
		w.send('message_stop', { type: 'message_stop' });
	}
	w.end();
}

async function fire(w: SseWriter, fault: Fault): Promise<void> {
	switch (fault.kind) {
		case 'errorEvent': {
			const type = fault.errorType ?? 'overloaded_error';
			w.send('error', { type: 'error', error: { type, message: fault.message ?? defaultErrorMessage(type) } });
			w.end();
			return;
		}
		case 'destroy':
			return w.destroy();
		case 'stall':
			await w.waitUntilClosed();
			return;
		default:
			w.end();
	}
}

/** Splits a `.sse` file into its events, each keeping its own bytes (incl. the blank line), so replay is verbatim. */
export function splitEvents(text: string): string[] {
	return text.split(/(?<=\r?\n\r?\n)/).filter((e) => e.length > 0);
}

/** Replays fixture events one `write()` each, `delayMs` apart. */
export async function replayFixture(w: SseWriter, events: readonly string[], delayMs: number): Promise<void> {
	for (let i = 0; i < events.length; i++) {
		if (i > 0) {
			await sleep(delayMs);
		}
		if (w.closed) {
			return;
		}
		w.raw(events[i]);
	}
	w.end();
}
