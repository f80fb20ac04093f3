// npm run bench (ledger part): what a long usage ledger costs a window, measured at 100 and at 100,000 lines, side by
// side in one run. The ledger is read the way src/host/usage/usageLedgerFile.ts reads it, with the same core code
// (LedgerTotals); the file reads are node:fs here, as there on local disk.
//
// - startup: a window that starts reads the sums an earlier window saved beside the ledger (usage-ledger.sums.json)
//   and reads only the lines after them (here: one), then has today's and this month's spend. (The host also compares
//   the 256 bytes before the saved offset with the file first: one small read, left out here.) Before the
//   sums were saved, a window parsed the whole ledger instead: printed as a note for the 100,000-line file.
// - refresh: one line appended, read from where the last read stopped, and the dashboard's data drawn from the sums
//   (what Show Usage does on each new request); it used to re-read and re-parse the whole file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LedgerTotals } from '../src/core/usage/ledgerTotals';
import { toJsonl, type LedgerLine } from '../src/core/usage/usageLedgerLine';
import { benchLine, median, note } from './report';

const RUNS = 15;
const NOW = Date.now();
const DAY_MS = 24 * 3600 * 1000;
const MODELS = ['claude-haiku-4-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];
const COMMANDS = ['chat', 'explainSelection', 'summarizeFile', 'fixSelection'];

/** `count` requests spread evenly over the last year, oldest first, as the ledger holds them. */
function ledgerLines(count: number): LedgerLine[] {
	return Array.from({ length: count }, (_, i) => ({
		time: new Date(NOW - 365 * DAY_MS + Math.floor(((i + 1) / count) * 365 * DAY_MS) - 1).toISOString(),
		requestId: `req_${i}`, command: COMMANDS[i % COMMANDS.length], model: MODELS[i % MODELS.length],
		input: 1000 + (i % 500), output: 200, cacheWrite5m: i % 3 === 0 ? 4000 : 0, cacheWrite1h: 0, cacheRead: i % 3 === 0 ? 0 : 4000, costUsd: 0.004,
	}));
}

/** The text after `offset` (the bytes another window appended since). */
function readFrom(file: string, offset: number): string {
	const fd = fs.openSync(file, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		const bytes = Buffer.alloc(size - offset);
		fs.readSync(fd, bytes, 0, bytes.length, offset);
		return bytes.toString('utf8');
	} finally {
		fs.closeSync(fd);
	}
}

function time(fn: () => void): number {
	const t0 = performance.now();
	fn();
	return performance.now() - t0;
}

interface Figures {
	startup: number;
	refresh: number;
	fullRead: number;
	sumsBytes: number;
	ledgerBytes: number;
}

function measure(dir: string, count: number): Figures {
	const ledger = path.join(dir, `ledger-${count}.jsonl`);
	const sums = path.join(dir, `ledger-${count}.sums.json`);
	const lines = ledgerLines(count);
	fs.writeFileSync(ledger, toJsonl(lines));
	// an earlier window: read everything once, save the sums with the offset they cover
	const earlier = new LedgerTotals(() => NOW);
	const fullRead = median(Array.from({ length: 3 }, () => time(() => new LedgerTotals(() => NOW).push(fs.readFileSync(ledger, 'utf8')))));
	earlier.push(fs.readFileSync(ledger, 'utf8'));
	const offset = fs.statSync(ledger).size;
	fs.writeFileSync(sums, JSON.stringify({ offset, totals: earlier.snapshot() }));
	const extra = toJsonl([{ ...lines[lines.length - 1], time: new Date(NOW).toISOString(), requestId: 'req_new' }]);
	fs.appendFileSync(ledger, extra);

	const startup: number[] = [];
	const refresh: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		let totals: LedgerTotals | undefined;
		startup.push(time(() => {
			const saved = JSON.parse(fs.readFileSync(sums, 'utf8')) as { offset: number; totals: unknown };
			totals = LedgerTotals.restore(saved.totals, () => NOW);
			totals!.push(readFrom(ledger, saved.offset));
			totals!.today();
			totals!.monthUsd();
		}));
		if (totals?.today().requests === 0) {
			throw new Error('the restored sums lost today\'s request');
		}
		const end = fs.statSync(ledger).size;
		fs.appendFileSync(ledger, extra);
		refresh.push(time(() => {
			totals!.push(readFrom(ledger, end));
			totals!.dashboard();
		}));
	}
	return { startup: median(startup), refresh: median(refresh), fullRead, sumsBytes: fs.statSync(sums).size, ledgerBytes: offset };
}

function main(): void {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
	try {
		const small = measure(dir, 100);
		const large = measure(dir, 100_000);
		note(`ledgers of 100 and 100,000 requests over the last year (${(small.ledgerBytes / 1e3).toFixed(0)} KB and ${(large.ledgerBytes / 1e6).toFixed(1)} MB); medians of ${RUNS} runs each`);
		note(`window start-up (saved sums + the lines after them): ${small.startup.toFixed(2)} ms at 100 lines, ${large.startup.toFixed(2)} ms at 100,000 (sums file ${small.sumsBytes} and ${large.sumsBytes} bytes)`);
		note(`the whole 100,000-line ledger parsed instead, as a window did before the sums were saved: ${large.fullRead.toFixed(0)} ms`);
		note(`dashboard refresh after one new request: ${small.refresh.toFixed(2)} ms at 100 lines, ${large.refresh.toFixed(2)} ms at 100,000`);
		benchLine('ledger-startup-100k-vs-100', large.startup / small.startup, 2, '×', '≤ 2');
		benchLine('ledger-refresh-100k-vs-100', large.refresh / small.refresh, 2, '×', '≤ 2');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main();
