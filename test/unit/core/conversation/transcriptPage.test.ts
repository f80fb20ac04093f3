import * as assert from 'node:assert/strict';
import { latestTurns, turnsBefore } from '../../../../src/core/conversation/transcriptPage';
import { isWebviewToHost, type ChatTurn } from '../../../../src/shared/protocol';

const turns = (n: number): ChatTurn[] => Array.from({ length: n }, (_, i) => ({ id: `t${i}`, role: 'user', text: `q${i}` }));

describe('transcript pages for a long chat', () => {
	it('state/init carries the newest turns and how many were left out', () => {
		assert.deepEqual(latestTurns({ turns: turns(3) }, 5), { turns: turns(3) });
		const page = latestTurns({ turns: turns(500), historyMarker: { text: 'm', beforeTurnId: 't400' } }, 100);
		assert.equal(page.turns.length, 100);
		assert.equal(page.turns[0].id, 't400');
		assert.equal(page.omitted, 400);
		assert.deepEqual(page.historyMarker, { text: 'm', beforeTurnId: 't400' });
	});

	it('answers "before this turn" with a page and what remains before it', () => {
		assert.deepEqual(turnsBefore(turns(500), 't400', 40)?.turns.map((t) => t.id).slice(0, 2), ['t360', 't361']);
		assert.equal(turnsBefore(turns(500), 't400', 40)?.omitted, 360);
		assert.deepEqual(turnsBefore(turns(500), 't10', 40), { turns: turns(10), omitted: 0 });
		assert.equal(turnsBefore(turns(5), 'nope', 40), undefined);
	});

	it('validates chat/loadEarlier from the webview', () => {
		assert.equal(isWebviewToHost({ type: 'chat/loadEarlier', beforeTurnId: 't400' }), true);
		assert.equal(isWebviewToHost({ type: 'chat/loadEarlier', beforeTurnId: '../x' }), false);
		assert.equal(isWebviewToHost({ type: 'chat/loadEarlier', beforeTurnId: 't1', count: 1e9 }), false);
	});
});
