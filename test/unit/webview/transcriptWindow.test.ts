import * as assert from 'node:assert/strict';
import type { ChatTurn } from '../../../src/shared/protocol';
import { MAX_DOM_TURNS, TRIM_TO_TURNS } from '../../../src/webview/transcriptWindow';
import { assistantTurn, click, init, startChat, userTurn, type Chat } from './chatHarness';

/** `n` turns, alternating question and answer, ids q0/a1/q2/… */
function turns(n: number, from = 0): ChatTurn[] {
	return Array.from({ length: n }, (_, k) => {
		const i = from + k;
		return i % 2 === 0 ? userTurn({ id: `q${i}`, text: `question ${i}` }) : assistantTurn({ id: `a${i}`, text: `answer ${i}` });
	});
}
const shownIds = (chat: Chat) => chat.$$('#transcript > .turn').map((t) => t.dataset.turnId);

describe('webview chat: a long chat keeps its DOM bounded', () => {
	it('renders only the newest turns of a huge state/init, with a button for the rest', async () => {
		const chat = await startChat();
		init(chat, turns(150));
		assert.equal(chat.$$('#transcript > .turn').length, MAX_DOM_TURNS);
		assert.equal(shownIds(chat)[0], 'q50');
		assert.equal(chat.$('#transcript > button.load-earlier').textContent, 'Show 40 earlier messages (50 not shown)');
		assert.equal(chat.$('#transcript').firstElementChild?.classList.contains('load-earlier'), true);
	});

	it('counts the turns the host left out of state/init', async () => {
		const chat = await startChat();
		init(chat, turns(100, 400), { snapshot: { turns: turns(100, 400), omitted: 400 } });
		assert.equal(chat.$('button.load-earlier').textContent, 'Show 40 earlier messages (400 not shown)');
	});

	it('no button while everything is shown', async () => {
		const chat = await startChat();
		init(chat, turns(10));
		assert.equal(chat.doc.querySelector('button.load-earlier'), null);
	});

	it('appending past the cap drops the oldest turns in one step, never letting the DOM grow', async () => {
		const chat = await startChat();
		init(chat, turns(98));
		let most = 0;
		for (let i = 98; i < 98 + 60; i += 2) {
			chat.bridge.emit({ type: 'chat/started', requestId: `r${i}`, user: userTurn({ id: `q${i}` }), assistant: assistantTurn({ id: `a${i + 1}`, text: '', status: 'streaming' }) });
			chat.bridge.emit({ type: 'chat/done', requestId: `r${i}`, turn: assistantTurn({ id: `a${i + 1}`, text: `answer ${i + 1}` }) });
			most = Math.max(most, chat.$$('#transcript > .turn').length);
		}
		assert.ok(most <= MAX_DOM_TURNS, `at most ${MAX_DOM_TURNS} turns in the DOM, saw ${most}`);
		const shown = shownIds(chat);
		assert.equal(shown.at(-1), 'a157', 'the newest answer is there');
		assert.ok(shown.length >= TRIM_TO_TURNS && shown.length <= MAX_DOM_TURNS);
		assert.match(chat.$('button.load-earlier').textContent ?? '', new RegExp(`\\(${158 - shown.length} not shown\\)`));
	});

	it('"Show earlier messages" asks for the page before the first shown turn and puts it above, in order', async () => {
		const chat = await startChat();
		init(chat, turns(100, 50), { snapshot: { turns: turns(100, 50), omitted: 50 } });
		click(chat.$('button.load-earlier'));
		assert.deepEqual(chat.bridge.posted.at(-1), { type: 'chat/loadEarlier', beforeTurnId: 'q50' });
		assert.equal(chat.$<HTMLButtonElement>('button.load-earlier').disabled, true, 'one request per click');
		chat.bridge.emit({ type: 'chat/earlier', beforeTurnId: 'q50', turns: turns(40, 10), omitted: 10 });
		const shown = shownIds(chat);
		assert.deepEqual(shown.slice(0, 3), ['q10', 'a11', 'q12']);
		assert.equal(shown[40], 'q50');
		assert.equal(chat.$('button.load-earlier').textContent, 'Show 10 earlier messages (10 not shown)');
		assert.equal(chat.$<HTMLButtonElement>('button.load-earlier').disabled, false);
		chat.bridge.emit({ type: 'chat/earlier', beforeTurnId: 'q999', turns: turns(2, 0), omitted: 0 });
		assert.equal(shownIds(chat)[0], 'q10', 'a stale page is ignored');
		chat.bridge.emit({ type: 'chat/earlier', beforeTurnId: 'q10', turns: turns(10, 0), omitted: 0 });
		assert.equal(shownIds(chat)[0], 'q0');
		assert.equal(chat.doc.querySelector('button.load-earlier'), null, 'everything is shown');
	});
});
