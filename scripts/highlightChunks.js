// The highlight.js grammars the chat webview can load, one small script each (dist/hljs/<name>.js), built by
// esbuild.js and by the render benchmark. The webview bundle holds only highlight.js core; an answer's first
// ```python block loads hljs/python.js (src/webview/highlight.ts, scriptLanguageLoader).
'use strict';

const path = require('path');

/** Grammar names (and the fence tags they serve) shared with the webview: src/webview/highlightLanguages.json. */
const GRAMMARS = Object.keys(require('../src/webview/highlightLanguages.json'));

/** The queue a chunk pushes its grammar onto; must match CHUNK_QUEUE in src/webview/highlight.ts. */
const QUEUE = 'claudeAssistantGrammars';

/** esbuild entry points: one per grammar, written as <outdir>/<name>.js. */
function grammarEntryPoints() {
	return GRAMMARS.map((name) => ({ in: `hljs-grammar:${name}`, out: name }));
}

/** Turns the virtual entry `hljs-grammar:<name>` into "import the grammar, push it onto the page's queue". */
const grammarChunks = {
	name: 'hljs-grammar-chunks',
	setup(build) {
		build.onResolve({ filter: /^hljs-grammar:/ }, (args) => ({ path: args.path.slice('hljs-grammar:'.length), namespace: 'hljs-grammar' }));
		build.onLoad({ filter: /.*/, namespace: 'hljs-grammar' }, (args) => {
			if (!GRAMMARS.includes(args.path)) {
				return { errors: [{ text: `unknown grammar ${args.path}` }] };
			}
			return {
				contents: `import grammar from 'highlight.js/lib/languages/${args.path}';\n(globalThis.${QUEUE} ??= []).push([${JSON.stringify(args.path)}, grammar]);\n`,
				resolveDir: path.join(__dirname, '..'),
				loader: 'js',
			};
		});
	},
};

module.exports = { GRAMMARS, grammarEntryPoints, grammarChunks };
