import * as assert from 'node:assert/strict';
import type { StoredTurn } from '../../../../src/core/session/types';
import { ConversationLibrary, parseIndex, type LibraryIndex, type LibraryStorage } from '../../../../src/core/conversation/conversationLibrary';
import { cleanTitle, titleFromPrompt, UNTITLED } from '../../../../src/core/conversation/conversationTitle';

/** The library's files in memory; `log` records writes and removals in order. */
class MemoryStorage implements LibraryStorage {
	index: unknown;
	readonly files = new Map<string, unknown>();
	legacy: unknown;
	readonly log: string[] = [];
	async readIndex(): Promise<unknown> {
		return this.index === undefined ? undefined : JSON.parse(JSON.stringify(this.index));
	}
	async writeIndex(index: LibraryIndex): Promise<void> {
		this.index = JSON.parse(JSON.stringify(index));
		this.log.push('index');
	}
	async read(id: string): Promise<unknown> {
		const data = this.files.get(id);
		return data === undefined ? undefined : JSON.parse(JSON.stringify(data));
	}
	async write(id: string, data: unknown): Promise<void> {
		this.files.set(id, JSON.parse(JSON.stringify(data)));
		this.log.push(`write ${id}`);
	}
	async remove(id: string): Promise<void> {
		this.files.delete(id);
		this.log.push(`remove ${id}`);
	}
	/** Running answers, kept apart from `files` and `log` (they are written several times a second). */
	readonly running = new Map<string, unknown>();
	async readRunning(id: string): Promise<unknown> {
		return this.running.get(id);
	}
	async writeRunning(id: string, running: unknown): Promise<void> {
		this.running.set(id, JSON.parse(JSON.stringify(running)));
	}
	async removeRunning(id: string): Promise<void> {
		this.running.delete(id);
	}
	async readLegacy(): Promise<unknown> {
		return this.legacy;
	}
	async removeLegacy(): Promise<void> {
		this.legacy = undefined;
		this.log.push('remove legacy');
	}
}

function exchange(question: string, answer = 'an answer', n = 1): StoredTurn[] {
	return [
		{ id: `u${n}`, role: 'user', text: question },
		{ id: `a${n}`, role: 'assistant', text: answer, status: 'complete', model: 'claude-sonnet-5-5' },
	];
}

