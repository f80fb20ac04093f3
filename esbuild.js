// Builds the extension (Node, CJS), the chat webview and the usage dashboard webview (browser, IIFE), as listed in
// scripts/bundles.js.
const esbuild = require('esbuild');
const { bundleOptions } = require('./scripts/bundles');

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

async function main() {
	const options = bundleOptions({ production });
	const contexts = await Promise.all(options.map((o) => esbuild.context(watch ? { ...o, plugins: [...(o.plugins || []), problemMatcher] } : o)));
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
