// Runs the integration tests (mocha INSIDE the real VS Code extension host) against code-server, driven by headless
// Chromium: node test/integration/run.js   (npm run test:integration builds and installs everything first)
//
// 1. copies test/integration/fixtures/workspace to a temp folder (+ a generated binary file);
// 2. starts ONE code-server with the smoke-test driver (needed for ?payload= on code-server >= 4.10x);
// 3. opens the workbench with ?payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]] so VS Code loads
//    this repository as the extension under development and runs out/test/integration/index.js;
// 4. prints the extension host's output (window.codeAutomationLog) and waits for window.codeAutomationExit;
// 5. reads the JSON summary that index.ts writes and prints "integration: N passed, N failed".
// Exits non-zero on any failure, on zero tests, or on timeout (INTEGRATION_TIMEOUT_MS, default 10 min).
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const { REPO_ROOT, STATE_ROOT, createRunnerCleanup, startCodeServer, launchBrowser, workbenchUrl, developmentPayload } = require('../../scripts/vscode-runtime/codeServer');
const { createWorkspace } = require('./workspace');

// the whole suite takes about 6 min on a shared 2-core machine (the bad-input matrix and the key-leak scenario ~3 of it)
const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS || 10 * 60_000);
const STATE_DIR = path.join(STATE_ROOT, 'integration');
const RESULTS_FILE = path.join(STATE_DIR, 'results.json');
const TESTS_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index');
const VERBOSE = process.env.VERBOSE === '1';
/** Only tests whose full title matches: node test/integration/run.js --grep "Summarize" (or INTEGRATION_GREP). */
const GREP = (() => {
	const i = process.argv.indexOf('--grep');
	return i > 0 ? process.argv[i + 1] || '' : process.env.INTEGRATION_GREP || '';
})();

/**
 * codeAutomationLog receives the workbench's whole log (connection set-up, agent host, ...) as well as the extension
 * host's console output (mocha's spec reporter). These are the workbench lines that are not test output; offline
 * noise (no gallery, no GitHub auth, no vsda) included. VERBOSE=1 prints everything.
 */
const NOISE = [
	/^Resolv(ing|ed) connection token/,
	/^Creating a socket/,
	/^\[reconnection-grace-time\]/,
	/^Updating additional builtin extensions cache/,
	/^\[Service Worker\]/,
	/^\[AgentHost/,
	/^\[AccountPolicyGate\]/,
	/ENOTFOUND/,
	/open-vsx\.org/,
	/authentication provider/i,
	/vsda/,
	/Failed to fetch/,
];

const cleanups = createRunnerCleanup('integration');

function check(file, hint) {
	if (!fs.existsSync(file)) {
		throw new Error(`${path.relative(REPO_ROOT, file)} is missing; run: ${hint}`);
	}
}

function readSummary() {
	try {
		return JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
	} catch {
		return undefined;
	}
}

async function main() {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	check(path.join(REPO_ROOT, manifest.main), 'node esbuild.js');
	check(`${TESTS_ENTRY}.js`, 'npx tsc -p tsconfig.test.json');

	fs.rmSync(STATE_DIR, { recursive: true, force: true });
	fs.mkdirSync(STATE_DIR, { recursive: true });
	const workspace = createWorkspace('integration');
	cleanups.push(() => workspace.remove());

	const t0 = Date.now();
	const server = await startCodeServer({
		stateDir: path.join(STATE_DIR, 'server'),
		smokeTestDriver: true,
		// the extension host inherits the server's environment (checked: index.ts records resultsFromEnv)
		env: { CLAUDE_ASSISTANT_TEST_RESULTS: RESULTS_FILE, CLAUDE_ASSISTANT_TEST_GREP: GREP },
	});
	cleanups.push(() => server.stop());
	console.log(`code-server ${server.url} up in ${Date.now() - t0} ms (log: ${path.relative(REPO_ROOT, server.paths.logFile)})`);

	const browser = await launchBrowser();
	cleanups.push(() => browser.close());
	const { page } = browser;

	// ?payload=[["extensionDevelopmentPath", vscode-remote://host:port/<repo>], ["extensionTestsPath", …/index]]
	const url = workbenchUrl(server.url, workspace.dir, developmentPayload(server.url, {
		extensionDevelopmentPath: REPO_ROOT,
		extensionTestsPath: TESTS_ENTRY,
	}));

	let resolveExit;
	const exited = new Promise((resolve) => (resolveExit = resolve));
	await page.exposeFunction('codeAutomationLog', (level, message) => {
		// message is the console.* argument list of the logging side (format string first) or a plain string
		const text = Array.isArray(message) ? util.format(...message) : String(message);
		if (VERBOSE || !NOISE.some((re) => re.test(text))) {
			console.log(level === 'error' || level === 'warn' ? `[${level}] ${text}` : text);
		}
	});
	await page.exposeFunction('codeAutomationExit', (code) => resolveExit({ code }));
	page.on('crash', () => resolveExit({ code: 'page crashed' }));
	if (VERBOSE) {
		page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text().slice(0, 500)}`));
	}

	console.log(`open ${url}`);
	await page.goto(url);
	let timer;
	const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve({ code: 'timeout', timeout: true }), TIMEOUT_MS)));
	const result = await Promise.race([exited, timeout]);
	clearTimeout(timer);
	console.log(`extension host exit code: ${result.code} after ${Date.now() - t0} ms`);

	if (result.code !== 0) {
		fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
		await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'integration-exit.png') }).catch(() => undefined);
	}

	const summary = readSummary();
	let passed = 0;
	let failed = 0;
	if (summary) {
		passed = summary.passed;
		failed = summary.failed;
		for (const f of summary.failures) {
			console.log(`FAILED: ${f.title}\n${f.error.split('\n').slice(0, 6).join('\n')}`);
		}
	} else {
		console.log(`no summary at ${path.relative(REPO_ROOT, RESULTS_FILE)}: the test entry did not run (or crashed)`);
	}
	if (result.timeout) {
		console.log(`timed out after ${TIMEOUT_MS} ms (INTEGRATION_TIMEOUT_MS)`);
	} else if (summary && passed + failed === 0) {
		console.log('no tests ran: that counts as a failure');
	} else if (result.code !== 0 && failed === 0) {
		console.log(`the extension host reported ${result.code} without a failing test: see the output above`);
	}
	const ok = result.code === 0 && Boolean(summary) && failed === 0 && passed > 0;
	console.log(`integration: ${passed} passed, ${failed} failed`);
	return ok ? 0 : 1;
}

main()
	.catch((err) => {
		console.error(err.stack || err);
		console.log('integration: 0 passed, 1 failed');
		return 1;
	})
	.then(async (code) => {
		if (cleanups.interrupted) {
			return; // the signal handler cleans up and exits 130
		}
		await cleanups.run();
		process.exit(code);
	});