describe('ConversationLibrary: many conversations, an index and one file each', () => {
	let storage: MemoryStorage;
	let clock: number;
	let ids: number;
	const make = () => new ConversationLibrary(storage, { now: () => clock, newId: () => `c${++ids}` });

	beforeEach(() => {
		storage = new MemoryStorage();
		clock = 1_000;
		ids = 0;
	});

	it('starts with one empty, unlisted conversation and writes no conversation file for it', async () => {
		const lib = make();
		const content = await lib.load();
		assert.deepEqual(content.turns, []);
		assert.equal(lib.current.id, 'c1');
		assert.deepEqual(lib.list(), []);
		await lib.save('c1', { turns: [] });
		assert.equal(storage.files.size, 0);
		assert.equal(parseIndex(storage.index)?.currentId, 'c1');
	});

	it('titles a conversation from its first prompt and lists it once it has a message', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('How do I   read a `JSON` file in Node?') }, { touch: true });
		assert.deepEqual(lib.list().map((e) => e.title), ['How do I read a JSON file in Node?']);
		await lib.save('c1', { turns: [...exchange('How do I read a JSON file in Node?'), ...exchange('And write one?', 'x', 2)] });
		assert.equal(lib.list()[0].title, 'How do I read a JSON file in Node?', 'later prompts do not retitle it');
		assert.deepEqual((storage.files.get('c1') as { turns: StoredTurn[] }).turns.length, 4);
	});

	it('New Chat keeps the old conversation in the list; an empty current one is reused', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('first chat') }, { touch: true });
		assert.equal(await lib.create(), true);
		assert.equal(lib.current.id, 'c2');
		assert.equal(await lib.create(), false, 'a second New Chat on an empty conversation adds nothing');
		assert.equal(lib.current.id, 'c2');
		assert.deepEqual(lib.list().map((e) => e.id), ['c1']);
	});

	it('lists the most recently used first; sending in an older conversation moves it to the top', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('one') }, { touch: true });
		clock = 2_000;
		await lib.create();
		await lib.save('c2', { turns: exchange('two') }, { touch: true });
		assert.deepEqual(lib.list().map((e) => e.title), ['two', 'one']);
		clock = 3_000;
		await lib.open('c1');
		await lib.save('c1', { turns: [...exchange('one'), ...exchange('again', 'y', 2)] }, { touch: true });
		assert.deepEqual(lib.list().map((e) => e.title), ['one', 'two']);
		assert.equal(lib.list()[0].updatedAt, 3_000);
		assert.equal(lib.list()[0].createdAt, 1_000);
	});

	it('switching returns the other conversation\'s turns and drops an empty current one', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('keep me') }, { touch: true });
		await lib.create();
		assert.equal(lib.current.id, 'c2');
		const content = await lib.open('c1');
		assert.deepEqual(content?.turns.map((t) => t.text), ['keep me', 'an answer']);
		assert.equal(lib.current.id, 'c1');
		assert.equal(lib.get('c2'), undefined, 'the empty conversation left behind is gone');
		assert.equal(await lib.open('nope'), undefined);
	});

	it('renames (trimmed, one line) and refuses a blank title or an unknown id', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('q') }, { touch: true });
		assert.equal(await lib.rename('c1', '  My\nrenamed   chat '), true);
		assert.equal(lib.list()[0].title, 'My renamed chat');
		assert.equal(await lib.rename('c1', '   '), false);
		assert.equal(await lib.rename('zzz', 'x'), false);
		assert.equal(lib.list()[0].title, 'My renamed chat');
	});

	it('deletes a conversation and its file; deleting the open one opens the most recent other, then an empty one', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('old') }, { touch: true });
		clock = 2_000;
		await lib.create();
		await lib.save('c2', { turns: exchange('new') }, { touch: true });
		assert.equal(await lib.remove('c2'), true);
		assert.equal(storage.files.has('c2'), false);
		assert.equal(lib.current.id, 'c1');
		assert.equal(await lib.remove('c1'), true);
		assert.deepEqual(lib.list(), []);
		assert.equal(lib.current.title, '');
		assert.equal(await lib.remove('c1'), false);
	});

	it('a late write for a deleted conversation does not bring it back', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('gone soon') }, { touch: true });
		await lib.create();
		await lib.remove('c1');
		await lib.save('c1', { turns: exchange('gone soon') });
		assert.equal(storage.files.has('c1'), false);
		assert.equal(lib.get('c1'), undefined);
	});

	it('keeps the chosen model in the index and gives it back with the content', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: [], model: 'claude-opus-5-5' });
		assert.equal(lib.current.model, 'claude-opus-5-5', 'an empty conversation keeps its model choice');
		await lib.save('c1', { turns: exchange('q'), model: 'claude-opus-5-5' }, { touch: true });
		assert.equal((await lib.read('c1')).model, 'claude-opus-5-5');
		await lib.save('c1', { turns: exchange('q') });
		assert.equal(lib.current.model, undefined);
		assert.equal((await lib.read('c1')).model, undefined);
	});

	it('while an answer streams, saves only its text; a reload gets it back into its turn; the next whole save wins', async () => {
		const lib = make();
		await lib.load();
		const answer = { id: 'a1', role: 'assistant', text: '', status: 'streaming', model: 'claude-sonnet-5-5' } as const;
		const streaming: StoredTurn[] = [{ id: 'u1', role: 'user', text: 'Explain this' }, answer];
		await lib.save('c1', { turns: streaming }, { touch: true });
		const writes = storage.log.length;
		await lib.saveRunning('c1', { turnId: 'a1', text: 'The first half' });
		await lib.saveRunning('c1', { turnId: 'a1', text: 'The first half of it' });
		assert.equal(storage.log.length, writes, 'the conversation file was not rewritten');
		const reloaded = make();
		const restored = await reloaded.load();
		assert.equal(restored.turns[1].text, 'The first half of it');
		assert.deepEqual((await reloaded.read('c1')).turns.map((t) => t.text), ['Explain this', 'The first half of it']);
		// the request ended: the whole conversation is saved, and the running text is gone
		await lib.save('c1', { turns: [streaming[0], { ...answer, text: 'The whole answer.', status: 'complete' }] });
		assert.equal(storage.running.size, 0);
		assert.equal((await make().load()).turns[1].text, 'The whole answer.');
	});

	it('a running text left behind is ignored once its turn is no longer streaming, or for another turn', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('Q', 'final answer') }, { touch: true });
		await storage.writeRunning('c1', { turnId: 'a1', text: 'stale partial' });
		assert.equal((await make().load()).turns[1].text, 'final answer');
		await lib.save('c1', { turns: [{ id: 'u1', role: 'user', text: 'Q' }, { id: 'a2', role: 'assistant', text: '', status: 'streaming', model: 'm' }] });
		assert.equal((await make().load()).turns[1].text, '', 'the running text belongs to another turn');
	});

	it('a new library over the same storage (a reload) restores the list and the open conversation', async () => {
		const lib = make();
		await lib.load();
		await lib.save('c1', { turns: exchange('first') }, { touch: true });
		clock = 2_000;
		await lib.create();
		await lib.save('c2', { turns: exchange('second'), model: 'claude-haiku-5-5' }, { touch: true });
		await lib.open('c1');
		const reloaded = make();
		const content = await reloaded.load();
		assert.equal(reloaded.current.id, 'c1');
		assert.deepEqual(content.turns.map((t) => t.text), ['first', 'an answer']);
		assert.deepEqual(reloaded.list().map((e) => [e.title, e.model]), [['second', 'claude-haiku-5-5'], ['first', undefined]]);
	});

	it('migrates the single conversation.json of earlier versions on first run, then removes it', async () => {
		storage.legacy = { turns: exchange('Explain `src/x.ts` lines 3–10'), history: { start: 0, summarized: 0 } };
		const lib = make();
		const content = await lib.load();
		assert.deepEqual(content.turns.map((t) => t.text), ['Explain `src/x.ts` lines 3–10', 'an answer']);
		assert.deepEqual(lib.list().map((e) => e.title), ['Explain src/x.ts lines 3–10']);
		assert.equal(storage.legacy, undefined);
		assert.deepEqual(storage.log, ['write c1', 'index', 'remove legacy']);
		// a second start finds the index and does not migrate again
		storage.legacy = { turns: exchange('stale copy') };
		await make().load();
		assert.deepEqual(storage.legacy, { turns: exchange('stale copy') });
	});

	it('migrates nothing from an empty or unreadable conversation.json, and survives a corrupt index', async () => {
		storage.legacy = { turns: 'not turns' };
		const lib = make();
		await lib.load();
		assert.deepEqual(lib.list(), []);
		storage.index = { version: 99, entries: 'garbage' };
		const again = make();
		await again.load();
		assert.deepEqual(again.list(), []);
		assert.equal(parseIndex({ version: 1, currentId: 'x', entries: [{ id: '../evil', title: 't' }, { id: 'ok', title: 't' }] })?.entries.length, 1, 'ids that are not file-name safe are dropped');
	});
});

