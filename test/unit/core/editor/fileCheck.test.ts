import * as assert from 'node:assert/strict';
import { checkFileSize, checkSelection, checkTextForSending, MAX_FILE_BYTES, MAX_SELECTION_CHARS } from '../../../../src/core/editor/fileCheck';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('fileCheck: checkFileSize', () => {
	it('refuses a size over the limit with the same words as a file read whole, and lets the limit itself through', () => {
		const big = 10 * 1024 * 1024;
		assert.deepEqual(checkFileSize(big, { maxBytes: MAX_FILE_BYTES }), checkTextForSending(new Uint8Array(big).fill(0x61), { maxBytes: MAX_FILE_BYTES }));
		assert.equal(checkFileSize(big, { maxBytes: MAX_FILE_BYTES })?.message, 'The file is too large to send (10240 KB; the limit is 200 KB).');
		assert.equal(checkFileSize(MAX_FILE_BYTES, { maxBytes: MAX_FILE_BYTES }), undefined);
	});
});

describe('fileCheck: checkTextForSending', () => {
	it('accepts UTF-8 text and returns it decoded', () => {
		const r = checkTextForSending(enc('const café = "☕";\n'), { maxBytes: MAX_FILE_BYTES });
		assert.deepEqual(r, { ok: true, text: 'const café = "☕";\n' });
	});

	it('refuses zero bytes as empty', () => {
		const r = checkTextForSending(new Uint8Array(0), { maxBytes: MAX_FILE_BYTES });
		assert.equal(r.ok, false);
		assert.equal(!r.ok && r.reason, 'empty');
	});

	it('refuses whitespace-only text as empty', () => {
		const r = checkTextForSending(enc(' \n\t\r\n  '), { maxBytes: MAX_FILE_BYTES });
		assert.equal(!r.ok && r.reason, 'empty');
	});

	it('refuses a NUL byte in the first 8 KiB as binary', () => {
		const bytes = enc('abc'.repeat(1000));
		bytes[2500] = 0;
		const r = checkTextForSending(bytes, { maxBytes: MAX_FILE_BYTES });
		assert.equal(!r.ok && r.reason, 'binary');
	});

	it('refuses invalid UTF-8 as binary', () => {
		const bytes = new Uint8Array([0x68, 0x69, 0xff, 0xfe, 0x41]);
		const r = checkTextForSending(bytes, { maxBytes: MAX_FILE_BYTES });
		assert.equal(!r.ok && r.reason, 'binary');
		// A truncated multi-byte sequence (first byte of "é") is invalid too.
		assert.equal(checkTextForSending(new Uint8Array([0x61, 0xc3]), { maxBytes: 100 }).ok, false);
	});

	it('refuses a file over the limit and states both sizes in KB', () => {
		const bytes = enc('a'.repeat(MAX_FILE_BYTES + 1));
		const r = checkTextForSending(bytes, { maxBytes: MAX_FILE_BYTES });
		assert.equal(r.ok, false);
		if (!r.ok) {
			assert.equal(r.reason, 'tooLarge');
			assert.ok(r.message.includes('200.1 KB'), r.message);
			assert.ok(r.message.includes('200 KB'), r.message);
		}
	});

	it('accepts a file of exactly the limit', () => {
		assert.equal(checkTextForSending(enc('a'.repeat(1024)), { maxBytes: 1024 }).ok, true);
	});

	it('has the documented default limits', () => {
		assert.equal(MAX_FILE_BYTES, 204_800);
		assert.equal(MAX_SELECTION_CHARS, 100_000);
	});
});

describe('fileCheck: checkSelection', () => {
	it('accepts a normal selection', () => {
		assert.deepEqual(checkSelection('x = 1', { maxChars: 10 }), { ok: true, text: 'x = 1' });
	});

	it('asks for a selection when it is empty or blank', () => {
		for (const text of ['', '   \n ']) {
			const r = checkSelection(text, { maxChars: MAX_SELECTION_CHARS });
			assert.deepEqual(r, { ok: false, reason: 'empty', message: 'Select some code first' });
		}
	});

	it('refuses a selection over the limit', () => {
		const r = checkSelection('x'.repeat(MAX_SELECTION_CHARS + 1), { maxChars: MAX_SELECTION_CHARS });
		assert.equal(r.ok, false);
		if (!r.ok) {
			assert.equal(r.reason, 'tooLarge');
			assert.ok(r.message.includes('100,001'), r.message);
			assert.ok(r.message.includes('100,000'), r.message);
		}
		assert.equal(checkSelection('x'.repeat(MAX_SELECTION_CHARS), { maxChars: MAX_SELECTION_CHARS }).ok, true);
	});
});
