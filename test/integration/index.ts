// Entry point that VS Code's extension host loads as `extensionTestsPath` (code-server via ?payload=, or desktop VS Code
// via @vscode/test-electron). It runs every compiled `*.test.js` next to it with mocha and writes a JSON summary that
// the runner reads, because the extension host's exit code says only "passed" or "failed".
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** What test/integration/run.js reads after the extension host exits. */
export interface IntegrationSummary {
	passed: number;
	failed: number;
	pending: number;
	failures: Array<{ title: string; error: string }>;
	/** Where the extension host ran: Node version and whether the env var from the runner arrived. */
	node: string;
	resultsFromEnv: boolean;
	durationMs: number;
}

/** Env var the runner sets on code-server (inherited by the extension host) to say where the summary goes. */
const RESULTS_ENV = 'CLAUDE_ASSISTANT_TEST_RESULTS';

/** Env var the runner sets to run only the tests whose full title contains it (mocha --grep). */
const GREP_ENV = 'CLAUDE_ASSISTANT_TEST_GREP';

/** out/test/integration → the repository root. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The summary file: from the runner's env var, else a fixed path under .state/ (ignored by git). */
export function resultsFile(): string {
	return process.env[RESULTS_ENV] || path.join(REPO_ROOT, '.state', 'integration', 'results.json');
}

function findTests(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			return entry.name === 'fixtures' ? [] : findTests(p);
		}
		return entry.name.endsWith('.test.js') ? [p] : [];
	});
}

function writeSummary(summary: IntegrationSummary): void {
	const file = resultsFile();
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(summary, null, '\t') + '\n');
}

/**
 * Runs the integration tests inside the extension host. Rejects when a test fails or when there are no tests, which
 * makes VS Code report exit code 1.
 */
export function run(): Promise<void> {
	const started = Date.now();
	const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
	const grep = process.env[GREP_ENV];
	if (grep) {
		mocha.grep(grep);
	}
	const files = findTests(__dirname).sort();
	for (const file of files) {
		mocha.addFile(file);
	}
	const summary: IntegrationSummary = {
		passed: 0,
		failed: 0,
		pending: 0,
		failures: [],
		node: process.version,
		resultsFromEnv: Boolean(process.env[RESULTS_ENV]),
		durationMs: 0,
	};
	return new Promise<void>((resolve, reject) => {
		try {
			const runner = mocha.run(() => {
				summary.durationMs = Date.now() - started;
				writeSummary(summary);
				if (summary.failed > 0) {
					reject(new Error(`${summary.failed} integration test(s) failed`));
				} else if (summary.passed === 0) {
					reject(new Error(`no integration tests ran (found ${files.length} file(s) in ${__dirname})`));
				} else {
					resolve();
				}
			});
			runner.on('pass', () => summary.passed++);
			runner.on('pending', () => summary.pending++);
			runner.on('fail', (test, err: Error) => {
				summary.failed++;
				summary.failures.push({ title: test.fullTitle(), error: String(err?.stack || err) });
			});
		} catch (err) {
			// a test file that throws while loading lands here
			summary.failed++;
			summary.failures.push({ title: 'loading the test files', error: String((err as Error)?.stack || err) });
			writeSummary(summary);
			reject(err);
		}
	});
}
