import * as assert from 'node:assert/strict';
import type { UsageEvent } from '../../../../src/core/session/types';
import { costUsd, EMPTY_USAGE } from '../../../../src/core/pricing/pricing';
import { LEDGER_COLUMNS, parseLedger, toCsv, toJsonl, toLedgerLine, type LedgerLine } from '../../../../src/core/usage/usageLedgerLine';

const NOW = Date.UTC(2026, 10, 24, 12, 30, 0);

/** A usage event as the session reports it: the cost computed once from the model and usage. */
function event(partial: Partial<UsageEvent> = {}): UsageEvent {
	const e: UsageEvent = { apiRequestId: 'req_1', command: 'chat', model: 'claude-sonnet-5-5', usage: { ...EMPTY_USAGE, input: 1200, output: 340 }, ...partial };
	return 'costUsd' in partial ? e : { ...e, costUsd: costUsd(e.model, e.usage) };
}

function line(partial: Partial<LedgerLine> = {}): LedgerLine {
	return { ...toLedgerLine(event(), { now: NOW }), ...partial };
}

describe('usageLedgerLine: toLedgerLine', () => {
	it('flattens the event with an ISO time and the list-price cost', () => {
		const l = toLedgerLine(event({ usage: { input: 1200, output: 340, cacheWrite5m: 10, cacheWrite1h: 20, cacheRead: 30 } }), { now: NOW });
		assert.deepEqual(Object.keys(l), LEDGER_COLUMNS.slice(0, 10));
		assert.equal(l.time, '2026-11-24T12:30:00.000Z');
		assert.equal(l.requestId, 'req_1');
		assert.equal(l.command, 'chat');
		assert.equal(l.model, 'claude-sonnet-5-5');
		assert.deepEqual([l.input, l.output, l.cacheWrite5m, l.cacheWrite1h, l.cacheRead], [1200, 340, 10, 20, 30]);
		assert.equal(l.costUsd, costUsd('claude-sonnet-5-5', { input: 1200, output: 340, cacheWrite5m: 10, cacheWrite1h: 20, cacheRead: 30 }));
		assert.ok(l.costUsd !== null && Math.abs(l.costUsd - (1200 * 2 + 340 * 10 + 10 * 2.5 + 20 * 4 + 30 * 0.1) / 1e6) < 1e-12);
	});

	it('writes the cost the event carries, not a second pricing of its tokens', () => {
		assert.equal(toLedgerLine(event({ costUsd: 0.125 }), { now: NOW }).costUsd, 0.125);
	});

	it('writes null (not 0, not a missing key) for an unknown price and a missing request id', () => {
		const l = toLedgerLine(event({ model: 'claude-unknown-9', apiRequestId: undefined }), { now: NOW });
		assert.equal(l.costUsd, null);
		assert.equal(l.requestId, null);
		assert.ok(JSON.stringify(l).includes('"costUsd":null'));
	});

	it('carries stopReason and latencyMs only when the event has them', () => {
		assert.ok(!('stopReason' in line()) && !('latencyMs' in line()));
		const l = toLedgerLine({ ...event(), stopReason: 'max_tokens', latencyMs: 812 }, { now: NOW });
		assert.equal(l.stopReason, 'max_tokens');
		assert.equal(l.latencyMs, 812);
	});
});

describe('usageLedgerLine: parseLedger', () => {
	it('round-trips what toJsonl writes', () => {
		const lines = [line(), line({ requestId: null, costUsd: null, stopReason: 'end_turn', latencyMs: 5 }), line({ serviceTier: 'batch' })];
		assert.deepEqual(parseLedger(toJsonl(lines)), lines);
	});

	it('skips blank, truncated, non-object and ill-typed lines but keeps the good ones', () => {
		const good = JSON.stringify(line());
		const text = [
			good,
			'',
			good.slice(0, 40),
			'[1,2]',
			'null',
			JSON.stringify({ ...line(), input: -1 }),
			JSON.stringify({ ...line(), output: '3' }),
			JSON.stringify({ ...line(), time: 'yesterday' }),
			JSON.stringify({ ...line(), costUsd: 'free' }),
			JSON.stringify({ ...line(), latencyMs: 'slow' }),
			JSON.stringify({ ...line(), serviceTier: 'priority' }),
			JSON.stringify({ ...line(), model: undefined }),
			`${good}\r`,
		].join('\n');
		assert.deepEqual(parseLedger(text), [line(), line()]);
	});

	it('drops unknown keys and defaults a missing requestId/costUsd to null', () => {
		const { requestId: _r, costUsd: _c, ...rest } = line();
		const [parsed] = parseLedger(JSON.stringify({ ...rest, prompt: 'secret' }));
		assert.equal(parsed.requestId, null);
		assert.equal(parsed.costUsd, null);
		assert.ok(!('prompt' in parsed));
	});

	it('returns nothing for an empty file', () => {
		assert.deepEqual(parseLedger(''), []);
	});
});

describe('usageLedgerLine: toCsv', () => {
	it('has a header row and one CRLF-terminated row per line; unknown values are empty cells', () => {
		const csv = toCsv([line(), line({ requestId: null, costUsd: null, stopReason: 'end_turn', latencyMs: 42 }), line({ command: 'batchReview', serviceTier: 'batch' })]);
		const rows = csv.split('\r\n');
		assert.equal(rows.length, 5);
		assert.equal(rows[4], '');
		assert.equal(rows[0], 'time,requestId,command,model,input,output,cacheWrite5m,cacheWrite1h,cacheRead,costUsd,stopReason,latencyMs,serviceTier');
		assert.equal(rows[1], `2026-11-24T12:30:00.000Z,req_1,chat,claude-sonnet-5-5,1200,340,0,0,0,${line().costUsd},,,`);
		assert.equal(rows[2], '2026-11-24T12:30:00.000Z,,chat,claude-sonnet-5-5,1200,340,0,0,0,,end_turn,42,');
		assert.equal(rows[3], `2026-11-24T12:30:00.000Z,req_1,batchReview,claude-sonnet-5-5,1200,340,0,0,0,${line().costUsd},,,batch`);
	});

	it('quotes fields with commas, quotes or line breaks (RFC 4180) and leaves others bare', () => {
		const csv = toCsv([line({ requestId: 'a,b', command: 'say "hi"', model: 'm\nx', stopReason: 'r\rs' })]);
		const row = csv.split('\r\n').slice(1).join('\r\n');
		assert.ok(row.startsWith('2026-11-24T12:30:00.000Z,"a,b","say ""hi""","m\nx",1200,'), row);
		assert.ok(row.endsWith(',"r\rs",,\r\n'), JSON.stringify(row));
	});

	it('is only the header for no lines', () => {
		assert.equal(toCsv([]), `${LEDGER_COLUMNS.join(',')}\r\n`);
	});
});
