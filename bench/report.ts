// The output format every benchmark shares, read back by bench/run.ts to print the one table (and the README's).

/** A result line: `bench <name>: <value> <unit> (goal <goal>)`. The goal is `≤ N`, `< N`, `≥ N` or `> N` in the unit. */
export const BENCH_LINE = /^bench ([a-z0-9-]+): (-?\d+(?:\.\d+)?) (\S+(?: \S+)*?) \(goal ([≤≥<>]) (-?\d+(?:\.\d+)?) \3\)$/;

/** One parsed result line. */
export interface BenchResult {
	name: string;
	/** As printed (its rounding kept). */
	value: string;
	unit: string;
	goal: string;
	met: boolean;
}

/**
 * Prints one result. `digits` is how it is rounded; the goal is checked on the printed value, so the line and the
 * verdict agree.
 */
export function benchLine(name: string, value: number, digits: number, unit: string, goal: `${'≤' | '<' | '≥' | '>'} ${number}`): void {
	const line = `bench ${name}: ${value.toFixed(digits)} ${unit} (goal ${goal} ${unit})`;
	if (!BENCH_LINE.test(line)) {
		throw new Error(`not a bench line: ${line}`);
	}
	console.log(line);
}

/** Context for the lines around it (method, inputs, the figures a ratio is made of); never starts with `bench`. */
export function note(text: string): void {
	console.log(`  ${text}`);
}

/** Parses a result line, or undefined for any other output. */
export function parseBenchLine(line: string): BenchResult | undefined {
	const m = BENCH_LINE.exec(line);
	if (!m) {
		return undefined;
	}
	const [, name, raw, unit, op, limitRaw] = m;
	const value = Number(raw);
	const limit = Number(limitRaw);
	const met = op === '≤' ? value <= limit : op === '<' ? value < limit : op === '≥' ? value >= limit : value > limit;
	return { name, value: raw, unit, goal: `${op} ${limitRaw} ${unit}`, met };
}

/** The median (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
	if (values.length === 0) {
		throw new Error('median of nothing');
	}
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
