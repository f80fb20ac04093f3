import type { TokenUsage } from '../shared/protocol';

/** The fields of the one info line logged per request (house style habit 6: no prompt text, no key). */
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
