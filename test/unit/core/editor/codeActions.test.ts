import * as assert from 'node:assert/strict';
import { fitCode } from '../../../../src/core/editor/codeInsert';
import { languageIdForFence } from '../../../../src/core/editor/codeLanguage';
import { openableUrl } from '../../../../src/core/editor/externalLinks';
import { isWebviewToHost, MAX_CODE_CHARS, MAX_URL_CHARS } from '../../../../src/shared/protocol';

describe('protocol: code block and link messages from the webview', () => {
	const valid: unknown[] = [
		{ type: 'code/insert', code: 'let a = 1;\n', language: 'ts' },
		{ type: 'code/replace', code: 'x', language: '' },
		{ type: 'code/newFile', code: 'int main() {}', language: 'c++' },
		{ type: 'code/newFile', code: 'x'.repeat(MAX_CODE_CHARS), language: 'objective-c' },
		{ type: 'link/open', url: 'https://example.com/a?b=1#c' },
		{ type: 'link/open', url: 'javascript:alert(1)' }, // well-formed message; the host refuses the scheme
	];
	for (const msg of valid) {
		it(`accepts ${JSON.stringify(msg).slice(0, 80)}`, () => assert.equal(isWebviewToHost(msg), true));
	}

	const invalid: Array<[string, unknown]> = [
		['empty code', { type: 'code/insert', code: '', language: 'ts' }],
		['oversized code', { type: 'code/insert', code: 'x'.repeat(MAX_CODE_CHARS + 1), language: 'ts' }],
		['non-string code', { type: 'code/replace', code: 42, language: 'ts' }],
		['a missing language', { type: 'code/newFile', code: 'x' }],
		['a language with markup', { type: 'code/newFile', code: 'x', language: '"><img>' }],
		['a very long language', { type: 'code/newFile', code: 'x', language: 'a'.repeat(41) }],
		['an extra key on code', { type: 'code/insert', code: 'x', language: 'ts', uri: 'file:///etc/passwd' }],
		['an empty url', { type: 'link/open', url: '' }],
		['a non-string url', { type: 'link/open', url: { href: 'https://x' } }],
		['an oversized url', { type: 'link/open', url: `https://x.test/${'a'.repeat(MAX_URL_CHARS)}` }],
		['an extra key on link/open', { type: 'link/open', url: 'https://x.test', target: '_blank' }],
	];
	for (const [name, msg] of invalid) {
		it(`rejects ${name}`, () => assert.equal(isWebviewToHost(msg), false));
	}
});

describe('links from answers: only absolute http(s) opens', () => {
	it('opens http and https URLs', () => {
		assert.equal(openableUrl('https://example.com/docs?q=1#x'), 'https://example.com/docs?q=1#x');
		assert.equal(openableUrl(' http://127.0.0.1:8080/ '), 'http://127.0.0.1:8080/');
	});

	for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://ms-vscode.x/y',
		'data:text/html,<script>1</script>', 'mailto:a@b.test', 'relative/path.md', '/absolute/path', '//evil.test/x', '#section', 'https://', 'not a url']) {
		it(`refuses ${url}`, () => assert.equal(openableUrl(url), undefined));
	}
});

describe('code from a code block, shaped for the document', () => {
	it('drops the block\'s final newline when the code goes inside a line, keeps it for whole lines', () => {
		assert.equal(fitCode('a();\n', { endsAtLineBreak: false, eol: '\n' }), 'a();');
		assert.equal(fitCode('a();\n', { endsAtLineBreak: true, eol: '\n' }), 'a();\n');
		assert.equal(fitCode('a();', { endsAtLineBreak: true, eol: '\n' }), 'a();\n');
		assert.equal(fitCode('a();\n\n', { endsAtLineBreak: false, eol: '\n' }), 'a();\n', 'only one newline is the fence\'s');
	});

	it('uses the document\'s line breaks', () => {
		assert.equal(fitCode('a\nb\n', { endsAtLineBreak: true, eol: '\r\n' }), 'a\r\nb\r\n');
		assert.equal(fitCode('a\r\nb', { endsAtLineBreak: false, eol: '\n' }), 'a\nb');
	});
});

describe('fence tag → VS Code language id (New File)', () => {
	const known = ['typescript', 'javascript', 'python', 'shellscript', 'plaintext', 'cpp', 'go', 'markdown', 'yaml'];
	it('maps common tags and keeps ids VS Code knows', () => {
		assert.equal(languageIdForFence('ts', known), 'typescript');
		assert.equal(languageIdForFence('PY', known), 'python');
		assert.equal(languageIdForFence('bash', known), 'shellscript');
		assert.equal(languageIdForFence('c++', known), 'cpp');
		assert.equal(languageIdForFence('go', known), 'go');
		assert.equal(languageIdForFence('yml', known), 'yaml');
	});

	it('falls back to plaintext for no tag, an unknown tag or an alias VS Code lacks', () => {
		assert.equal(languageIdForFence('', known), 'plaintext');
		assert.equal(languageIdForFence('brainfuck', known), 'plaintext');
		assert.equal(languageIdForFence('rs', known), 'plaintext');
	});
});
