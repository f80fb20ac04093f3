import * as assert from 'node:assert/strict';
import { formatTokens } from '../../../src/shared/numberFormat';
import { attachmentLabel, statusText, turnActions, usageLine } from '../../../src/webview/format';
import type { ErrorKind } from '../../../src/shared/protocol';
import { assistantTurn } from './chatHarness';

const usage = { input: 1000, output: 340, cacheWrite5m: 200, cacheWrite1h: 0, cacheRead: 0 };

describe('webview format: status texts and usage line', () => {
	it('formats token counts with the status bar\'s formatter', () => {
		assert.deepEqual([0, 340, 999, 1000, 1234, 2_345_678].map(formatTokens), ['0', '340', '999', '1k', '1.2k', '2.3M']);
	});

	it('shows "1.2k in · 340 out · $0.004" (input includes cache writes and reads; same money format as the status bar)', () => {
		assert.equal(usageLine(assistantTurn({ usage, costUsd: 0.004 })), '1.2k in · 340 out · $0.004');
		assert.equal(usageLine(assistantTurn({ usage, costUsd: 0.00041 })), '1.2k in · 340 out · $0.00041');
	});

	it('says "cost unknown" rather than guessing, and mentions cache reads', () => {
		assert.equal(usageLine(assistantTurn({ usage: { ...usage, cacheRead: 5000 } })), '6.2k in · 340 out · 5k cached · cost unknown');
	});

	it('has no usage line without usage', () => {
		assert.equal(usageLine(assistantTurn()), undefined);
	});

	it('uses the exact status wording', () => {
		assert.equal(statusText(assistantTurn({ status: 'truncated', maxTokens: 4096 })), 'Truncated at max_tokens (4096)');
		assert.equal(statusText(assistantTurn({ status: 'stopped' })), 'Stopped');
		assert.equal(statusText(assistantTurn({ status: 'refused' })), 'Claude declined to answer (refusal)');
		assert.equal(statusText(assistantTurn({ status: 'interrupted' })), 'Interrupted (window reloaded)');
		assert.equal(statusText(assistantTurn({ status: 'other', stopReason: 'pause_turn' })), 'Claude paused this answer (pause_turn). Continue lets it go on.');
		assert.match(statusText(assistantTurn({ status: 'other', stopReason: 'model_context_window_exceeded' })) ?? '', /^The conversation filled the model's context window \(model_context_window_exceeded\)\. Start a New Chat/);
		assert.equal(statusText(assistantTurn({ status: 'other', stopReason: 'tool_use' })), 'Stopped: tool_use');
		assert.equal(statusText(assistantTurn({ status: 'complete' })), undefined);
	});

	const cases: Array<[ErrorKind, boolean, string[]]> = [
		['auth', false, ['setApiKey', 'showLogs']],
		['noKey', true, ['setApiKey', 'retry', 'showLogs']],
		['rateLimit', true, ['retry', 'showLogs']],
		['overloaded', false, ['retry', 'showLogs']],
		['network', true, ['retry', 'showLogs']],
		['timeout', true, ['retry', 'showLogs']],
		['server', true, ['retry', 'showLogs']],
		['badRequest', false, ['showLogs']],
		['tooLarge', false, ['showLogs']],
		['budget', false, ['sendAnyway', 'showLogs']],
		['badBaseUrl', true, ['openSettings', 'retry', 'showLogs']],
		['keyStoreUnavailable', true, ['retry', 'showLogs']],
		['sdkMissing', true, ['retry', 'showLogs']],
	];
	for (const [kind, retryable, expected] of cases) {
		it(`offers ${expected.join(' + ')} for a ${kind} error`, () => {
			const turn = assistantTurn({ status: 'error', error: { kind, message: 'x', retryable } });
			assert.deepEqual(turnActions(turn), expected);
		});
	}

	it('labels code attachments with file and lines', () => {
		const code = { file: 'src/x.ts', languageId: 'typescript', text: '' };
		assert.equal(attachmentLabel({ ...code, startLine: 10, endLine: 24 }), 'src/x.ts · lines 10–24');
		assert.equal(attachmentLabel({ ...code, startLine: 3, endLine: 3 }), 'src/x.ts · line 3');
		assert.equal(attachmentLabel(code), 'src/x.ts');
	});
});
