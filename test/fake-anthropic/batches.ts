import { newId } from './errors';
import { paginate } from './models';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * One line of a results file (docs/anthropic-api.md, Message Batches): succeeded with a message, errored with an error
 * body (docs/anthropic-api.md, Errors), or canceled.
 */
export type BatchResult = { type: 'succeeded'; message: Json } | { type: 'errored'; error: Json } | { type: 'canceled' } | { type: 'expired' };

interface Batch {
	id: string;
	createdAt: number;
	status: 'in_progress' | 'canceling' | 'ended';
	requests: Array<{ custom_id: string; params: Json }>;
	cancelAt?: number;
	endedAt?: number;
	results?: Array<{ custom_id: string; result: BatchResult }>;
}

/** Dependencies the server hands to the store, so batch answers follow the same scripted/default logic as messages. */
export interface BatchDeps {
	now: () => number;
	delayMs: number;
	/** How long `canceling` lasts before the batch ends with its requests canceled. */
	cancelDelayMs: number;
	resultsUrl: (id: string) => string;
	process: (params: Json) => BatchResult;
}

/** What a route answers: a status and a JSON body, or JSONL text for results. */
export type BatchAnswer = { status: number; body?: Json; jsonl?: string; error?: string };

const iso = (t: number): string => new Date(t).toISOString();

/**
 * In-memory Message Batches (docs/anthropic-api.md, Message Batches): `in_progress → (canceling) → ended`. A batch
 * ends the first time it is looked at once `delayMs` has passed; only then are its requests answered, in order, so
 * scripted replies apply per request. A canceled batch stays `canceling` for `cancelDelayMs`, then ends with every
 * request canceled.
 */
export class BatchStore {
	private batches: Batch[] = [];

	constructor(private readonly deps: BatchDeps) {}

	setDelay(ms: number): void {
		this.deps.delayMs = ms;
	}

	clear(): void {
		this.batches = [];
	}

	create(body: Json): BatchAnswer {
		const requests: unknown = body?.requests;
		if (!Array.isArray(requests) || requests.length === 0) {
			return { status: 400, error: 'requests: Field required' };
		}
		const ids = new Set<string>();
		for (const [i, r] of requests.entries()) {
			if (typeof r?.custom_id !== 'string' || typeof r?.params !== 'object' || r.params === null) {
				return { status: 400, error: `requests.${i}: custom_id and params are required` };
			}
			if (ids.has(r.custom_id)) {
				return { status: 400, error: `requests.${i}.custom_id: Duplicate custom_id '${r.custom_id}'` };
			}
			ids.add(r.custom_id);
		}
		const batch: Batch = { id: newId('msgbatch'), createdAt: this.deps.now(), status: 'in_progress', requests };
		this.batches.unshift(batch);
		return { status: 200, body: this.json(batch) };
	}

	list(query: Record<string, string | string[]>): BatchAnswer {
		const all = this.batches.map((b) => this.json(this.advance(b)) as Json);
		return { status: 200, body: paginate(all, query) };
	}

	retrieve(id: string): BatchAnswer {
		const b = this.find(id);
		return b ? { status: 200, body: this.json(this.advance(b)) } : notFound(id);
	}

	cancel(id: string): BatchAnswer {
		const b = this.find(id);
		if (!b) {
			return notFound(id);
		}
		this.advance(b);
		if (b.status === 'in_progress') {
			b.status = 'canceling';
			b.cancelAt = this.deps.now();
		}
		return { status: 200, body: this.json(b) };
	}

	delete(id: string): BatchAnswer {
		const b = this.find(id);
		if (!b) {
			return notFound(id);
		}
		if (this.advance(b).status !== 'ended') {
			return { status: 400, error: `Batch ${id} cannot be deleted while it is still processing; cancel it first.` };
		}
		this.batches = this.batches.filter((x) => x !== b);
		return { status: 200, body: { id, type: 'message_batch_deleted' } };
	}

	results(id: string): BatchAnswer {
		const b = this.find(id);
		if (!b) {
			return notFound(id);
		}
		if (this.advance(b).status !== 'ended' || !b.results) {
			return { status: 400, error: `Batch ${id} has not finished processing.` };
		}
		return { status: 200, jsonl: b.results.map((r) => `${JSON.stringify(r)}\n`).join('') };
	}

	private find(id: string): Batch | undefined {
		return this.batches.find((b) => b.id === id);
	}

	private advance(b: Batch): Batch {
		const now = this.deps.now();
		if (b.status === 'canceling' && now - (b.cancelAt ?? now) >= this.deps.cancelDelayMs) {
			b.results = b.requests.map((r) => ({ custom_id: r.custom_id, result: { type: 'canceled' } }));
		} else if (b.status === 'in_progress' && now - b.createdAt >= this.deps.delayMs) {
			b.results = b.requests.map((r) => ({ custom_id: r.custom_id, result: this.deps.process(r.params) }));
		} else {
			return b;
		}
		b.status = 'ended';
		b.endedAt = now;
		return b;
	}

	private json(b: Batch): object {
		const count = (t: BatchResult['type']): number => b.results?.filter((r) => r.result.type === t).length ?? 0;
		return {
			id: b.id,
			type: 'message_batch',
			processing_status: b.status,
			request_counts: {
				processing: b.status === 'ended' ? 0 : b.requests.length,
				succeeded: count('succeeded'),
				errored: count('errored'),
				canceled: count('canceled'),
				expired: count('expired'),
			},
			created_at: iso(b.createdAt),
			expires_at: iso(b.createdAt + 24 * 3600_000),
			ended_at: b.endedAt !== undefined ? iso(b.endedAt) : null,
			cancel_initiated_at: b.cancelAt !== undefined ? iso(b.cancelAt) : null,
			archived_at: null,
			results_url: b.status === 'ended' ? this.deps.resultsUrl(b.id) : null,
		};
	}
}

function notFound(id: string): BatchAnswer {
	return { status: 404, error: `message_batch_id: ${id} not found` };
}
