import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { captureMessages, clearKey, setKey, stubWindow, TEST_KEY, useFakeAnthropic, waitFor, workspaceUri } from './helpers';

/** The part of the Git extension's API this test drives. */
interface TestRepository {
	rootUri: vscode.Uri;
	inputBox: { value: string };
	status(): Promise<void>;
}

describe('Write Commit Message with Claude: a real git repository, the fake server, the Source Control box', function () {
	this.timeout(60_000);
	const fake = useFakeAnthropic();
	const root = workspaceUri('commit-repo');
	let repo: TestRepository;
	const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: root.fsPath, stdio: 'pipe' }).toString();
	const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, name), new TextEncoder().encode(text));

	before(async () => {
		await vscode.workspace.fs.createDirectory(root);
		git('init', '-q');
		await write('app.ts', 'export const version = 1;\n');
		git('add', 'app.ts');
		git('commit', '-q', '-m', 'feat(app): add the version constant');
		await write('notes.md', 'notes\n');
		git('add', 'notes.md');
		git('commit', '-q', '-m', 'docs: add notes');
		const ext = vscode.extensions.getExtension<{ getAPI(v: 1): { openRepository(root: vscode.Uri): Promise<TestRepository | null> } }>('vscode.git');
		assert.ok(ext, 'VS Code\'s git extension is built in');
		const opened = await (ext.isActive ? ext.exports : await ext.activate()).getAPI(1).openRepository(root);
		assert.ok(opened, 'the git extension opened the repository');
		repo = opened;
	});
	after(async () => {
		await vscode.workspace.fs.delete(root, { recursive: true, useTrash: false });
	});
	beforeEach(async () => {
		git('reset', '-q', '--hard');
		git('clean', '-qfd');
		repo.inputBox.value = '';
	});

	/** Runs the command as the Source Control title's button does: with the repository's SourceControl (its rootUri). */
	async function writeMessage(): Promise<string[]> {
		const shown = captureMessages();
		try {
			await vscode.commands.executeCommand('claudeAssistant.writeCommitMessage', { rootUri: root });
		} finally {
			shown.restore();
		}
		return shown.messages;
	}

	it('writes the staged change\'s message into the box, in the style of the recent subjects, on the commit model; usage under commitMessage', async () => {
		await write('app.ts', 'export const version = 2;\n');
		await write('other.ts', 'unstaged\n');
		git('add', 'app.ts');
		repo.inputBox.value = 'bump version';
		const ledgerBefore = (await fake.api.ledger.read()).length;
		fake.server.enqueue({ text: '```\nfeat(app): bump the version to 2\n```', chunkSize: 5 });
		await writeMessage();
		assert.equal(repo.inputBox.value, 'feat(app): bump the version to 2');
		const [request] = fake.server.messageRequests();
		assert.equal(request.body.model, 'claude-haiku-5-5', 'the Haiku tier by default');
		const prompt = request.body.messages[0].content as string;
		assert.match(prompt, /^Recent commit subjects in this repository, newest first \(follow their style\):\n- docs: add notes\n- feat\(app\): add the version constant\n/);
		assert.match(prompt, /The user's draft of the message \(keep its intent, improve it\):\nbump version\n/);
		assert.match(prompt, /The staged changes to commit:\n```diff\ndiff --git a\/app\.ts b\/app\.ts[\s\S]+-export const version = 1;\n\+export const version = 2;/);
		assert.ok(!prompt.includes('other.ts'), 'only what is staged');
		assert.match(request.body.system as string, /You write git commit messages/);
		await waitFor(async () => (await fake.api.ledger.read()).length > ledgerBefore);
		const [line] = (await fake.api.ledger.read()).slice(ledgerBefore);
		assert.equal(line.command, 'commitMessage');
	});

	it('with nothing staged it describes every change, untracked files by name', async () => {
		await write('app.ts', 'export const version = 3;\n');
		await write('brand-new.ts', 'export {};\n');
		fake.server.enqueue({ text: 'Bump the version and add brand-new.ts' });
		await writeMessage();
		const prompt = fake.server.messageRequests()[0].body.messages[0].content as string;
		assert.match(prompt, /Nothing is staged; these are all the changes in the working tree:\n```diff\ndiff --git a\/app\.ts/);
		assert.match(prompt, /New files not yet tracked \(their content is not shown\): brand-new\.ts$/);
		assert.equal(repo.inputBox.value, 'Bump the version and add brand-new.ts');
	});

	it('a huge diff is cut with a note, never sent whole', async () => {
		await write('huge.ts', Array.from({ length: 40_000 }, (_, i) => `export const v${i} = ${i};`).join('\n'));
		git('add', 'huge.ts');
		fake.server.enqueue({ text: 'Add generated constants' });
		await writeMessage();
		const prompt = fake.server.messageRequests()[0].body.messages[0].content as string;
		assert.ok(prompt.length < 30_000, `sent ${prompt.length} characters of a diff over 900,000`);
		assert.match(prompt, /\[… \d+ more lines of this file's diff not shown\]/);
	});

	it('a failed request puts the draft back and says why; nothing staged or changed gets a clear message and no request', async () => {
		await write('app.ts', 'export const version = 4;\n');
		git('add', 'app.ts');
		repo.inputBox.value = 'my own words';
		fake.server.enqueue({ fault: { kind: 'http', status: 400, message: 'prompt is too long' } });
		const shown = await writeMessage();
		assert.equal(repo.inputBox.value, 'my own words');
		assert.ok(shown.some((m) => /^Claude could not write the commit message: .*prompt is too long.* Your draft is back in the box\.$/.test(m)), shown.join('\n'));

		git('reset', '-q', '--hard');
		await repo.status();
		fake.server.reset();
		const clean = await writeMessage();
		assert.deepEqual(clean, ['Claude: no changes to describe in this repository.']);
		assert.equal(fake.server.messageRequests().length, 0);
	});

	it('with no key it says so and sends nothing', async () => {
		await clearKey();
		try {
			const warn = stubWindow('showWarningMessage', () => undefined);
			try {
				await vscode.commands.executeCommand('claudeAssistant.writeCommitMessage', { rootUri: root });
			} finally {
				warn.restore();
			}
			assert.deepEqual(warn.calls, [['Writing a commit message needs an API key; nothing was sent.', 'Set API Key']]);
			assert.equal(fake.server.requests.length, 0);
		} finally {
			await setKey(TEST_KEY);
		}
	});
});
