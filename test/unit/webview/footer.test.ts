import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../src/shared/protocol';
import { assistantTurn, click, init, startChat, startRequest, userTurn } from './chatHarness';

describe('webview chat: answer footers', () => {
	it('truncated: exact text, and Continue posts chat/continue with a new request id', async () => {
		const chat = await startChat();
		init(chat, [userTurn(), assistantTurn({ id: 'a1', status: 'truncated', stopReason: 'max_tokens', maxTokens: 4096 })]);
		assert.equal(chat.$('.turn-status .status-text').textContent, 'Truncated at max_tokens (4096)');
		const button = chat.$<HTMLButtonElement>('.turn-status button.continue');
		assert.equal(button.textContent, 'Continue');
		click(button);
		const msg = chat.bridge.last();
		assert.ok(msg?.type === 'chat/continue', JSON.stringify(msg));
		assert.equal(msg.turnId, 'a1');
		assert.match(msg.requestId, /^[\w-]+$/);
		click(button);
		assert.equal(chat.bridge.posted.filter((m) => m.type === 'chat/continue').length, 1, 'one request per click');
	});

	const texts: Array<[Parameters<typeof assistantTurn>[0], string, boolean]> = [
		[{ status: 'stopped', stopReason: 'stopped' }, 'Stopped', true],
		[{ status: 'refused', stopReason: 'refusal' }, 'Claude declined to answer (refusal)', false],
		[{ status: 'interrupted' }, 'Interrupted (window reloaded)', true],
		[{ status: 'other', stopReason: 'tool_use' }, 'Stopped: tool_use', false],
	];
	for (const [turn, text, retry] of texts) {
		it(`${turn?.status}: "${text}"${retry ? ' with Retry' : ''}`, async () => {
			const chat = await startChat();
			init(chat, [userTurn(), assistantTurn(turn)]);
			assert.equal(chat.$('.turn-status .status-text').textContent, text);
			assert.equal(chat.doc.querySelector('.turn-status button.retry') !== null, retry);
		});
	}

	const stops: Array<[string, string[]]> = [['pause_turn', ['continue']], ['model_context_window_exceeded', ['open-settings']], ['tool_use', []]];
	for (const [stopReason, buttons] of stops) {
		it(`stop reason ${stopReason}: the buttons ${buttons.join(', ') || '(none)'}`, async () => {
			const chat = await startChat();
			init(chat, [userTurn(), assistantTurn({ id: 'a1', status: 'other', stopReason })]);
			assert.deepEqual(chat.$$('.turn-status button').map((b) => b.classList[0]), buttons);
		});
	}

	const errors: Array<[ErrorKind, boolean, string[]]> = [
		['auth', false, ['set-key', 'show-logs']],
		['noKey', true, ['set-key', 'retry', 'show-logs']],
		['overloaded', true, ['retry', 'show-logs']],
		['network', true, ['retry', 'show-logs']],
		['badRequest', false, ['show-logs']],
		['budget', false, ['send-anyway', 'show-logs']],
		['badBaseUrl', true, ['open-settings', 'retry', 'show-logs']],
		['keyStoreUnavailable', true, ['retry', 'show-logs']],
		['sdkMissing', true, ['retry', 'show-logs']],
	];
	for (const [kind, retryable, buttons] of errors) {
		it(`error ${kind}: message in .turn-error and buttons ${buttons.join(', ')}`, async () => {
			const chat = await startChat();
			init(chat, []);
			startRequest(chat);
			const error = { kind, message: `It failed (${kind})`, retryable };
			chat.bridge.emit({ type: 'chat/error', requestId: 'r1', turn: assistantTurn({ status: 'error', text: 'partial', error }), error });
			assert.equal(chat.$('.turn-error').textContent, `It failed (${kind})`);
			assert.deepEqual(chat.$$('.turn-status button').map((b) => b.classList[0]), buttons);
			assert.equal(chat.$('.turn.assistant .turn-body').textContent?.trim(), 'partial');
		});
	}

	it('"Send anyway" on a budget stop posts chat/sendAnyway for that answer', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		const error = { kind: 'budget' as const, message: 'Budget reached', retryable: false };
		const turn = assistantTurn({ status: 'error', text: '', error });
		chat.bridge.emit({ type: 'chat/error', requestId: 'r1', turn, error });
		(chat.$('.turn-status button.send-anyway') as HTMLButtonElement).click();
		const sent = chat.bridge.posted.at(-1) as { type: string; turnId: string; requestId: string };
		assert.equal(sent.type, 'chat/sendAnyway');
		assert.equal(sent.turnId, turn.id);
		assert.match(sent.requestId, /^[\w-]+$/);
	});

	it('error buttons post the right messages', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		const error = { kind: 'noKey' as const, message: 'No API key', retryable: true };
		chat.bridge.emit({ type: 'chat/error', requestId: 'r1', turn: assistantTurn({ id: 'a1', status: 'error', text: '', error }), error });
		click(chat.$('.turn-status .set-key'));
		click(chat.$('.turn-status .show-logs'));
		click(chat.$('.turn-status .retry'));
		const [setKey, logs, retry] = chat.bridge.posted.slice(-3);
		assert.deepEqual(setKey, { type: 'command/run', command: 'setApiKey' });
		assert.deepEqual(logs, { type: 'command/run', command: 'showLogs' });
		assert.ok(retry.type === 'chat/retry' && retry.turnId === 'a1' && /^[\w-]+$/.test(retry.requestId), JSON.stringify(retry));
	});

	it('Open Settings on a bad base URL posts command/run openSettings', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		const error = { kind: 'badBaseUrl' as const, message: 'The base URL setting (claudeAssistant.baseUrl) "x" is not a valid http(s) URL', retryable: true };
		chat.bridge.emit({ type: 'chat/error', requestId: 'r1', turn: assistantTurn({ id: 'a1', status: 'error', text: '', error }), error });
		assert.equal(chat.$('.turn-status .open-settings').textContent, 'Open Settings');
		click(chat.$('.turn-status .open-settings'));
		assert.deepEqual(chat.bridge.last(), { type: 'command/run', command: 'openSettings' });
	});

	it('complete: a discreet usage line, "cost unknown" without a price', async () => {
		const chat = await startChat();
		const usage = { input: 1200, output: 340, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
		init(chat, [assistantTurn({ id: 'a1', usage, costUsd: 0.004 }), assistantTurn({ id: 'a2', usage })]);
		assert.deepEqual(chat.$$('.turn-usage').map((u) => u.textContent), ['1.2k in · 340 out · $0.004', '1.2k in · 340 out · cost unknown']);
		assert.equal(chat.doc.querySelector('.turn-status'), null);
	});
});
