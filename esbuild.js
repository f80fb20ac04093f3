// Builds the extension (Node, CJS), the chat webview and the usage dashboard webview (browser, IIFE), as listed in
// scripts/bundles.js, then writes ThirdPartyNotices.txt from the bundles' metafiles: every npm package with code in
// a bundle, with its licence text (scripts/thirdPartyNotices.js). The VSIX ships it (.vscodeignore).
const esbuild = require('esbuild');
const { bundleOptions } = require('./scripts/bundles');
const { NOTICES_FILE, writeThirdPartyNotices } = require('./scripts/thirdPartyNotices');

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

/**
 * In watch mode each bundle rebuilds on its own: keep every bundle's latest metafile and rewrite the notices after
 * each rebuild, once all bundles have been built.
 */
function noticesOnRebuild(index, metafiles, count) {
	return {
		name: 'third-party-notices',
		setup(build) {
			build.onEnd((result) => {
				if (!result.metafile) {
					return;
				}
				metafiles[index] = result.metafile;
				if (metafiles.filter(Boolean).length === count) {
					try {
						writeThirdPartyNotices(metafiles);
					} catch (err) {
						console.error(`✘ [ERROR] ${NOTICES_FILE}: ${err.message}`);
					}
				}
			});
		},
	};
}

async function main() {
	const options = bundleOptions({ production });
	const metafiles = [];
	const contexts = await Promise.all(options.map((o, i) => esbuild.context(watch
		? { ...o, plugins: [...(o.plugins || []), noticesOnRebuild(i, metafiles, options.length), problemMatcher] }
		: o)));
	if (watch) {
		await Promise.all(contexts.map((ctx) => ctx.watch()));
	} else {
		const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
		await Promise.all(contexts.map((ctx) => ctx.dispose()));
		writeThirdPartyNotices(results.map((r) => r.metafile));
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
