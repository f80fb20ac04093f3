import * as assert from 'node:assert/strict';
import { isDashboardHostMessage, isDashboardMessage } from '../../../src/shared/dashboardProtocol';

describe('dashboardProtocol: validating messages from the dashboard webview', () => {
	const valid: unknown[] = [
		{ type: 'ready' },
		{ type: 'dashboard/export', format: 'csv' },
		{ type: 'dashboard/export', format: 'jsonl' },
	];
	for (const msg of valid) {
		it(`accepts ${JSON.stringify(msg)}`, () => assert.equal(isDashboardMessage(msg), true));
	}

	const invalid: Array<[string, unknown]> = [
		['undefined', undefined],
		['null', null],
		['a string', 'ready'],
		['an array', [{ type: 'ready' }]],
		['an unknown type', { type: 'dashboard/delete' }],
		['a chat message', { type: 'chat/new' }],
		['ready with an extra key', { type: 'ready', protocolVersion: 1 }],
		['an unknown format', { type: 'dashboard/export', format: 'xlsx' }],
		['a format that is a path', { type: 'dashboard/export', format: '../../etc/passwd' }],
		['a missing format', { type: 'dashboard/export' }],
		['an export with an extra key', { type: 'dashboard/export', format: 'csv', path: '/tmp/x.csv' }],
		['a non-string type', { type: 42 }],
	];
	for (const [name, msg] of invalid) {
		it(`rejects ${name}`, () => assert.equal(isDashboardMessage(msg), false));
	}
});

describe('dashboardProtocol: checking host messages in the webview', () => {
	const data = { days: [], models: [], byCommand: [], cacheHitRate: 0, totals: { requests: 0, costUsd: 0, unknownCostRequests: 0 } };

	it('accepts a data message with the arrays the renderer iterates', () => {
		assert.equal(isDashboardHostMessage({ type: 'dashboard/data', data }), true);
	});

	it('rejects other messages and malformed data', () => {
		for (const msg of [null, 'dashboard/data', { type: 'state/init' }, { type: 'dashboard/data' }, { type: 'dashboard/data', data: { ...data, days: 'x' } },
			{ type: 'dashboard/data', data: { ...data, totals: null } }, { type: 'dashboard/data', data: { ...data, cacheHitRate: '1' } }]) {
			assert.equal(isDashboardHostMessage(msg), false, JSON.stringify(msg));
		}
	});
});
