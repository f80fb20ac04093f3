// npm run bench: runs every benchmark, one process each, passes their output through, and ends with the one table
// (markdown, as in the README) built from their `bench <name>: <value> <unit> (goal <goal>)` lines (bench/report.ts).
// Fails when a benchmark fails, prints a malformed `bench` line, or misses its goal.
// `node out/bench/run.js render workbench` runs only the benchmarks whose names contain one of the words.
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseBenchLine, type BenchResult } from './report';

const BENCHMARKS = ['costBench', 'renderBench', 'ledgerBench', 'batchBench', 'vsixBench', 'workbenchBench'];

async function runOne(name: string, results: BenchResult[], problems: string[]): Promise<void> {
	const child = spawn(process.execPath, [path.join(__dirname, `${name}.js`)], { stdio: ['ignore', 'pipe', 'inherit'] });
	let pending = '';
	const take = (line: string) => {
		console.log(line);
		if (line.startsWith('bench ')) {
			const result = parseBenchLine(line);
			if (result) {
				results.push(result);
			} else {
				problems.push(`${name}: malformed line "${line}"`);
			}
		}
	};
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop() ?? '';
		lines.forEach(take);
	});
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (pending) {
		take(pending);
	}
	if (code !== 0) {
		problems.push(`${name} exited with ${code}`);
	}
}

async function main(): Promise<void> {
	const words = process.argv.slice(2);
	const selected = BENCHMARKS.filter((b) => words.length === 0 || words.some((w) => b.toLowerCase().includes(w.toLowerCase())));
	const results: BenchResult[] = [];
	const problems: string[] = [];
	for (const name of selected) {
		console.log(`\n== ${name}`);
		await runOne(name, results, problems);
	}
	const gib = Math.round(os.totalmem() / 2 ** 30);
	console.log(`\n== table (${new Date().toISOString().slice(0, 10)}; ${os.cpus().length} cores, ${gib} GiB, Node ${process.version})`);
	console.log('| Benchmark | Latest | Goal | Met |');
	console.log('|---|---|---|---|');
	for (const r of results) {
		console.log(`| ${r.name} | ${r.value} ${r.unit} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`);
	}
	for (const r of results.filter((x) => !x.met)) {
		problems.push(`${r.name}: ${r.value} ${r.unit} misses its goal ${r.goal}`);
	}
	problems.forEach((p) => console.log(`problem: ${p}`));
	process.exitCode = problems.length > 0 ? 1 : 0;
}

void main();
