import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const loadModule = createRequire(__filename);
const { bundleOptions } = loadModule(path.join(ROOT, 'scripts', 'bundles.js')) as {
	bundleOptions(options: { production: boolean }): esbuild.BuildOptions[];
};
const { NOTICES_FILE, renderThirdPartyNotices } = loadModule(path.join(ROOT, 'scripts', 'thirdPartyNotices.js')) as {
	NOTICES_FILE: string;
	renderThirdPartyNotices(metafiles: esbuild.Metafile[], options?: { root?: string; product?: string }): string;
};
const { listFiles, PackageManager } = loadModule('@vscode/vsce') as {
	listFiles(options: { cwd: string; packageManager: number }): Promise<string[]>;
	PackageManager: { None: number };
};

const RULE = '='.repeat(80);

/** Licence files as a reader would look for them in a package folder. */
const LICENSE_NAME = /^(licen[cs]e|copying|notice)/i;

function normalized(text: string): string {
	return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trimEnd();
}

/** Package folders (relative to the root) that put bytes into some output, read straight from the metafiles. */
function packagesIn(metafiles: esbuild.Metafile[]): Set<string> {
	const dirs = new Set<string>();
	for (const m of metafiles) {
		for (const output of Object.values(m.outputs)) {
			for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
				const dir = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
				if (dir && bytesInOutput > 0) {
					dirs.add(dir);
				}
			}
		}
	}
	return dirs;
}

describe('third-party notices (ThirdPartyNotices.txt, written by esbuild.js)', function () {
	this.timeout(60_000);
	let metafiles: esbuild.Metafile[];
	let notices: string;

	before(async () => {
		// the bundles exactly as the VSIX ships them (esbuild.js --production), built in memory
		const results = await Promise.all(bundleOptions({ production: true }).map((o) => esbuild.build({ ...o, write: false })));
		metafiles = results.map((r) => r.metafile as esbuild.Metafile);
		notices = renderThirdPartyNotices(metafiles, { product: 'Claude Assistant' });
	});

	it('the bundles hold marked, DOMPurify, highlight.js and the Anthropic SDK', () => {
		const names = [...packagesIn(metafiles)].map((d) => JSON.parse(fs.readFileSync(path.join(ROOT, d, 'package.json'), 'utf8')).name);
		for (const name of ['marked', 'dompurify', 'highlight.js', '@anthropic-ai/sdk']) {
			assert.ok(names.includes(name), `${name} not found in the bundles: ${names.join(', ')}`);
		}
	});

	it('every bundled package is in the notices with its version, licence and the full text of every licence file it ships', () => {
		const sections = notices.split(`\n${RULE}\n`);
		for (const dir of packagesIn(metafiles)) {
			const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
			const head = `${manifest.name} ${manifest.version}\nLicense: ${manifest.license}\n`;
			const section = sections.find((s) => s.startsWith(head));
			assert.ok(section, `no section starting with ${JSON.stringify(head)}`);
			const files = fs.readdirSync(path.join(ROOT, dir)).filter((f) => LICENSE_NAME.test(f));
			if (files.length === 0) {
				// a package that ships no licence text: the notices say so and carry the text kept in scripts/
				assert.match(section, /the package ships no licence file; its package\.json declares MIT: text from scripts\/third-party-licenses\/[\w.-]+\.txt:/, manifest.name);
				assert.match(section, /Permission is hereby granted, free of charge/, manifest.name);
			}
			for (const file of files) {
				assert.ok(section.includes(`${file}:\n\n${normalized(fs.readFileSync(path.join(ROOT, dir, file), 'utf8'))}`), `${manifest.name}: ${file} is not in the notices in full`);
			}
		}
	});

	it('lists exactly the bundled packages (nothing that is only a dev dependency)', () => {
		const listed = [...notices.matchAll(/^- (\S+) (\S+): /gm)].map((m) => `${m[1]}@${m[2]}`).sort();
		const bundled = [...packagesIn(metafiles)].map((d) => {
			const m = JSON.parse(fs.readFileSync(path.join(ROOT, d, 'package.json'), 'utf8'));
			return `${m.name}@${m.version}`;
		}).sort();
		assert.deepEqual(listed, bundled);
		assert.ok(!listed.some((p) => /^(esbuild|typescript|mocha|@vscode\/vsce)@/.test(p)), listed.join(', '));
	});

	it('refuses a bundled package that ships no licence text, and skips modules tree-shaken to nothing', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'notices-'));
		try {
			fs.mkdirSync(path.join(root, 'node_modules', 'unlicensed'), { recursive: true });
			fs.writeFileSync(path.join(root, 'node_modules', 'unlicensed', 'package.json'), JSON.stringify({ name: 'unlicensed', version: '1.0.0', license: 'MIT' }));
			// 'node_modules/shaken' has no package.json at all: reading it would throw, so it must not be looked at
			const metafile = (inputs: Record<string, number>): esbuild.Metafile => ({
				inputs: {},
				outputs: { 'dist/x.js': { bytes: 1, inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { bytesInOutput: v }])), imports: [], exports: [] } },
			});
			assert.throws(() => renderThirdPartyNotices([metafile({ 'node_modules/unlicensed/index.js': 10, 'node_modules/shaken/index.js': 0 })], { root }),
				/unlicensed@1\.0\.0 \(node_modules\/unlicensed\) is bundled but ships no licence file/);
			fs.writeFileSync(path.join(root, 'node_modules', 'unlicensed', 'LICENSE'), 'MIT License\r\n\r\nCopyright (c) Someone\r\n');
			const text = renderThirdPartyNotices([metafile({ 'node_modules/unlicensed/index.js': 10, 'node_modules/shaken/index.js': 0 })], { root });
			assert.ok(text.includes('unlicensed 1.0.0\nLicense: MIT\nBundled in: dist/x.js\n'), text);
			assert.ok(text.includes('LICENSE:\n\nMIT License\n\nCopyright (c) Someone\n'), text);
			assert.ok(!text.includes('shaken'));
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});

	it('is in the VSIX: vsce lists it with the allow-list in .vscodeignore', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notices-vsix-'));
		try {
			for (const f of ['package.json', '.vscodeignore']) {
				fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
			}
			fs.writeFileSync(path.join(dir, NOTICES_FILE), notices);
			const files = await listFiles({ cwd: dir, packageManager: PackageManager.None });
			assert.ok(files.includes(NOTICES_FILE), files.join(', '));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
