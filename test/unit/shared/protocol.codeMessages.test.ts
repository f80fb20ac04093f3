import * as assert from 'node:assert/strict';
import { isWebviewToHost, MAX_CODE_CHARS, MAX_URL_CHARS } from '../../../src/shared/protocol';

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
