import { localMonthKey } from './budget';
import { costBreakdownUsd, sumCost, TOKEN_KINDS, type UsageCost } from '../pricing/pricing';
import { addRecord, cloneTotals, emptyTotals, localDayKey, type Totals } from './usage';
import { parseLedger, type LedgerLine } from './usageLedgerLine';

/**
 * Today's and this month's spend from the usage ledger, the one file every window of this VS Code appends to. Fed the
 * file in pieces as it grows ({@link push} the bytes after the last read), so a long history is parsed once and two
 * windows that both spend see the sum. Only the current month is kept; a line still being written (no newline yet)
 * waits for the next piece.
 */
export class LedgerTotals {
	/** Local day key → that day's totals, for the days of {@link month}. */
	private days = new Map<string, Totals>();
	private month: string;
	private rest = '';

	constructor(private readonly now: () => number) {
		this.month = localMonthKey(now());
	}

	/** Adds the ledger text that follows everything pushed so far. */
	push(text: string): void {
		const all = this.rest + text;
		const cut = all.lastIndexOf('\n');
		if (cut < 0) {
			this.rest = all;
			return;
		}
		this.rest = all.slice(cut + 1);
		this.rollMonth();
		for (const line of parseLedger(all.slice(0, cut))) {
			this.add(line);
		}
	}

	/** Forgets everything (the file was replaced or truncated: it is read again from the start). */
	reset(): void {
		this.days.clear();
		this.rest = '';
		this.month = localMonthKey(this.now());
	}

	/** Every request recorded since local midnight, in any window. */
	today(): Totals {
		this.rollMonth();
		return cloneTotals(this.days.get(localDayKey(this.now())) ?? emptyTotals());
	}

	/** The known cost of this local calendar month, in any window. */
	monthUsd(): number {
		this.rollMonth();
		let sum = 0;
		for (const t of this.days.values()) {
			sum += t.costUsd;
		}
		return sum;
	}

	private add(line: LedgerLine): void {
		const at = Date.parse(line.time);
		if (localMonthKey(at) !== this.month) {
			return;
		}
		const day = localDayKey(at);
		let totals = this.days.get(day);
		if (!totals) {
			totals = emptyTotals();
			this.days.set(day, totals);
		}
		addRecord(totals, { model: line.model, usage: line, cost: lineCost(line) });
	}

	private rollMonth(): void {
		const month = localMonthKey(this.now());
		if (month !== this.month) {
			this.month = month;
			this.days.clear();
		}
	}
}

/**
 * A ledger line's cost by token kind. The line's `costUsd` is the number computed when the request ended; the split
 * by kind is that number divided in the proportions of the list prices (the line stores only the total), so every
 * sum shown adds up to what the log, the status bar and the budget counted. Undefined for an unknown price.
 */
export function lineCost(line: LedgerLine): UsageCost | undefined {
	if (line.costUsd === null) {
		return undefined;
	}
	const listed = costBreakdownUsd(line.model, line);
	const listedSum = listed ? sumCost(listed) : 0;
	const cost = { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
	if (!listed || listedSum <= 0) {
		cost.input = line.costUsd; // priced by an override since removed: keep the number, attribute it to input
		return cost;
	}
	for (const kind of TOKEN_KINDS) {
		cost[kind] = (listed[kind] / listedSum) * line.costUsd;
	}
	return cost;
}
