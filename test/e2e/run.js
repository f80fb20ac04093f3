// UI end-to-end tests: the built extension installed into code-server, driven through the real web workbench with
// playwright-core + Debian Chromium. node test/e2e/run.js [--grep <title part>]   (npm run test:e2e builds first)
//
// 1. copies the built extension (package.json, dist/, media/, README.md) into a fresh extensions dir as
//    claude-assistant-dev.claude-assistant-<version>/ BEFORE the first start (the first start scans that folder);
// 2. starts the fake Anthropic server (out/test/fake-anthropic, if compiled) and points `claudeAssistant.baseUrl` at
//    it in the user settings, so nothing can reach the real API;
// 3. starts code-server WITHOUT the smoke-test driver (with it, notification toasts are never shown);
// 4. runs test/e2e/**/*.spec.js with mocha (sequentially; each spec opens its own browser with lib/workbench.js);
// 5. prints "e2e: N passed, N failed"; screenshots of failures go to test-results/.
'use strict';

const fs = require('fs');
const path = require('path');
const { Mocha } = require('mocha');
const { REPO_ROOT, STATE_ROOT, createRunnerCleanup, startCodeServer, installExtensionFolder } = require('../../scripts/vscode-runtime/codeServer');
const { createWorkspace } = require('../integration/workspace');
const env = require('./lib/env');

const STATE_DIR = path.join(STATE_ROOT, 'e2e');
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
const RECONNECTION_GRACE_S = 1;
const SPEC_TIMEOUT_MS = Number(process.env.E2E_TEST_TIMEOUT_MS || 180_000);
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 30 * 60_000);
const GREP = (() => {
	const i = process.argv.indexOf('--grep');
	return i > 0 ? process.argv[i + 1] || '' : process.env.E2E_GREP || '';
})();

let runner;
const cleanups = createRunnerCleanup('e2e', () => runner?.abort());

function findSpecs(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			return entry.name === 'lib' || entry.name === 'node_modules' ? [] : findSpecs(p);
		}
		return entry.name.endsWith('.spec.js') ? [p] : [];
	});
}

/** Starts the fake Anthropic server if test/fake-anthropic has been compiled (npm run compile-tests). */
async function startFakeAnthropic() {
	const compiled = path.join(REPO_ROOT, 'out', 'test', 'fake-anthropic', 'server.js');
	if (!fs.existsSync(compiled)) {
		console.log('e2e: out/test/fake-anthropic/server.js not compiled; running without the fake Anthropic server');
		return undefined;
	}
	const { FakeAnthropicServer } = require(compiled);
	return FakeAnthropicServer.start({ apiKeys: [env.apiKey] });
}

async function runMocha(files) {
	const mocha = new Mocha({ ui: 'bdd', timeout: SPEC_TIMEOUT_MS, reporter: 'spec', color: Boolean(process.stdout.isTTY) });
	if (GREP) {
		mocha.grep(GREP);
	}
	files.forEach((f) => mocha.addFile(f));
	// Screenshot every open workbench page when a test (or hook) fails.
	mocha.suite.afterEach(async function () {
		const test = this.currentTest;
		if (test && test.state === 'failed') {
			for (const page of env.pages) {
				const name = `e2e-${test.fullTitle()}`.replace(/[^\w.-]+/g, '_').slice(0, 120);
				await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) }).catch(() => undefined);
			}
		}
	});
	return new Promise((resolve) => {
		let passed = 0;
		let failed = 0;
		runner = mocha.run(() => resolve({ passed, failed }));
		runner.on('pass', () => passed++);
		runner.on('fail', (test) => {
			failed++;
			if (test.type === 'hook') {
				for (const page of env.pages) {
					const name = `e2e-hook-${test.fullTitle()}`.replace(/[^\w.-]+/g, '_').slice(0, 120);
					void page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) }).catch(() => undefined);
				}
			}
		});
	});
}

async function main() {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	env.extensionId = `${manifest.publisher}.${manifest.name}`;
	const specs = findSpecs(__dirname).sort();
	if (specs.length === 0) {
		throw new Error('no test/e2e/**/*.spec.js files');
	}

	fs.rmSync(STATE_DIR, { recursive: true, force: true });
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	const serverState = path.join(STATE_DIR, 'server');
	const installed = installExtensionFolder(REPO_ROOT, path.join(serverState, 'extensions'));
	console.log(`installed ${path.relative(REPO_ROOT, installed)}`);

	const workspace = createWorkspace('e2e');
	cleanups.push(() => workspace.remove());

	const fake = await startFakeAnthropic();
	if (fake) {
		cleanups.push(() => fake.close());
		console.log(`fake Anthropic server ${fake.url}`);
	}

	const t0 = Date.now();
	const server = await startCodeServer({
		stateDir: serverState,
		userSettings: fake ? { 'claudeAssistant.baseUrl': fake.url } : {},
		// Each spec opens its own window on the same workspace. The server keeps a closed window's extension host for
		// the reconnection grace time (default 3 h); while it lives, the next window gets another workspace-storage
		// folder ("…-1"), and a reload may land in either, restoring another spec's conversation. A 1 s grace ends
		// a closed window's host soon after, and close() in lib/workbench.js waits until the server logs its exit.
		extraArgs: ['--reconnection-grace-time', String(RECONNECTION_GRACE_S)],
	});
	cleanups.push(() => server.stop());
	console.log(`code-server ${server.url} up in ${Date.now() - t0} ms (log: ${path.relative(REPO_ROOT, server.paths.logFile)})`);

	Object.assign(env, {
		serverUrl: server.url,
		workspaceDir: workspace.dir,
		stateDir: serverState,
		resultsDir: RESULTS_DIR,
		fake,
	});

	let timer;
	const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TOTAL_TIMEOUT_MS)));
	const result = await Promise.race([runMocha(specs), timeout]);
	clearTimeout(timer);
	if (result === 'timeout') {
		console.log(`timed out after ${TOTAL_TIMEOUT_MS} ms (E2E_TIMEOUT_MS)`);
		console.log('e2e: 0 passed, 1 failed');
		return 1;
	}
	const { passed, failed } = result;
	if (passed + failed === 0) {
		console.log('no tests ran: that counts as a failure');
	}
	console.log(`e2e: ${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

main()
	.catch((err) => {
		console.error(err.stack || err);
		console.log('e2e: 0 passed, 1 failed');
		return 1;
	})
	.then(async (code) => {
		if (cleanups.interrupted) {
			return; // the signal handler cleans up and exits 130
		}
		// close any workbench a spec left open, then the servers
		for (const page of env.pages) {
			await page.context().close().catch(() => undefined);
		}
		await cleanups.run();
		process.exit(code);
	});
