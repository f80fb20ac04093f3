// Lint rules that keep the layers and src/core's folders apart, plus typescript-eslint's recommended set.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, extra = {}) => ({
	files,
	rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, ...extra }] },
});

const CORE_LAYER = [
	{ group: ['vscode'], allowTypeImports: true, message: 'src/core may only `import type` from vscode.' },
	{ group: ['**/host/**', '**/webview/**'], message: 'src/core must not import src/host or src/webview.' },
];

/** src/core's folders and the folders each may import. */
const CORE_FOLDERS = {
	log: [], // the logging seam
	pricing: [], // list prices, price overrides, cost arithmetic
	editor: [], // code going into documents, links, file checks
	prompts: [], // system and command prompts, custom actions
	commit: [], // commit messages: the diff cut to size, the request, the answer cleaned for the Source Control box
	context: [], // what is attached to a question (files, lines, symbols, problems) and the @-mention file index
	anthropic: ['log'], // the SDK: loading it, connecting, streaming, errors, rate-limit headers
	request: ['log', 'pricing', 'anthropic', 'prompts', 'context'], // one request's shape: settings, cache, history, estimate, retry
	settings: ['pricing', 'request'], // the claudeAssistant.* settings and where the key is kept
	session: ['log', 'pricing', 'anthropic', 'prompts', 'request', 'context'], // the chat session, its running request, its events
	conversation: ['pricing', 'request', 'session', 'context'], // saved conversations, titles, Markdown export, transcript pages
	models: ['log', 'pricing', 'anthropic', 'settings'], // the model list and Choose Models
	usage: ['log', 'pricing', 'session', 'settings'], // usage records, the ledger's lines and totals, budgets, dashboard
	batch: ['pricing', 'prompts', 'request', 'usage'], // Message Batches: requests per file, splitting, estimates, results, report, jobs
};

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.state/**', 'test-results/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
		rules: {
			curly: 'error',
			eqeqeq: ['error', 'smart'],
			'no-console': 'off',
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
		},
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	layer(['src/shared/**/*.ts'], [
		{ group: ['vscode', '../*', '!./*'], message: 'src/shared imports nothing outside src/shared.' },
		{ group: ['*', '!./*'], message: 'src/shared imports nothing outside src/shared.' },
	]),
	layer(['src/core/**/*.ts'], CORE_LAYER),
	// src/core's folders, each with the folders it may import (relative imports only inside src/core): one direction,
	// so a folder never reaches a folder that builds on it. Listed from the bottom up.
	...Object.entries(CORE_FOLDERS).map(([folder, allowed]) => {
		const forbidden = Object.keys(CORE_FOLDERS).filter((f) => f !== folder && !allowed.includes(f));
		return layer([`src/core/${folder}/**/*.ts`], [
			...CORE_LAYER,
			{ group: forbidden.flatMap((f) => [`../${f}/*`, `../${f}/**`]), message: `src/core/${folder} may import only ${allowed.length ? allowed.map((f) => `src/core/${f}`).join(', ') : 'src/shared'} (and itself): see CORE_FOLDERS in eslint.config.mjs.` },
		]);
	}),
	layer(['src/webview/**/*.ts'], [
		{ group: ['vscode', '**/core/**', '**/host/**', 'node:*', 'fs', 'path', 'http', 'child_process'], message: 'src/webview is browser-only: it may import src/shared only.' },
	]),
	layer(['src/host/**/*.ts', 'src/extension.ts'], [
		{ group: ['**/webview/**'], message: 'src/host must not import src/webview.' },
	]),
);
