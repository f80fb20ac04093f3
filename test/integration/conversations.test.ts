import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Conversation } from '../../src/core/session/conversation';
import { createConversationLibrary } from '../../src/host/chat/conversationServices';
import type { AssistantTurn } from '../../src/shared/protocol';
import { ask as askInChat, stopAnswer, TEST_KEY, useFakeAnthropic, waitFor, workspaceUri } from './helpers';

type Win = Record<string, (...args: unknown[]) => Thenable<unknown>>;

/** Replaces a vscode.window function for one test; returns the calls' arguments. */
function stubWindow(name: string, answer: unknown): { calls: unknown[][]; restore(): void } {
	const w = vscode.window as unknown as Win;
	const original = w[name];
	const calls: unknown[][] = [];
	w[name] = async (...args: unknown[]) => {
		calls.push(args);
		return answer;
	};
	return { calls, restore: () => { w[name] = original; } };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

describe('Conversations inside VS Code: history, switch, delete, export, model per conversation', function () {
	this.timeout(30_000);
	const fake = useFakeAnthropic();

	/** Sends a chat message in the open conversation and waits for its answer. */
	async function ask(text: string, reply = `answer to ${text}`): Promise<AssistantTurn> {
		fake.server.enqueue({ text: reply });
		return (await askInChat(fake.api, text)).turn;
	}

	/** Two conversations, "first" then "second" (open); returns their ids. */
	async function twoConversations(): Promise<{ first: string; second: string }> {
		await ask('first question');
		const first = fake.api.conversations.current().id;
		await vscode.commands.executeCommand('claudeAssistant.newChat');
		await ask('second question');
		const second = fake.api.conversations.current().id;
		await fake.api.conversations.flush();
		return { first, second };
	}

	it('keeps every conversation in the workspace storage: a re-created library (a reload) restores the list and the open one', async () => {
		const { first, second } = await twoConversations();
		assert.notEqual(first, second);
		assert.ok(await exists(vscode.Uri.joinPath(fake.api.storage, 'conversations', 'index.json')));
		assert.ok(await exists(vscode.Uri.joinPath(fake.api.storage, 'conversations', `${first}.json`)));
		const titles = fake.api.conversations.list().map((e) => e.title);
		assert.deepEqual(titles.slice(0, 2), ['second question', 'first question'], 'most recent first, titled from the first prompt');

		const reloaded = createConversationLibrary(fake.api.storage);
		const content = await reloaded.load();
		assert.equal(reloaded.current.id, second);
		assert.deepEqual(content.turns.map((t) => t.text), ['second question', 'answer to second question']);
		assert.deepEqual(reloaded.list().slice(0, 2).map((e) => e.id), [second, first]);
		assert.ok(!JSON.stringify(content).includes(TEST_KEY));
	});

	it('an answer that was streaming when the window closed comes back "interrupted"', async () => {
		fake.server.enqueue({ text: 'word '.repeat(300), chunkSize: 5, delayMs: 20 });
		const terminal = askInChat(fake.api, 'a long answer please');
		await waitFor(() => (fake.api.snapshot().turns[1]?.text.length ?? 0) > 20);
		await fake.api.conversations.flush(); // what the debounced writes have on disk mid-stream
		const content = await createConversationLibrary(fake.api.storage).load();
		await stopAnswer();
		await terminal;
		const restored = new Conversation();
		restored.restore(content);
		const answer = restored.snapshot().turns[1] as AssistantTurn;
		assert.equal(answer.status, 'interrupted');
		assert.ok(answer.text.startsWith('word word'));
	});

	it('switching (the History list\'s message) puts the other conversation\'s turns in the session', async () => {
		const { first, second } = await twoConversations();
		await fake.api.viewMessage({ type: 'conversation/switch', id: first });
		assert.equal(fake.api.conversations.current().id, first);
		assert.deepEqual(fake.api.snapshot().turns.map((t) => t.text), ['first question', 'answer to first question']);
		assert.equal(fake.api.conversations.listMessage().currentId, first);
		// a follow-up in it carries its own history
		await ask('follow-up');
		const sent = fake.server.messageRequests().at(-1)?.body.messages as Array<{ content: unknown }>;
		assert.equal(sent.length, 3);
		assert.match(JSON.stringify(sent[0].content), /first question/);
		await fake.api.viewMessage({ type: 'conversation/switch', id: second });
		assert.deepEqual(fake.api.snapshot().turns.map((t) => t.text), ['second question', 'answer to second question']);
		assert.equal(fake.api.conversations.list()[0].id, first, 'the follow-up moved the first conversation to the top');
	});

	it('switching while an answer streams stops it and keeps it, marked stopped, in its own conversation', async () => {
		const { first } = await twoConversations();
		fake.server.enqueue({ text: 'word '.repeat(400), chunkSize: 5, delayMs: 20 });
		const terminal = askInChat(fake.api, 'keep going');
		await waitFor(() => (fake.api.snapshot().turns[3]?.text.length ?? 0) > 20);
		const streamingIn = fake.api.conversations.current().id;
		await fake.api.viewMessage({ type: 'conversation/switch', id: first });
		assert.equal(fake.api.busy(), false);
		const left = await fake.api.conversations.content(streamingIn);
		assert.equal((left.turns[3] as AssistantTurn).status, 'stopped');
		assert.equal((await terminal).turn.status, 'stopped');
	});

	it('Delete asks first (a modal naming the conversation) and then removes it and its file', async () => {
		const { first } = await twoConversations();
		const file = vscode.Uri.joinPath(fake.api.storage, 'conversations', `${first}.json`);
		let confirm = stubWindow('showWarningMessage', undefined);
		try {
			await fake.api.viewMessage({ type: 'conversation/delete', id: first });
		} finally {
			confirm.restore();
		}
		assert.ok(fake.api.conversations.get(first), 'cancelled: still listed');
		assert.match(String(confirm.calls[0][0]), /Delete the conversation "first question"\?/);
		assert.equal((confirm.calls[0][1] as { modal?: boolean }).modal, true);
		confirm = stubWindow('showWarningMessage', 'Delete');
		try {
			await fake.api.viewMessage({ type: 'conversation/delete', id: first });
		} finally {
			confirm.restore();
		}
		assert.equal(fake.api.conversations.get(first), undefined);
		await waitFor(async () => !(await exists(file)));
		assert.ok(!fake.api.conversations.listMessage().items.some((i) => i.id === first));
	});

	it('deleting the open conversation opens the most recent other one', async () => {
		const { first, second } = await twoConversations();
		const confirm = stubWindow('showWarningMessage', 'Delete');
		try {
			await fake.api.viewMessage({ type: 'conversation/delete', id: second });
		} finally {
			confirm.restore();
		}
		assert.equal(fake.api.conversations.current().id, first);
		assert.deepEqual(fake.api.snapshot().turns.map((t) => t.text), ['first question', 'answer to first question']);
	});

	it('Rename takes the title from an input box', async () => {
		const { first } = await twoConversations();
		const input = stubWindow('showInputBox', 'JSON questions');
		try {
			await fake.api.viewMessage({ type: 'conversation/rename', id: first });
		} finally {
			input.restore();
		}
		assert.equal((input.calls[0][0] as { value: string }).value, 'first question');
		assert.equal(fake.api.conversations.get(first)?.title, 'JSON questions');
	});

	it('Export as Markdown writes the conversation where the save dialog says', async () => {
		const { first } = await twoConversations();
		const target = workspaceUri('exported-conversation.md');
		const dialog = stubWindow('showSaveDialog', target);
		const info = stubWindow('showInformationMessage', undefined);
		try {
			await fake.api.viewMessage({ type: 'conversation/export', id: first });
		} finally {
			dialog.restore();
			info.restore();
		}
		try {
			const options = dialog.calls[0][0] as { defaultUri?: vscode.Uri; filters?: Record<string, string[]> };
			assert.ok(options.defaultUri?.path.endsWith('/first-question.md'), options.defaultUri?.toString());
			assert.deepEqual(options.filters, { Markdown: ['md'] });
			const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
			assert.match(text, /^# first question\n/);
			assert.ok(text.includes('## You\n\nfirst question\n\n## Claude · claude-sonnet-5-5\n\nanswer to first question\n'), text);
			assert.ok(!text.includes('second question'));
			assert.match(String(info.calls[0][0]), /Exported "first question" to exported-conversation\.md/);
		} finally {
			await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
		}
	});

	it('the model picker\'s choice is per conversation and reaches the API; a new conversation uses the setting', async () => {
		const models = fake.api.conversations.modelsMessage();
		assert.equal(models.selected, 'claude-sonnet-5-5');
		assert.ok(models.models.some((m) => m.label === 'claude-opus-5-5 — $4 / $20 per MTok'), JSON.stringify(models.models));
		assert.ok(models.models.some((m) => m.label === 'claude-sonnet-5-5 — $2 / $10 per MTok · default'));

		await fake.api.viewMessage({ type: 'model/select', model: 'claude-opus-5-5' });
		assert.equal(fake.api.conversations.modelsMessage().selected, 'claude-opus-5-5');
		await ask('on opus');
		const opusChat = fake.api.conversations.current().id;
		await vscode.commands.executeCommand('claudeAssistant.newChat');
		assert.equal(fake.api.conversations.modelsMessage().selected, 'claude-sonnet-5-5');
		await ask('on the default');
		await fake.api.viewMessage({ type: 'conversation/switch', id: opusChat });
		assert.equal(fake.api.conversations.modelsMessage().selected, 'claude-opus-5-5');
		await ask('still opus');
		assert.deepEqual(fake.server.messageRequests().map((r) => r.body.model), ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5']);
		assert.equal(fake.api.conversations.get(opusChat)?.model, 'claude-opus-5-5', 'kept in the index');
		// a model that is not offered is refused
		await fake.api.viewMessage({ type: 'model/select', model: 'claude-nonexistent-9' });
		assert.equal(fake.api.conversations.modelsMessage().selected, 'claude-opus-5-5');
	});

	it('the model list comes from GET /v1/models once a key is set (the daily cache: test/unit/core/models/modelCatalog.test.ts)', async () => {
		const ids = (): string[] => fake.api.conversations.modelsMessage().models.map((m) => m.id);
		await waitFor(() => ids().includes('claude-sonnet-4-5'));
		assert.ok(!ids().includes('claude-mythos-5-1'), 'the API\'s list, not the built-in one');
	});

	it('migrates a conversation.json of an earlier version into a new library', async () => {
		const dir = vscode.Uri.joinPath(fake.api.storage, 'migration-test');
		const legacy = vscode.Uri.joinPath(dir, 'conversation.json');
		const turns = [{ id: 'u1', role: 'user', text: 'old question' }, { id: 'a1', role: 'assistant', text: 'old answer', status: 'complete', model: 'claude-sonnet-5-5' }];
		await vscode.workspace.fs.createDirectory(dir);
		await vscode.workspace.fs.writeFile(legacy, new TextEncoder().encode(JSON.stringify({ turns })));
		try {
			const lib = createConversationLibrary(dir);
			const content = await lib.load();
			assert.deepEqual(content.turns.map((t) => t.text), ['old question', 'old answer']);
			assert.deepEqual(lib.list().map((e) => e.title), ['old question']);
			await waitFor(async () => !(await exists(legacy)));
			assert.deepEqual((await createConversationLibrary(dir).load()).turns.map((t) => t.text), ['old question', 'old answer']);
		} finally {
			await vscode.workspace.fs.delete(dir, { recursive: true }).then(undefined, () => undefined);
		}
	});
});
