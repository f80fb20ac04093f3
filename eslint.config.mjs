// Lint rules that keep the layers apart (house style §1) plus typescript-eslint's recommended set.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, extra = {}) => ({
	files,
	rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, ...extra }] },
});

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
	layer(['src/core/**/*.ts'], [
		{ group: ['vscode'], allowTypeImports: true, message: 'src/core may only `import type` from vscode.' },
		{ group: ['**/host/**', '**/webview/**'], message: 'src/core must not import src/host or src/webview.' },
	]),
	layer(['src/webview/**/*.ts'], [
		{ group: ['vscode', '**/core/**', '**/host/**', 'node:*', 'fs', 'path', 'http', 'child_process'], message: 'src/webview is browser-only: it may import src/shared only.' },
	]),
	layer(['src/host/**/*.ts', 'src/extension.ts'], [
		{ group: ['**/webview/**'], message: 'src/host must not import src/webview.' },
	]),
);
