import * as assert from 'node:assert/strict';
import { isWebviewToHost, MAX_PROMPT_CHARS, PROTOCOL_VERSION } from '../../../src/shared/protocol';

describe('protocol: validating messages from the webview', () => {
	const valid: unknown[] = [
		{ type: 'ready', protocolVersion: PROTOCOL_VERSION },
		{ type: 'chat/send', requestId: 'r-1', text: 'hello' },
		{ type: 'chat/cancel', requestId: 'r-1' },
		{ type: 'chat/retryNow', requestId: 'r-1' },
		{ type: 'chat/continue', requestId: 'r-2', turnId: 't_1' },
		{ type: 'chat/retry', requestId: 'r-3', turnId: 't-1' },
		{ type: 'chat/sendAnyway', requestId: 'r-4', turnId: 't-1' },
		{ type: 'chat/new' },
		{ type: 'command/run', command: 'setApiKey' },
		{ type: 'command/run', command: 'showLogs' },
		{ type: 'mention/query', queryId: 'q1', query: '' },
		{ type: 'mention/query', queryId: 'q2', query: 'src/app' },
		{ type: 'mention/pick', queryId: 'q2', itemId: 'm3' },
		{ type: 'attachment/remove', id: 'a1' },
		{ type: 'attachment/open', id: 'a1' },
	];
	for (const msg of valid) {
		it(`accepts ${JSON.stringify(msg)}`, () => assert.equal(isWebviewToHost(msg), true));
	}

	const invalid: Array<[string, unknown]> = [
		['null', null],
		['a string', 'chat/send'],
		['an array', [{ type: 'chat/new' }]],
		['an unknown type', { type: 'chat/delete' }],
		['an empty prompt', { type: 'chat/send', requestId: 'r', text: '   ' }],
		['an oversized prompt', { type: 'chat/send', requestId: 'r', text: 'x'.repeat(MAX_PROMPT_CHARS + 1) }],
		['a non-string prompt', { type: 'chat/send', requestId: 'r', text: 42 }],
		['a request id with markup', { type: 'chat/cancel', requestId: '<img src=x>' }],
		['a huge request id', { type: 'chat/cancel', requestId: 'a'.repeat(500) }],
		['an extra key', { type: 'chat/new', command: 'rm -rf' }],
		['a command outside the list', { type: 'command/run', command: 'workbench.action.terminal.sendSequence' }],
		['a missing turn id', { type: 'chat/continue', requestId: 'r' }],
		['retryNow without a request id', { type: 'chat/retryNow' }],
		['retryNow with markup in the request id', { type: 'chat/retryNow', requestId: '"><b>' }],
		['retryNow with an extra key', { type: 'chat/retryNow', requestId: 'r', delayMs: 0 }],
		['ready without a version', { type: 'ready' }],
		['an oversized mention query', { type: 'mention/query', queryId: 'q', query: 'x'.repeat(201) }],
		['a mention query that is not text', { type: 'mention/query', queryId: 'q', query: ['a'] }],
		['a pick without its query', { type: 'mention/pick', itemId: 'm1' }],
		['an attachment id with a path in it', { type: 'attachment/open', id: 'file:///etc/passwd' }],
		['an attachment open with a uri beside its id', { type: 'attachment/open', id: 'a1', uri: 'file:///etc/passwd' }],
		// the checks are a table keyed by type: names every object inherits are not message types
		['an inherited name as the type', { type: 'toString' }],
		['__proto__ as the type', JSON.parse('{"type":"__proto__"}')],
		['constructor as the type', { type: 'constructor' }],
		['hasOwnProperty as the type', { type: 'hasOwnProperty' }],
	];
	for (const [name, msg] of invalid) {
		it(`rejects ${name}`, () => assert.equal(isWebviewToHost(msg), false));
	}
});
