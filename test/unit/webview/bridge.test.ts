import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { HostToWebview } from '../../../src/shared/protocol';
import { createHostBridge, type VsCodeApi } from '../../../src/webview/hostBridge';
import { createRequestId } from '../../../src/webview/requestId';
import { parseUiState } from '../../../src/webview/uiState';

describe('webview hostBridge, request ids and UI state', () => {
	it('forwards posts and only well-formed host messages', async () => {
		const posted: unknown[] = [];
		const api: VsCodeApi = { postMessage: (m) => posted.push(m), getState: () => ({ draft: 'd' }), setState: () => undefined };
		const { window } = new JSDOM('');
		const bridge = createHostBridge(api, window as unknown as Window);
		const got: HostToWebview[] = [];
		const off = bridge.onMessage((m) => got.push(m));
		bridge.post({ type: 'chat/new' });
		for (const data of [{ type: 'key/changed', hasApiKey: true }, { type: 'evil/run' }, 'key/changed', null, { type: 42 }]) {
			window.dispatchEvent(new window.MessageEvent('message', { data }));
		}
		off();
		window.dispatchEvent(new window.MessageEvent('message', { data: { type: 'key/changed', hasApiKey: false } }));
		assert.deepEqual(posted, [{ type: 'chat/new' }]);
		assert.deepEqual(got, [{ type: 'key/changed', hasApiKey: true }]);
		assert.deepEqual(bridge.getState(), { draft: 'd' });
	});

	it('makes host-acceptable request ids with or without crypto.randomUUID', () => {
		const withUuid = createRequestId({ randomUUID: () => '0b7f-uuid', getRandomValues: (a) => a });
		const fallback = createRequestId({ getRandomValues: (a) => a.fill(171) });
		assert.equal(withUuid, '0b7f-uuid');
		assert.equal(fallback, 'ab'.repeat(16));
		assert.match(createRequestId(globalThis.crypto), /^[\w-]+$/);
	});

	it('reads saved UI state defensively (draft, scroll, expanded only)', () => {
		assert.deepEqual(parseUiState(undefined), { draft: '', scrollTop: 0, pinned: true, expanded: [] });
		assert.deepEqual(parseUiState({ draft: 'hi', scrollTop: 120, pinned: false, expanded: ['u1', 7], turns: [{}] }), { draft: 'hi', scrollTop: 120, pinned: false, expanded: ['u1'] });
		assert.deepEqual(parseUiState({ draft: 3, scrollTop: -1, pinned: 'yes' }), { draft: '', scrollTop: 0, pinned: true, expanded: [] });
	});
});
