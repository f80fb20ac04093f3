import type { UsageEvent } from '../session/types';

/**
 * One request in the on-disk usage ledger (one JSON object per line). Flat and with the same keys on every line, so
 * `jq`, a spreadsheet or a later version of this extension can read it without knowing our types. Token counts only:
 * never prompts, answers or keys.
 */
export interface LedgerLine {
	/** When the request's usage was recorded, ISO 8601 in UTC (sortable, zone-independent). */
	time: string;
	/**
	 * The API's `request-id` (what Anthropic support asks for); null when the response carried none. Named `requestId`
	 * in the file, as it has been since the first ledger; in memory it is `apiRequestId`.
	 */
	requestId: string | null;
	command: string;
	/** The model id as the API reported it (dated ids kept as-is). */
	model: string;
	input: number;
	output: number;
	cacheWrite5m: number;
	cacheWrite1h: number;
	cacheRead: number;
	/** USD at list price; null when the model's price is unknown, because unknown must not read as $0. */
	costUsd: number | null;
	/** Why the answer ended (`end_turn`, `max_tokens`, ...); optional until the usage event carries it. */
	stopReason?: string;
	/** Wall time of the request in ms; optional until the usage event carries it. */
	latencyMs?: number;
	/**
	 * `batch` for a request answered through the Message Batches API, billed at the batch price (its `requestId` is the
	 * answer's message id: a batch's results carry no request-id per request); absent for an interactive request.
	 */
	serviceTier?: 'batch';
}

/** What {@link toLedgerLine} needs besides the event: the clock is passed in to keep it pure. */
export interface LedgerLineDeps {
	/** Epoch ms of the recording. */
	now: number;
}

/** Column order of the CSV export; also the key order of a line. */
export const LEDGER_COLUMNS: readonly (keyof LedgerLine)[] = [
	'time', 'requestId', 'command', 'model', 'input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead', 'costUsd', 'stopReason', 'latencyMs', 'serviceTier',
];

const COUNT_KEYS = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const;

/** What a ledger line is made of: a request's usage event, or a batch result's (any command name, served as a batch). */
export type LedgerEvent = Omit<UsageEvent, 'command'> & { command: string; serviceTier?: 'batch' };

/**
 * Turns one usage event into a ledger line, with the cost the event carries (computed once when the request ended);
 * the optional fields appear only when the event has them.
 */
export function toLedgerLine(event: LedgerEvent, deps: LedgerLineDeps): LedgerLine {
	const u = event.usage;
	const cost = event.costUsd;
	return {
		time: new Date(deps.now).toISOString(),
		requestId: event.apiRequestId ?? null,
		command: event.command,
		model: event.model,
		input: u.input,
		output: u.output,
		cacheWrite5m: u.cacheWrite5m,
		cacheWrite1h: u.cacheWrite1h,
		cacheRead: u.cacheRead,
		costUsd: cost ?? null,
		...(event.stopReason !== undefined ? { stopReason: event.stopReason } : {}),
		...(event.latencyMs !== undefined ? { latencyMs: event.latencyMs } : {}),
		...(event.serviceTier !== undefined ? { serviceTier: event.serviceTier } : {}),
	};
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function toLine(value: unknown): LedgerLine | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return undefined;
	}
	const v = value as Record<string, unknown>;
	const requestId = v.requestId ?? null;
	const costUsd = v.costUsd ?? null;
	if (typeof v.time !== 'string' || Number.isNaN(Date.parse(v.time)) || typeof v.command !== 'string' || typeof v.model !== 'string'
		|| (requestId !== null && typeof requestId !== 'string') || (costUsd !== null && !isCount(costUsd))
		|| !COUNT_KEYS.every((k) => isCount(v[k]))
		|| (v.stopReason !== undefined && typeof v.stopReason !== 'string') || (v.latencyMs !== undefined && !isCount(v.latencyMs))
		|| (v.serviceTier !== undefined && v.serviceTier !== 'batch')) {
		return undefined;
	}
	// Rebuilt from known keys only, so stray fields in a hand-edited file never reach an export.
	const line: LedgerLine = {
		time: v.time, requestId, command: v.command, model: v.model,
		input: v.input as number, output: v.output as number, cacheWrite5m: v.cacheWrite5m as number,
		cacheWrite1h: v.cacheWrite1h as number, cacheRead: v.cacheRead as number, costUsd,
	};
	if (typeof v.stopReason === 'string') {
		line.stopReason = v.stopReason;
	}
	if (isCount(v.latencyMs)) {
		line.latencyMs = v.latencyMs;
	}
	if (v.serviceTier === 'batch') {
		line.serviceTier = 'batch';
	}
	return line;
}

/**
 * Reads a JSONL ledger, skipping lines that are blank, not JSON or not ledger lines: a write cut short by a crash, or
 * a hand edit, costs that one line and not the whole history.
 */
export function parseLedger(text: string): LedgerLine[] {
	const lines: LedgerLine[] = [];
	for (const raw of text.split(/\r?\n/)) {
		if (raw.trim() === '') {
			continue;
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(raw);
		} catch {
			continue;
		}
		const line = toLine(parsed);
		if (line) {
			lines.push(line);
		}
	}
	return lines;
}

/** One line per request, each ending in `\n`: the file format, also used by the JSONL export. */
export function toJsonl(lines: readonly LedgerLine[]): string {
	return lines.map((l) => `${JSON.stringify(l)}\n`).join('');
}

function csvField(value: string | number | null | undefined): string {
	const s = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The ledger as CSV (RFC 4180: CRLF line ends, fields with a quote, comma or line break quoted, quotes doubled), with
 * a header row. Unknown cost and missing optional fields are empty cells, so a spreadsheet sums only known costs.
 */
export function toCsv(lines: readonly LedgerLine[]): string {
	const rows = [LEDGER_COLUMNS.join(','), ...lines.map((l) => LEDGER_COLUMNS.map((c) => csvField(l[c])).join(','))];
	return `${rows.join('\r\n')}\r\n`;
}
