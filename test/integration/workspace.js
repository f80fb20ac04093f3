// Copies the fixture workspace to a fresh temporary folder for one test run, so tests can't dirty the repository,
// and generates the binary fixture (the repository holds no binary files). Used by the integration runners (code-server
// and desktop), the e2e runner, and .vscode/launch.json.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const FIXTURE_DIR = path.join(__dirname, 'fixtures', 'workspace');

/** A small binary file: a PNG-like header, then NUL bytes and every byte value. */
function binaryContent() {
	const bytes = Buffer.alloc(512);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
	for (let i = 0; i < 256; i++) {
		bytes[64 + i] = i;
	}
	return bytes;
}

/** Replaces `dir` with a fresh copy of the fixture workspace (plus the generated binary file). */
function populateWorkspace(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.cpSync(FIXTURE_DIR, dir, { recursive: true });
	fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'assets', 'logo.bin'), binaryContent());
	return dir;
}

/**
 * Creates `<tmp>/claude-assistant-<label>-XXXX/workspace` from the fixture.
 * @returns {{ dir: string, remove(): void }} dir = the workspace folder to open
 */
function createWorkspace(label) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), `claude-assistant-${label}-`));
	const dir = populateWorkspace(path.join(root, 'workspace'));
	return {
		dir,
		remove() {
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

module.exports = { createWorkspace, populateWorkspace, FIXTURE_DIR };

// CLI, for .vscode/launch.json's "Extension Tests": node test/integration/workspace.js <dir>
if (require.main === module) {
	const target = process.argv[2];
	if (!target) {
		console.error('usage: node test/integration/workspace.js <dir>');
		process.exit(2);
	}
	console.log(`test workspace: ${populateWorkspace(path.resolve(target))}`);
}
