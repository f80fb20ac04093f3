/**
 * Messages between the host and the usage dashboard webview (Show Usage). Separate from protocol.ts because the
 * dashboard is its own page with its own bundle: neither side should have to handle the other page's messages in
 * its exhaustive switch. Imports nothing (docs/architecture.md, Layers).
 */

/** Token counts of one day, cache writes of both lifetimes summed (the chart shows four kinds). */
export interface DashboardTokens {
	input: number;
	output: number;
	cacheWrite: number;
	cacheRead: number;
}

/** One local calendar day of the window; days without requests are present with zeros, so the axis is continuous. */
export interface DashboardDay {
	/** Local date, `YYYY-MM-DD`. */
	day: string;
	/** Known cost in USD per model id; a model whose price is unknown appears with 0 (see `unknownCostRequests`). */
	byModel: Record<string, number>;
	tokens: DashboardTokens;
	requests: number;
}

/** Spend of one command (`chat`, `explainSelection`, ...) over the window. */
export interface DashboardCommand {
	command: string;
	/** Known cost only. */
	costUsd: number;
	requests: number;
}

/** Everything the dashboard draws, computed by the host from the usage ledger (the webview never reads files). */
export interface DashboardData {
	/** Oldest first, ending today. */
	days: DashboardDay[];
	/** Every model seen in the window, most expensive first: the stacking order and the legend. */
	models: string[];
	/** Most expensive first. */
	byCommand: DashboardCommand[];
	/** Share of prompt tokens (input + cache writes + cache reads) read from the cache, 0..1; 0 without prompts. */
	cacheHitRate: number;
	totals: {
		requests: number;
		/** Known cost only: requests whose model has no price add nothing here and count in `unknownCostRequests`. */
		costUsd: number;
		unknownCostRequests: number;
		/** Known cost of the requests answered through the Message Batches API (part of `costUsd`). */
		batchUsd: number;
		/** What those requests would have cost interactively, minus what they were billed. */
		batchSavedUsd: number;
	};
}

/** Export formats the dashboard offers; the same two as Export Usage. */
export type DashboardExportFormat = 'csv' | 'jsonl';

/** Host → dashboard webview. */
export type DashboardHostToWebview = { type: 'dashboard/data'; data: DashboardData };

/** Dashboard webview → host. */
export type DashboardWebviewToHost =
	| { type: 'ready' }
	| { type: 'dashboard/export'; format: DashboardExportFormat };

function isObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Validates a message from the dashboard webview at the host boundary: the webview is untrusted input, so only the
 * exact shapes above pass (no extra keys, only the two formats).
 */
export function isDashboardMessage(x: unknown): x is DashboardWebviewToHost {
	if (!isObject(x) || typeof x.type !== 'string') {
		return false;
	}
	const keys = Object.keys(x).sort().join(',');
	switch (x.type) {
		case 'ready':
			return keys === 'type';
		case 'dashboard/export':
			return keys === 'format,type' && (x.format === 'csv' || x.format === 'jsonl');
		default:
			return false;
	}
}

/**
 * Cheap check in the webview on `message` events: anything can post to the window, and only a data message with the
 * arrays the renderer iterates may reach it.
 */
export function isDashboardHostMessage(x: unknown): x is DashboardHostToWebview {
	if (!isObject(x) || x.type !== 'dashboard/data' || !isObject(x.data)) {
		return false;
	}
	const d = x.data;
	return Array.isArray(d.days) && Array.isArray(d.models) && Array.isArray(d.byCommand)
		&& typeof d.cacheHitRate === 'number' && isObject(d.totals);
}
