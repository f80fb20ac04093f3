/**
 * One row of the fake's model catalogue; the fields that differ per model (docs/anthropic-api.md: Models list, Prompt
 * caching, Context windows).
 */
interface ModelRow {
	id: string;
	name: string;
	created: string;
	line: 'haiku' | 'sonnet' | 'opus';
	lifecycle: 'active' | 'deprecated';
	context: number;
	maxOutput: number;
	/** Minimum cacheable prefix in tokens (docs/anthropic-api.md, Prompt caching). */
	minCache: number;
}

const ROWS: readonly ModelRow[] = [
	{ id: 'claude-opus-5-5', name: 'Claude Opus 5.5', created: '2026-11-04T00:00:00Z', line: 'opus', lifecycle: 'active', context: 1_000_000, maxOutput: 128_000, minCache: 512 },
	{ id: 'claude-sonnet-5-5', name: 'Claude Sonnet 5.5', created: '2026-10-21T00:00:00Z', line: 'sonnet', lifecycle: 'active', context: 1_000_000, maxOutput: 128_000, minCache: 512 },
	{ id: 'claude-haiku-5-5', name: 'Claude Haiku 5.5', created: '2026-10-21T00:00:00Z', line: 'haiku', lifecycle: 'active', context: 1_000_000, maxOutput: 128_000, minCache: 1024 },
	{ id: 'claude-opus-4-8', name: 'Claude Opus 4.8', created: '2026-05-28T00:00:00Z', line: 'opus', lifecycle: 'active', context: 1_000_000, maxOutput: 128_000, minCache: 1024 },
	{ id: 'claude-opus-4-7', name: 'Claude Opus 4.7', created: '2026-04-16T00:00:00Z', line: 'opus', lifecycle: 'active', context: 1_000_000, maxOutput: 128_000, minCache: 2048 },
	{ id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.6', created: '2026-02-17T00:00:00Z', line: 'sonnet', lifecycle: 'active', context: 1_000_000, maxOutput: 128_000, minCache: 1024 },
	{ id: 'claude-opus-4-6', name: 'Claude Opus 4.6', created: '2026-02-05T00:00:00Z', line: 'opus', lifecycle: 'active', context: 1_000_000, maxOutput: 128_000, minCache: 4096 },
	{ id: 'claude-opus-4-5', name: 'Claude Opus 4.5', created: '2025-11-24T00:00:00Z', line: 'opus', lifecycle: 'active', context: 200_000, maxOutput: 64_000, minCache: 4096 },
	{ id: 'claude-haiku-4-5', name: 'Claude Haiku 4.5', created: '2025-10-15T00:00:00Z', line: 'haiku', lifecycle: 'active', context: 200_000, maxOutput: 64_000, minCache: 4096 },
	{ id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', created: '2025-09-29T00:00:00Z', line: 'sonnet', lifecycle: 'deprecated', context: 200_000, maxOutput: 64_000, minCache: 1024 },
];

/** Dated snapshot ids resolve to the ids the SDK's model list and the extension's settings use. */
const ALIASES: Readonly<Record<string, string>> = {
	'claude-haiku-4-5-20251001': 'claude-haiku-4-5',
	'claude-opus-4-5-20251101': 'claude-opus-4-5',
	'claude-sonnet-4-5-20250929': 'claude-sonnet-4-5',
};

/** Minimum cacheable prefix for models not in the table. */
export const DEFAULT_MIN_CACHE_TOKENS = 1024;

function findRow(id: string): ModelRow | undefined {
	const resolved = ALIASES[id] ?? id;
	return ROWS.find((r) => r.id === resolved);
}

/**
 * Per-model minimum cacheable length (docs/anthropic-api.md, Prompt caching): below it nothing is cached and both cache
 * counters stay 0.
 */
export function minCacheTokens(model: string): number {
	return findRow(model)?.minCache ?? DEFAULT_MIN_CACHE_TOKENS;
}

function toModelInfo(r: ModelRow): object {
	const supported = { supported: true };
	return {
		type: 'model',
		id: r.id,
		display_name: r.name,
		created_at: r.created,
		lifecycle: r.lifecycle,
		line: r.line,
		max_input_tokens: r.context,
		max_tokens: r.maxOutput,
		deprecated_at: r.lifecycle === 'deprecated' ? '2026-08-01T00:00:00Z' : null,
		retires_at: r.lifecycle === 'deprecated' ? '2026-11-30T00:00:00Z' : null,
		capabilities: {
			batch: supported,
			citations: supported,
			code_execution: supported,
			image_input: supported,
			pdf_input: supported,
			structured_outputs: supported,
			thinking: { supported: true, types: { adaptive: supported, between_tools: supported, disabled: supported, enabled: supported } },
		},
	};
}

/** `GET /v1/models/:id` body, or undefined for an unknown id (→ 404). */
export function retrieveModel(id: string): object | undefined {
	const row = findRow(id);
	return row ? toModelInfo(row) : undefined;
}

/** Cursor pagination shared by models and batches: `limit` (1–1000, default 20), `after_id`, `before_id`. */
export function paginate<T extends { id: string }>(items: readonly T[], query: Record<string, string | string[]>): {
	data: T[];
	has_more: boolean;
	first_id: string | null;
	last_id: string | null;
} {
	const one = (k: string): string | undefined => (Array.isArray(query[k]) ? query[k][0] : (query[k] as string | undefined));
	const limit = Math.min(1000, Math.max(1, Number(one('limit') ?? 20) || 20));
	const after = one('after_id');
	const before = one('before_id');
	let start: number;
	let end: number;
	if (after !== undefined) {
		start = items.findIndex((m) => m.id === after) + 1;
		end = Math.min(items.length, start + limit);
	} else if (before !== undefined) {
		end = Math.max(0, items.findIndex((m) => m.id === before));
		start = Math.max(0, end - limit);
	} else {
		start = 0;
		end = Math.min(items.length, limit);
	}
	const data = items.slice(start, end);
	const hasMore = before !== undefined ? start > 0 : end < items.length;
	return { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

/** `GET /v1/models` body: newest first, like the real API. */
export function listModels(query: Record<string, string | string[]>): object {
	const infos = ROWS.map(toModelInfo) as Array<{ id: string }>;
	return paginate(infos, query);
}
