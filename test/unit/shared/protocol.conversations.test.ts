import * as assert from 'node:assert/strict';
import { isWebviewToHost, MAX_PROMPT_CHARS } from '../../../src/shared/protocol';

describe('protocol: conversation, model and edit messages from the webview', () => {
	const valid: unknown[] = [
		{ type: 'chat/regenerate', requestId: 'r-1', turnId: 't-2' },
		{ type: 'chat/edit', requestId: 'r-1', turnId: 't-1', text: 'a better question' },
		{ type: 'conversation/switch', id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' },
		{ type: 'conversation/rename', id: 'c1' },
		{ type: 'conversation/delete', id: 'c1' },
		{ type: 'conversation/export', id: 'c1' },
		{ type: 'model/select', model: 'claude-sonnet-5-5' },
		{ type: 'model/select', model: 'claude-haiku-4-5-20251001' },
	];
	for (const msg of valid) {
		it(`accepts ${JSON.stringify(msg)}`, () => assert.equal(isWebviewToHost(msg), true));
	}

	const invalid: Array<[string, unknown]> = [
		['an edit without text', { type: 'chat/edit', requestId: 'r', turnId: 't' }],
		['a blank edit', { type: 'chat/edit', requestId: 'r', turnId: 't', text: '  ' }],
		['an oversized edit', { type: 'chat/edit', requestId: 'r', turnId: 't', text: 'x'.repeat(MAX_PROMPT_CHARS + 1) }],
		['regenerate with extra keys', { type: 'chat/regenerate', requestId: 'r', turnId: 't', model: 'x' }],
		['a path as a conversation id', { type: 'conversation/switch', id: '../../etc/passwd' }],
		['an empty conversation id', { type: 'conversation/delete', id: '' }],
		['an unknown conversation action', { type: 'conversation/purge', id: 'c1' }],
		['a model with spaces', { type: 'model/select', model: 'claude sonnet' }],
		['a model with markup', { type: 'model/select', model: '<b>x</b>' }],
		['a huge model id', { type: 'model/select', model: 'm'.repeat(500) }],
	];
	for (const [name, msg] of invalid) {
		it(`rejects ${name}`, () => assert.equal(isWebviewToHost(msg), false));
	}
});
