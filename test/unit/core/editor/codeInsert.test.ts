import * as assert from 'node:assert/strict';
import { fitCode } from '../../../../src/core/editor/codeInsert';

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