describe('conversation titles', () => {
	it('keeps a short prompt as it is (one line, no markdown marks)', () => {
		assert.equal(titleFromPrompt('  What does **this**\n do?  '), 'What does this do?');
		assert.equal(titleFromPrompt('Explain `src/app.ts` lines 1–4'), 'Explain src/app.ts lines 1–4');
	});

	it('cuts a long prompt at a word boundary to about 60 characters, with an ellipsis', () => {
		const title = titleFromPrompt('Please refactor the session manager so that every conversation is stored in its own file and switching is fast');
		assert.ok(title.length <= 60, title);
		assert.ok(title.endsWith('…'));
		assert.equal(title, 'Please refactor the session manager so that every…');
		const noSpaces = titleFromPrompt('x'.repeat(100));
		assert.equal(noSpaces.length, 60);
	});

	it('leaves code blocks out, and names a prompt without words "Untitled chat"', () => {
		assert.equal(titleFromPrompt('Why?\n```ts\nconst x = 1;\n```'), 'Why?');
		assert.equal(titleFromPrompt('```\n```'), UNTITLED);
		assert.equal(titleFromPrompt('   '), UNTITLED);
	});

	it('cleans a typed title and refuses a blank one', () => {
		assert.equal(cleanTitle('  a\tb  '), 'a b');
		assert.equal(cleanTitle(' \n '), undefined);
		assert.equal(cleanTitle('y'.repeat(500))?.length, 200);
	});
});
