// Builds the extension (Node, CJS), the chat webview and the usage dashboard webview (browser, IIFE).
// The Anthropic SDK is bundled into its own file, dist/anthropic-sdk.js, loaded on the first request,
// so activation parses only the small dist/extension.js.
const esbuild = require('esbuild');
const { grammarChunks, grammarEntryPoints } = require('./scripts/highlightChunks');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Problem-matcher friendly output (from the esbuild-sample). */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onStart(() => console.log('[watch] build started'));
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) {
					console.error(`    ${location.file}:${location.line}:${location.column}:`);
				}
			}
			console.log('[watch] build finished');
		});
	},
};

/** Keeps `import('@anthropic-ai/sdk')` out of extension.js: it resolves to the sibling dist/anthropic-sdk.js. */
const lazySdk = {
	name: 'lazy-sdk',
	setup(build) {
		build.onResolve({ filter: /^@anthropic-ai\/sdk$/ }, () => ({ path: './anthropic-sdk.js', external: true }));
	},
};

const common = {
	bundle: true,
	minify: production,
	sourcemap: !production,
	sourcesContent: false,
	logLevel: 'warning',
	legalComments: production ? 'none' : 'eof',
};

async function main() {
	const contexts = await Promise.all([
		esbuild.context({
			...common,
			entryPoints: ['src/extension.ts'],
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			external: ['vscode'],
			outfile: 'dist/extension.js',
			plugins: watch ? [lazySdk, problemMatcher] : [lazySdk],
		}),
		esbuild.context({
			...common,
			entryPoints: ['src/core/anthropic/sdkEntry.ts'],
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			outfile: 'dist/anthropic-sdk.js',
			plugins: watch ? [problemMatcher] : [],
		}),
		esbuild.context({
			...common,
			entryPoints: ['src/webview/main.ts'],
			platform: 'browser',
			format: 'iife',
			target: 'es2022',
			outfile: 'dist/webview.js',
			plugins: watch ? [problemMatcher] : [],
		}),
		// highlight.js grammars, one script each, loaded by the chat webview on first use (scripts/highlightChunks.js).
		esbuild.context({
			...common,
			entryPoints: grammarEntryPoints(),
			platform: 'browser',
			format: 'iife',
			target: 'es2022',
			outdir: 'dist/hljs',
			plugins: watch ? [grammarChunks, problemMatcher] : [grammarChunks],
		}),
		esbuild.context({
			...common,
			entryPoints: ['src/webview/dashboard/main.ts'],
			platform: 'browser',
			format: 'iife',
			target: 'es2022',
			outfile: 'dist/dashboard.js',
			plugins: watch ? [problemMatcher] : [],
		}),
	]);
	if (watch) {
		await Promise.all(contexts.map((ctx) => ctx.watch()));
	} else {
		await Promise.all(contexts.map((ctx) => ctx.rebuild()));
		await Promise.all(contexts.map((ctx) => ctx.dispose()));
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
