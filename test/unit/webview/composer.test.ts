import * as assert from 'node:assert/strict';
import { click, init, key, startChat, startRequest, streamingTurn, type, userTurn } from './chatHarness';

describe('webview chat: banners and notices', () => {
	it('demo mode shows the demo banner and never the no-key banner', async () => {
		const chat = await startChat();
		init(chat, [], { demoMode: true, hasApiKey: false });
		assert.equal(chat.$('#demo-banner').hidden, false);
		assert.equal(chat.$('#demo-banner').textContent, 'Offline demo — answers come from a local fake server, not Claude.');
		assert.equal(chat.$('#no-key').hidden, true);
	});

	it('no key shows #no-key with Set API Key; key/changed toggles it', async () => {
		const chat = await startChat();
		init(chat, [], { hasApiKey: false });
		assert.equal(chat.$('#no-key').hidden, false);
		assert.equal(chat.$('#demo-banner').hidden, true);
		click(chat.$('#no-key button'));
		assert.deepEqual(chat.bridge.last(), { type: 'command/run', command: 'setApiKey' });
		chat.bridge.emit({ type: 'key/changed', hasApiKey: true });
		assert.equal(chat.$('#no-key').hidden, true);
		chat.bridge.emit({ type: 'key/changed', hasApiKey: false });
		assert.equal(chat.$('#no-key').hidden, false);
	});

	it('a notice is styled by level, offers its action and can be dismissed', async () => {
		const chat = await startChat();
		init(chat, []);
		chat.bridge.emit({ type: 'notice', level: 'warning', message: 'Select some code first', action: 'openSettings' });
		const notice = chat.$('.notice');
		assert.ok(notice.classList.contains('notice-warning'));
		assert.equal(notice.querySelector('.notice-text')?.textContent, 'Select some code first');
		click(notice.querySelector('.notice-action')!);
		assert.deepEqual(chat.bridge.last(), { type: 'command/run', command: 'openSettings' });
		click(notice.querySelector('.dismiss')!);
		assert.equal(chat.doc.querySelector('.notice'), null);
	});
});

describe('webview chat: composing', () => {
	it('Enter sends and clears the box; Shift+Enter does not send', async () => {
		const chat = await startChat();
		init(chat, []);
		type(chat, 'line one');
		const shift = key(chat.$('#prompt'), 'Enter', { shiftKey: true });
		assert.equal(shift.defaultPrevented, false);
		assert.equal(chat.bridge.posted.length, 1);
		key(chat.$('#prompt'), 'Enter');
		const msg = chat.bridge.last();
		assert.ok(msg?.type === 'chat/send' && msg.text === 'line one' && /^[\w-]+$/.test(msg.requestId), JSON.stringify(msg));
		assert.equal(chat.$<HTMLTextAreaElement>('#prompt').value, '');
		assert.equal((chat.bridge.state as { draft: string }).draft, '');
	});

	it('keeps the prompt typeable but does not send while busy', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		type(chat, 'next question');
		assert.equal(chat.$<HTMLButtonElement>('#send').disabled, true);
		assert.equal(chat.$<HTMLTextAreaElement>('#prompt').disabled, false);
		assert.ok(chat.$('#composer').classList.contains('busy'));
		key(chat.$('#prompt'), 'Enter');
		click(chat.$('#send'));
		assert.equal(chat.bridge.posted.filter((m) => m.type === 'chat/send').length, 0);
		assert.equal(chat.$<HTMLTextAreaElement>('#prompt').value, 'next question');
	});

	it('puts the draft back when the host refuses with a notice, not after chat/started', async () => {
		const chat = await startChat();
		init(chat, []);
		type(chat, 'first');
		click(chat.$('#send'));
		chat.bridge.emit({ type: 'notice', level: 'error', message: 'Budget exceeded' });
		assert.equal(chat.$<HTMLTextAreaElement>('#prompt').value, 'first');
		click(chat.$('#send'));
		const sent = chat.bridge.last();
		assert.ok(sent?.type === 'chat/send');
		chat.bridge.emit({ type: 'chat/started', requestId: sent.requestId, user: userTurn({ text: 'first' }), assistant: streamingTurn() });
		chat.bridge.emit({ type: 'notice', level: 'info', message: 'unrelated' });
		assert.equal(chat.$<HTMLTextAreaElement>('#prompt').value, '');
		assert.equal(chat.$('.turn.user .turn-body').textContent, 'first');
	});
});
