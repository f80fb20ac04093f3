// Writes ThirdPartyNotices.txt: for every npm package with code in one of the extension's bundles, its name,
// version, licence (package.json) and the full text of the licence files it ships. The package list comes from the
// bundles' esbuild metafiles (only inputs that put bytes into an output count), so the notices cannot drift from
// what is bundled. A bundled package without a licence file fails the build unless third-party-licenses/ holds its
// text (see LICENSE_FALLBACKS).
'use strict';

const fs = require('fs');
const path = require('path');

/** The repository root (this file lives in scripts/). */
const REPO_ROOT = path.resolve(__dirname, '..');

/** The generated file, relative to the repository root; .vscodeignore allow-lists it into the VSIX. */
const NOTICES_FILE = 'ThirdPartyNotices.txt';

/** Files in a package's folder that carry its licence terms (LICENSE, LICENSE-MIT, LICENCE.md, COPYING, NOTICE). */
const LICENSE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/**
 * Licence texts for bundled packages that ship none, kept in scripts/third-party-licenses/. Each is used only while
 * the package still ships no licence file and its package.json still declares `license`.
 */
const LICENSE_FALLBACKS = {
	// standardwebhooks 1.1.1 (bundled with @anthropic-ai/sdk) publishes no LICENSE; its package.json says MIT, author
	// "Standard Webhooks". The file is the MIT text (as in marked's LICENSE) with that author as the copyright holder.
	standardwebhooks: { license: 'MIT', file: 'standardwebhooks-MIT.txt' },
};

const RULE = '='.repeat(80);
const THIN_RULE = '-'.repeat(80);

/**
 * The package folder an esbuild input lives in (relative to the repository root), or undefined for our own sources
 * and virtual modules: the part up to the last `node_modules/<name>` or `node_modules/@scope/<name>`.
 * @param {string} input a metafile input path, e.g. `node_modules/marked/lib/marked.esm.js`
 */
function packageDirOf(input) {
	const matches = [...input.matchAll(/(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/]+(?=\/)/g)];
	if (matches.length === 0) {
		return undefined;
	}
	const last = matches[matches.length - 1];
	return input.slice(0, last.index + last[0].length).replace(/^\//, '');
}

/**
 * Every package folder with code in the bundles, and the outputs it is in.
 * @param {import('esbuild').Metafile[]} metafiles
 * @returns {Map<string, Set<string>>} package folder → output files (sorted insertion not guaranteed)
 */
function bundledPackageDirs(metafiles) {
	const dirs = new Map();
	for (const metafile of metafiles) {
		for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
			for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
				const dir = bytesInOutput > 0 ? packageDirOf(input) : undefined;
				if (dir) {
					if (!dirs.has(dir)) {
						dirs.set(dir, new Set());
					}
					dirs.get(dir).add(output);
				}
			}
		}
	}
	return dirs;
}

/** package.json's licence as an SPDX expression: `license`, or the old `license: { type }` / `licenses: [...]` forms. */
function licenseId(manifest) {
	if (typeof manifest.license === 'string') {
		return manifest.license;
	}
	if (manifest.license && typeof manifest.license.type === 'string') {
		return manifest.license.type;
	}
	if (Array.isArray(manifest.licenses) && manifest.licenses.length > 0) {
		const ids = manifest.licenses.map((l) => (typeof l === 'string' ? l : l.type));
		return ids.length === 1 ? ids[0] : `(${ids.join(' OR ')})`;
	}
	return undefined;
}

function readText(file) {
	return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trimEnd();
}

/**
 * What the notices say about one package folder: name, version, licence id and licence texts (from the package, or
 * from a fallback). Throws when the package declares no licence or ships no text and has no fallback.
 * @param {string} dir package folder relative to root
 * @param {string} root repository root
 * @returns {{ name: string, version: string, license: string, texts: Array<{ source: string, text: string }> }}
 */
