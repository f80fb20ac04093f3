// npm start: builds the extension, starts a real VS Code (code-server) with it loaded from this checkout and the
// sample workspace, and prints the URL to open. Without ANTHROPIC_API_KEY it also starts the fake Anthropic server in
// offline-demo mode and points the extension at it; the UI then says "offline demo". Ctrl+C stops everything.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, STATE_ROOT, startCodeServer, extensionFolderName, workbenchUrl } = require('./vscode-runtime/codeServer');

const STATE_DIR = path.join(STATE_ROOT, 'start');
const WORKSPACE = path.join(REPO_ROOT, 'sample-workspace');

function run(cmd, args) {
	execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** The extensions dir holds a symlink to this checkout, so a rebuild (npm run watch) + window reload picks up changes. */
function linkExtension(extensionsDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	fs.rmSync(extensionsDir, { recursive: true, force: true });
	fs.mkdirSync(extensionsDir, { recursive: true });
	fs.symlinkSync(REPO_ROOT, path.join(extensionsDir, extensionFolderName(manifest)), 'dir');
}

async function main() {
	console.log('Building the extension…');
	run(process.execPath, ['esbuild.js']);
	run('bash', ['scripts/vscode-runtime/install.sh']);
	const realKey = (process.env.ANTHROPIC_API_KEY || '').trim();
	const cleanups = [];
	const stopAll = async () => {
		for (const fn of cleanups.reverse()) {
			await fn().catch(() => undefined);
		}
	};
	let userSettings = { 'claudeAssistant.baseUrl': process.env.ANTHROPIC_BASE_URL || '' };
	const env = {};
	if (realKey) {
		env.ANTHROPIC_API_KEY = realKey;
		console.log(`Using ANTHROPIC_API_KEY from your environment; requests go to ${process.env.ANTHROPIC_BASE_URL || 'the Anthropic API'}.`);
	} else {
		run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json']);
		const { FakeAnthropicServer } = require(path.join(REPO_ROOT, 'out', 'test', 'fake-anthropic', 'server.js'));
		// batches stay in progress for 20 s, so the Batches view shows a job running before its report opens
		const fake = await FakeAnthropicServer.start({ demo: true, batchDelayMs: 20_000 });
		cleanups.push(() => fake.close());
		userSettings = { 'claudeAssistant.baseUrl': fake.url };
		env.CLAUDE_ASSISTANT_OFFLINE_DEMO = '1';
		console.log(`No ANTHROPIC_API_KEY: OFFLINE DEMO. Answers come from a local fake server at ${fake.url}, not from Claude.`);
		console.log('To use Claude for real: ANTHROPIC_API_KEY=sk-ant-… npm start (or run "Claude: Set API Key" in the UI;');
		console.log('the browser keeps that key for this address only, and npm start picks a new port each run unless PORT is set).');
	}
	const extensionsDir = path.join(STATE_DIR, 'extensions');
	linkExtension(extensionsDir);
	const server = await startCodeServer({
		stateDir: STATE_DIR,
		port: Number(process.env.PORT) || undefined,
		extensionsDir,
		userSettings: { ...userSettings, 'workbench.colorTheme': 'Default Dark Modern' },
		env,
	});
	cleanups.push(() => server.stop());
	const url = workbenchUrl(server.url, WORKSPACE);
	console.log(`\nClaude Assistant is running in VS Code (code-server). Open:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			console.log('\nStopping…');
			void stopAll().finally(() => process.exit(0));
		});
	}
	await new Promise(() => undefined); // keep running until a signal
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
