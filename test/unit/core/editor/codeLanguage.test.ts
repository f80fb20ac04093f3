import * as assert from 'node:assert/strict';
import { languageIdForFence } from '../../../../src/core/editor/codeLanguage';

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
