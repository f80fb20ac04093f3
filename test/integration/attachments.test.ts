import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostToWebview, MentionItem } from '../../src/shared/protocol';
import { WAITING_ATTACHMENTS_KEY } from '../../src/host/context/chatContext';
import { ask, useFakeAnthropic, waitFor, workspaceUri } from './helpers';

const GREET = [
	'// greetings',
	'export function greet(name: string): string {',
	'\treturn `Hello, ${name}`;',
	'}',
	'',
	'export class Greeter {',
	'\tconstructor(private readonly name: string) {}',
	'',
	'\thello(): string {',
	'\t\treturn greet(this.name);',
	'\t}',
	'}',
	'',
].join('\n');

type Results = Extract<HostToWebview, { type: 'mention/results' }>;

describe('Attachments: Add to Chat and @-mentions in the real extension host', function () {
	this.timeout(90_000);
	const fake = useFakeAnthropic();
	const write = (name: string, bytes: Uint8Array | string) =>
		vscode.workspace.fs.writeFile(workspaceUri('attach', name), typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
	/** What the host told the chat view since the test began. */
	let posted: HostToWebview[];
	let listening: vscode.Disposable;

	before(async () => {
		await write('greet.ts', GREET);
		await write('notes/a.md', '# A\n');
		await write('notes/b.md', '# B\n');
		await write('image.bin', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
		await write('huge.txt', 'x'.repeat(300 * 1024));
		await write('broken.ts', 'export const answer: number = "forty-two";\n');
	});
	after(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await vscode.workspace.fs.delete(workspaceUri('attach'), { recursive: true, useTrash: false });
	});
	beforeEach(async () => {
		posted = [];
		listening = fake.api.onViewMessage((m) => posted.push(m));
		for (const chip of fake.api.attachments()) {
			await fake.api.viewMessage({ type: 'attachment/remove', id: chip.id });
		}
	});
	afterEach(() => listening.dispose());

	const notices = (): string[] => posted.flatMap((m) => (m.type === 'notice' ? [m.message] : []));

	/** Types `@query` in the composer: the host's last answer for it (symbols included). */
	async function mention(queryId: string, query: string): Promise<MentionItem[]> {
		await fake.api.viewMessage({ type: 'mention/query', queryId, query });
		const answers = posted.filter((m): m is Results => m.type === 'mention/results' && m.queryId === queryId);
		assert.ok(answers.at(-1)?.complete, 'the last answer is the whole list');
		return answers.at(-1)!.items;
	}

	it('Add to Chat on a file and a folder attaches chips without sending; Ask sends each as its own block and the turn keeps them', async () => {
		await vscode.commands.executeCommand('claudeAssistant.addToChat', workspaceUri('attach', 'greet.ts'), [workspaceUri('attach', 'greet.ts'), workspaceUri('attach', 'notes')]);
		assert.deepEqual(fake.api.attachments().map((c) => [c.label, c.file]), [['greet.ts', 'attach/greet.ts'], ['a.md', 'attach/notes/a.md'], ['b.md', 'attach/notes/b.md']]);
		assert.ok(fake.api.attachments().every((c) => c.tokens > 0));
		assert.equal(fake.server.messageRequests().length, 0, 'attaching sends nothing');
		assert.deepEqual(posted.filter((m) => m.type === 'attachments/changed').at(-1), { type: 'attachments/changed', items: fake.api.attachments() });
		const waiting = () => fake.api.mementos().workspace[WAITING_ATTACHMENTS_KEY] as Array<{ label: string; text: string }> | undefined;
		assert.deepEqual(waiting()?.map((a) => a.label), ['greet.ts', 'a.md', 'b.md'], 'kept for the next window, with their text');
		assert.match(waiting()![0].text, /export function greet/);

		fake.server.enqueue({ text: 'Greetings and notes.' });
		const done = await ask(fake.api, 'What is in these?');
		assert.equal(done.type, 'chat/done');
		const content = fake.server.messageRequests()[0].body.messages.at(-1)!.content as Array<{ text: string }>;
		assert.deepEqual(content.map((b) => b.text.split('\n')[0]), ['Attached `attach/greet.ts`:', 'Attached `attach/notes/a.md`:', 'Attached `attach/notes/b.md`:', 'What is in these?']);
		assert.match(content[0].text, /export function greet/);
		assert.deepEqual(fake.api.attachments(), [], 'sent: the chips left the composer');
		assert.equal(waiting(), undefined, 'and the next window has none waiting');
		const user = fake.api.snapshot().turns.find((t) => t.role === 'user');
		assert.deepEqual(user?.role === 'user' && user.attachments?.map((a) => a.label), ['greet.ts', 'a.md', 'b.md']);
		await fake.api.conversations.flush();
		const stored = await fake.api.conversations.stored();
		assert.match(JSON.stringify(stored), /export function greet/, 'persisted with their text: a reload sends the same');
	});

	it('refuses a binary and an oversized file at attach time, saying why, and attaches nothing', async () => {
		await vscode.commands.executeCommand('claudeAssistant.addToChat', workspaceUri('attach', 'image.bin'));
		await vscode.commands.executeCommand('claudeAssistant.addToChat', workspaceUri('attach', 'huge.txt'));
		assert.deepEqual(fake.api.attachments(), []);
		assert.deepEqual(notices(), [
			'attach/image.bin: This looks like a binary file (it contains a NUL byte); only text files can be sent.',
			'attach/huge.txt: The file is too large to send (300 KB; the limit is 200 KB).',
		]);
	});

	it('@ finds a file by fuzzy name, and a class through the TypeScript symbol provider; picking it attaches the whole declaration', async () => {
		const doc = await vscode.workspace.openTextDocument(workspaceUri('attach', 'greet.ts'));
		await vscode.window.showTextDocument(doc);
		// the TypeScript server has loaded the file once it lists its symbols
		await waitFor(async () => ((await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? []).length > 0, 30_000);
		const files = await mention('q1', 'grt');
		assert.ok(files.some((i) => i.kind === 'file' && i.label === 'greet.ts' && i.detail === 'attach'), JSON.stringify(files));

		let symbol: MentionItem | undefined;
		await waitFor(async () => {
			symbol = (await mention(`q${posted.length + 2}`, 'Greeter')).find((i) => i.kind === 'symbol' && i.label === 'Greeter');
			return symbol !== undefined;
		}, 30_000);
		assert.equal(symbol?.detail, 'class in attach/greet.ts');
		const last = posted.filter((m): m is Results => m.type === 'mention/results').at(-1)!;
		await fake.api.viewMessage({ type: 'mention/pick', queryId: last.queryId, itemId: symbol!.id });
		assert.deepEqual(fake.api.attachments().map((c) => [c.kind, c.label, c.startLine, c.endLine]), [['symbol', 'Greeter', 6, 12]]);
	});

	it('symbols are looked up once typing pauses, for three letters or more: quick keystrokes ask the symbol providers once, for the last', async () => {
		const asked: string[] = [];
		const provider = vscode.languages.registerWorkspaceSymbolProvider({ provideWorkspaceSymbols: (q) => (asked.push(q), []) });
		try {
			await fake.api.viewMessage({ type: 'mention/query', queryId: 'k1', query: 'zq' });
			await Promise.all(['zqx', 'zqxw', 'zqxwv'].map((query, i) => fake.api.viewMessage({ type: 'mention/query', queryId: `k${i + 2}`, query })));
			assert.deepEqual(asked, ['zqxwv']);
			const last = posted.filter((m): m is Results => m.type === 'mention/results' && m.queryId === 'k4');
			assert.deepEqual(last.map((m) => m.complete), [false, true], 'the files first, then the whole list');
		} finally {
			provider.dispose();
		}
	});

	it('@problems attaches the active file\'s real TypeScript error; @selection its selected lines; a chip opens its lines and × removes it', async () => {
		const broken = await vscode.workspace.openTextDocument(workspaceUri('attach', 'broken.ts'));
		await vscode.window.showTextDocument(broken);
		await waitFor(() => vscode.languages.getDiagnostics(broken.uri).length > 0, 30_000);
		const problems = (await mention('p1', 'prob')).find((i) => i.label === 'problems');
		assert.equal(problems?.detail, '1 in attach/broken.ts');
		await fake.api.viewMessage({ type: 'mention/pick', queryId: 'p1', itemId: problems!.id });

		const doc = await vscode.workspace.openTextDocument(workspaceUri('attach', 'greet.ts'));
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(1, 0, 3, 1);
		const selection = (await mention('s1', 'sel')).find((i) => i.kind === 'selection');
		assert.equal(selection?.detail, 'lines 2–4 of attach/greet.ts');
		await fake.api.viewMessage({ type: 'mention/pick', queryId: 's1', itemId: selection!.id });
		const chips = fake.api.attachments();
		assert.deepEqual(chips.map((c) => [c.kind, c.label, c.startLine, c.endLine]), [['problems', 'Problems in broken.ts', undefined, undefined], ['selection', 'greet.ts', 2, 4]]);

		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await fake.api.viewMessage({ type: 'attachment/open', id: chips[1].id });
		await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === doc.uri.toString());
		assert.equal(vscode.window.activeTextEditor?.selection.start.line, 1, 'opened at the chip\'s first line');

		await fake.api.viewMessage({ type: 'attachment/remove', id: chips[1].id });
		fake.server.enqueue({ text: 'A string is not a number.' });
		await ask(fake.api, 'Why?');
		const content = fake.server.messageRequests()[0].body.messages.at(-1)!.content as Array<{ text: string }>;
		assert.equal(content.length, 2, 'the removed chip was not sent');
		assert.match(content[0].text, /^Attached Problems in broken\.ts:\n\n```plaintext\nattach\/broken\.ts:1:14 error \(ts 2322\): Type 'string' is not assignable to type 'number'\./);
	});
	it('the @ list follows the workspace: a file created after the first @ is found, a deleted one is gone, a new .gitignore hides what it names', async () => {
		let n = 0;
		/** The files `@query` lists now, as folder/name. */
		const listed = async (query: string) => (await mention(`w${++n}`, query)).filter((i) => i.kind === 'file').map((i) => `${i.detail}/${i.label}`);
		assert.ok((await listed('a.md')).includes('attach/notes/a.md'), 'indexed');
		assert.ok(!(await listed('zebra')).includes('attach/zebra.ts'));

		await write('zebra.ts', 'export const zebra = 1;\n');
		await waitFor(async () => (await listed('zebra')).includes('attach/zebra.ts'), 30_000);
		await vscode.workspace.fs.delete(workspaceUri('attach', 'zebra.ts'));
		await waitFor(async () => !(await listed('zebra')).includes('attach/zebra.ts'), 30_000);

		await write('.gitignore', 'notes/\n');
		await waitFor(async () => !(await listed('a.md')).includes('attach/notes/a.md'), 30_000);
		assert.ok((await listed('grt')).includes('attach/greet.ts'), 'what the rule does not name stays');
	});
});
