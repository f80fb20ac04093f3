// npm run bench: the size of the production VSIX. Packs it as a release does (`npm run vsix`: vscode:prepublish
// type-checks, lints and builds with --production, then vsce packs the .vscodeignore allow-list) into a temporary
// folder, which is removed afterwards, so no .vsix is left in the repository.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchLine, note } from './report';

const ROOT = path.join(__dirname, '..', '..');

function main(): void {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-assistant-vsix-'));
	try {
		const file = path.join(dir, 'claude-assistant.vsix');
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const run = spawnSync(npm, ['run', 'vsix', '--', '--out', file], { cwd: ROOT, encoding: 'utf8' });
		const output = `${run.stdout}${run.stderr}`;
		if (run.status !== 0 || !fs.existsSync(file)) {
			throw new Error(`npm run vsix failed (${run.status ?? run.signal}):\n${output}`);
		}
		const bytes = fs.statSync(file).size;
		const packaged = /Packaged: .*\((\d+ files), [^)]*\)/.exec(output);
		note(`production VSIX (npm run vsix into a temporary folder): ${bytes} bytes${packaged ? `, ${packaged[1]}` : ''}; 1 KB = 1000 bytes`);
		benchLine('vsix-size', bytes / 1000, 1, 'KB', '≤ 1000');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main();
