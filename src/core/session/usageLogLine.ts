import type { TokenUsage } from '../../shared/protocol';
import type { UsageEvent } from './types';
import { costBreakdownUsd, fromApiUsage, sumCost } from '../pricing/pricing';

/** The fields of the one info line logged per request (no prompt text, and never the key). */
export interface RequestLogFields {
	requestId: string;
	apiRequestId?: string;
	command: string;
	model: string;
	stop: string;
	usage: TokenUsage;
	costUsd?: number;
	timeToFirstTokenMs?: number;
	totalMs: number;
}

/** `r1 api-request-id=req_… command=chat model=… stop=end_turn in=… out=… cacheWrite5m=… … cost=$… ttft=…ms total=…ms`. */
export function requestLogLine(f: RequestLogFields): string {
	const u = f.usage;
	return [
		f.requestId, `api-request-id=${f.apiRequestId ?? '-'}`, `command=${f.command}`, `model=${f.model}`, `stop=${f.stop}`,
		`in=${u.input}`, `out=${u.output}`, `cacheWrite5m=${u.cacheWrite5m}`, `cacheWrite1h=${u.cacheWrite1h}`, `cacheRead=${u.cacheRead}`,
		`cost=${f.costUsd === undefined ? 'unknown' : `$${f.costUsd.toFixed(6)}`}`,
		`ttft=${f.timeToFirstTokenMs === undefined ? '-' : `${f.timeToFirstTokenMs}ms`}`, `total=${f.totalMs}ms`,
	].join(' ');
}

/** What a finished, stopped or failed call reported, as far as it got. */
export interface ReportedOutcome {
	usage: unknown;
	model: string;
	/** The API's `request-id` header. */
	apiRequestId?: string;
	stopReason: string | null;
	timeToFirstTokenMs?: number;
}

/**
 * One call's usage: its log line, and (when the API reported usage) the event for the status bar and the ledger
 * with its cost. `failure` replaces the stop reason for a request that failed or was stopped mid-way.
 */
export function usageReport(r: { command: UsageEvent['command']; outcome: ReportedOutcome; requestId: string; totalMs: number; failure?: string }): {
	line: string; event?: UsageEvent; cost?: number;
} {
	const { outcome, command, totalMs } = r;
	const stopReason = r.failure ?? outcome.stopReason ?? undefined;
	if (outcome.usage === undefined) {
		return { line: `${r.requestId} command=${command} model=${outcome.model} stop=${stopReason ?? 'none'} no usage reported total=${totalMs}ms` };
	}
	const usage = fromApiUsage(outcome.usage);
	// The one place a request's cost is computed: the event carries it to the status bar, the ledger and the budget.
	const breakdown = costBreakdownUsd(outcome.model, usage);
	const cost = breakdown && sumCost(breakdown);
	const line = requestLogLine({
		requestId: r.requestId, apiRequestId: outcome.apiRequestId, command, model: outcome.model, stop: stopReason ?? '-', usage,
		costUsd: cost, timeToFirstTokenMs: outcome.timeToFirstTokenMs, totalMs,
	});
	return {
		line, cost,
		event: { apiRequestId: outcome.apiRequestId, command, model: outcome.model, usage, stopReason, latencyMs: totalMs, cost: breakdown, costUsd: cost },
	};
}
