// Runs the same integration tests (out/test/integration/index.js) in DESKTOP VS Code via @vscode/test-electron, for
// machines that can download VS Code (update.code.visualstudio.com). Not used by `npm test`: offline machines use
// test/integration/run.js (code-server). Usage, after `npm run compile-tests && node esbuild.js`:
//   node test/integration/runDesktop.js            (VSCODE_VERSION=stable|insiders|1.139.1, default stable)
// On a headless Linux box wrap it in xvfb-run -a.
'use strict';

const fs = require('fs');
const path = require('path');
const { runTests } = require('@vscode/test-electron');
const { createWorkspace } = require('./workspace');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_FILE = path.join(REPO_ROOT, '.state', 'integration-desktop', 'results.json');

async function main() {
	fs.rmSync(path.dirname(RESULTS_FILE), { recursive: true, force: true });
	const workspace = createWorkspace('integration-desktop');
	let exitCode = 1;
	try {
		exitCode = await runTests({
			version: process.env.VSCODE_VERSION || 'stable',
			extensionDevelopmentPath: REPO_ROOT,
			extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index'),
			extensionTestsEnv: { CLAUDE_ASSISTANT_TEST_RESULTS: RESULTS_FILE, CLAUDE_ASSISTANT_TEST_GREP: process.env.INTEGRATION_GREP || '' },
			// open the temp workspace; no other extensions; no trust prompt
			launchArgs: [workspace.dir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
		});
	} catch (err) {
		console.error(err.message || err);
	} finally {
		workspace.remove();
	}
	let summary;
	try {
		summary = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
	} catch {
		summary = { passed: 0, failed: 0, failures: [] };
	}
	for (const f of summary.failures) {
		console.log(`FAILED: ${f.title}`);
	}
	console.log(`integration (desktop): ${summary.passed} passed, ${summary.failed} failed`);
	return exitCode === 0 && summary.failed === 0 && summary.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
