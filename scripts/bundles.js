// The extension's esbuild bundles, in one place: esbuild.js builds them, and the third-party notices test builds the
// same ones in memory to see which npm packages they contain (scripts/thirdPartyNotices.js).
'use strict';

const path = require('path');
const { grammarChunks, grammarEntryPoints } = require('./highlightChunks');

/** Keeps `import('@anthropic-ai/sdk')` out of extension.js: it resolves to the sibling dist/anthropic-sdk.js. */
const lazySdk = {
	name: 'lazy-sdk',
	setup(build) {
		build.onResolve({ filter: /^@anthropic-ai\/sdk$/ }, () => ({ path: './anthropic-sdk.js', external: true }));
	},
};

/**
 * esbuild options for every bundle. Each has a metafile (which inputs went into which output), the source of the
 * third-party notices.
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions[]}
 */
function bundleOptions({ production }) {
	const common = {
		bundle: true,
		minify: production,
		sourcemap: !production,
		sourcesContent: false,
		logLevel: 'warning',
		legalComments: production ? 'none' : 'eof',
		metafile: true,
		// entry points, outputs and metafile paths are relative to the repository root, whatever the current folder
		absWorkingDir: path.resolve(__dirname, '..'),
	};
	const browser = { ...common, platform: 'browser', format: 'iife', target: 'es2022' };
	return [
		// mainFields: jsonc-parser's "main" is a UMD build whose require()s esbuild cannot follow; its "module" build bundles.
		{
			...common, entryPoints: ['src/extension.ts'], platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], outfile: 'dist/extension.js',
			mainFields: ['module', 'main'], plugins: [lazySdk],
		},
		// The Anthropic SDK on its own, loaded on the first request so activation parses only dist/extension.js.
		{ ...common, entryPoints: ['src/core/anthropic/sdkEntry.ts'], platform: 'node', format: 'cjs', target: 'node20', outfile: 'dist/anthropic-sdk.js' },
		{ ...browser, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js' },
		// highlight.js grammars, one script each, loaded by the chat webview on first use (scripts/highlightChunks.js).
		{ ...browser, entryPoints: grammarEntryPoints(), outdir: 'dist/hljs', plugins: [grammarChunks] },
		{ ...browser, entryPoints: ['src/webview/dashboard/main.ts'], outfile: 'dist/dashboard.js' },
	];
}

module.exports = { bundleOptions };
