// The e2e suite on a busy machine: keeps every core busy with a bounded CPU hog, runs test/e2e/run.js (same
// arguments, e.g. --grep), then stops the hog and passes on the suite's exit code. npm run test:e2e:busy builds first.
// Not part of npm test: it proves that the suite waits on conditions, not on timing that only a quiet machine gives.
//
// The hog is one child process per core, each spinning until it is told to stop, its parent is gone, or
// BUSY_MAX_MINUTES (default 30) have passed, so it can never outlive the run.
'use strict';

const { fork, spawn } = require('child_process');
const os = require('os');
const path = require('path');

const HOG_FLAG = '--hog';

function hog() {
	const deadline = Date.now() + Number(process.env.BUSY_MAX_MINUTES || 30) * 60_000;
	const parent = process.ppid;
	const parentAlive = () => {
		try {
			process.kill(parent, 0);
			return true;
		} catch {
			return false;
		}
	};
	let checked = Date.now();
	for (;;) {
		// spin; look up every 200 ms whether to stop (a disconnect from the parent also ends the process)
		if (Date.now() - checked > 200) {
			checked = Date.now();
			if (checked > deadline || !parentAlive()) {
				process.exit(0);
			}
		}
	}
}

async function main() {
	const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
	const hogs = Array.from({ length: cores }, () => fork(path.join(__dirname, 'busy.js'), [HOG_FLAG], { stdio: 'ignore' }));
	const stopHogs = () => hogs.forEach((h) => h.kill('SIGKILL'));
	process.on('exit', stopHogs);
	console.log(`e2e:busy: ${cores} CPU hog process(es) running (one per core), at most ${process.env.BUSY_MAX_MINUTES || 30} min`);
	const started = Date.now();
	const suite = spawn(process.execPath, [path.join(__dirname, 'run.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
	const code = await new Promise((resolve) => suite.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
	stopHogs();
	console.log(`e2e:busy: suite finished in ${Math.round((Date.now() - started) / 1000)} s with every core busy; exit code ${code}`);
	process.exit(code);
}

if (process.argv.includes(HOG_FLAG)) {
	hog();
} else {
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => process.exit(1));
	}
	void main();
}
