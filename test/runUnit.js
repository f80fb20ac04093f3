// Runs the compiled unit tests with mocha and prints the closing line CI reads: "N passed, N failed".
const path = require('path');
const fs = require('fs');
const { Mocha } = require('mocha');

for (const name of Object.keys(process.env)) {
	if (name.startsWith('ANTHROPIC_')) {
		delete process.env[name]; // never let a developer's real key or base URL leak into tests
	}
}

function collect(dir) {
	if (!fs.existsSync(dir)) {
		return [];
	}
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? collect(p) : e.name.endsWith('.test.js') ? [p] : [];
	});
}

const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: 'spec' });
const compiled = path.join(__dirname, '..', 'out', 'test', 'unit');
// Only tests whose source still exists: tsc does not delete what it compiled from a file since moved or removed.
const files = collect(compiled).sort()
	.filter((f) => fs.existsSync(path.join(__dirname, 'unit', path.relative(compiled, f).replace(/\.js$/, '.ts'))));
files.forEach((f) => mocha.addFile(f));
const runner = mocha.run(() => undefined);
let passed = 0;
let failed = 0;
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
runner.on('end', () => {
	console.log(`unit: ${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