function describePackage(dir, root = REPO_ROOT) {
	const abs = path.join(root, dir);
	const manifest = JSON.parse(fs.readFileSync(path.join(abs, 'package.json'), 'utf8'));
	const name = manifest.name;
	const license = licenseId(manifest);
	if (!license) {
		throw new Error(`${name}@${manifest.version} (${dir}) is bundled but its package.json declares no licence`);
	}
	const files = fs.readdirSync(abs).filter((f) => LICENSE_FILE.test(f) && fs.statSync(path.join(abs, f)).isFile()).sort();
	let texts = files.map((f) => ({ source: f, text: readText(path.join(abs, f)) }));
	if (texts.length === 0) {
		const fallback = LICENSE_FALLBACKS[name];
		if (!fallback || fallback.license !== license) {
			throw new Error(`${name}@${manifest.version} (${dir}) is bundled but ships no licence file; add its ${license} text to scripts/third-party-licenses/ and LICENSE_FALLBACKS`);
		}
		texts = [{
			source: `the package ships no licence file; its package.json declares ${license}: text from scripts/third-party-licenses/${fallback.file}`,
			text: readText(path.join(__dirname, 'third-party-licenses', fallback.file)),
		}];
	}
	return { name, version: manifest.version, license, texts };
}

/**
 * Output files for the "Bundled in" line; the outputs of a folder (dist/hljs/) are summed up as `dist/hljs/*.js`
 * when the package is in every script there.
 */
function outputsLine(outputs, allOutputs) {
	const byDir = new Map();
	for (const o of [...outputs].sort()) {
		const dir = path.posix.dirname(o);
		byDir.set(dir, [...(byDir.get(dir) || []), o]);
	}
	const parts = [];
	for (const [dir, files] of byDir) {
		const scriptsInDir = allOutputs.filter((o) => path.posix.dirname(o) === dir);
		parts.push(dir !== 'dist' && files.length > 1 && files.length === scriptsInDir.length ? `${dir}/*.js (${files.length} files)` : files.join(', '));
	}
	return parts.join(', ');
}

/**
 * The notices text for these metafiles.
 * @param {import('esbuild').Metafile[]} metafiles
 * @param {{ root?: string, product?: string }} [options]
 */
function renderThirdPartyNotices(metafiles, options = {}) {
	const root = options.root || REPO_ROOT;
	const allOutputs = metafiles.flatMap((m) => Object.keys(m.outputs)).filter((o) => o.endsWith('.js'));
	const packages = [...bundledPackageDirs(metafiles)]
		.map(([dir, outputs]) => ({ ...describePackage(dir, root), dir, outputs }))
		.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
	const product = options.product || 'This extension';
	const lines = [
		'THIRD-PARTY SOFTWARE NOTICES',
		'',
		`${product} bundles the npm packages below into its JavaScript files (dist/). Each is listed with its`,
		'version, the licence its package.json declares and the full text of the licence files it ships (for a package',
		'that ships none, the text and where it comes from are named). Generated by esbuild.js from the bundles\'',
		'esbuild metafiles when the extension is built.',
		'',
		...packages.map((p) => `- ${p.name} ${p.version}: ${p.license}`),
	];
	for (const p of packages) {
		lines.push('', RULE, `${p.name} ${p.version}`, `License: ${p.license}`, `Bundled in: ${outputsLine(p.outputs, allOutputs)}`);
		for (const t of p.texts) {
			lines.push(THIN_RULE, `${t.source}:`, '', t.text);
		}
	}
	lines.push('', RULE, '');
	return lines.join('\n');
}

/**
 * Writes ThirdPartyNotices.txt at the repository root (only when its content changes).
 * @param {import('esbuild').Metafile[]} metafiles
 * @returns {string} the file's path
 */
function writeThirdPartyNotices(metafiles) {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const text = renderThirdPartyNotices(metafiles, { product: `${manifest.displayName} ${manifest.version}` });
	const file = path.join(REPO_ROOT, NOTICES_FILE);
	if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
		fs.writeFileSync(file, text);
	}
	return file;
}

module.exports = { NOTICES_FILE, LICENSE_FALLBACKS, packageDirOf, bundledPackageDirs, describePackage, renderThirdPartyNotices, writeThirdPartyNotices };
