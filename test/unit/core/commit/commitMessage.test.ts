import * as assert from 'node:assert/strict';
import { cleanCommitMessage, commitMessagePrompt, trimDiff } from '../../../../src/core/commit/commitMessage';

/** A unified diff of one file with `lines` added lines. */
function fileDiff(path: string, lines: number): string {
	const added = Array.from({ length: lines }, (_, i) => `+line ${i} of ${path}`).join('\n');
	return `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -0,0 +1,${lines} @@\n${added}\n`;
}

describe('commit message: the diff cut to size, the request, the answer for the Source Control box', () => {
	it('leaves a diff under both limits as it is', () => {
		const diff = fileDiff('a.ts', 3) + fileDiff('b.ts', 2);
		assert.deepEqual(trimDiff(diff), { text: diff, files: 2, cutFiles: 0, omittedFiles: 0 });
	});

	it('cuts one huge file\'s diff at whole lines and says how many lines were left out', () => {
		const { text, cutFiles } = trimDiff(fileDiff('big.ts', 1000), { maxFileChars: 500 });
		assert.equal(cutFiles, 1);
		assert.ok(text.length < 600, `${text.length}`);
		assert.match(text, /^diff --git a\/big\.ts b\/big\.ts\n/);
		const shown = text.split('\n').filter((l) => l.startsWith('+line')).length;
		assert.match(text, new RegExp(`\\n\\[… ${1000 - shown} more lines of this file's diff not shown\\]\\n$`));
	});

	it('past the total it names the files it leaves out instead of sending them: never a huge diff whole', () => {
		const diff = Array.from({ length: 50 }, (_, i) => fileDiff(`src/f${i}.ts`, 40)).join('');
		const trimmed = trimDiff(diff, { maxChars: 5000, maxFileChars: 2000 });
		assert.ok(trimmed.text.length <= 5000 + 2000, `${trimmed.text.length}`);
		assert.equal(trimmed.files, 50);
		assert.ok(trimmed.omittedFiles > 40);
		assert.match(trimmed.text, new RegExp(`\\[… the diff is cut: ${trimmed.omittedFiles} more changed files not shown: src/f\\d+\\.ts, `));
		assert.match(trimmed.text, /src\/f49\.ts\]\n$/);
	});

	it('asks with the recent subjects as the style, the draft, the staged diff and the untracked files', () => {
		const prompt = commitMessagePrompt({
			diff: trimDiff(fileDiff('a.ts', 1)), staged: true, untracked: ['new.ts'], subjects: ['feat(chat): add history', 'fix: typo'], draft: 'wip history',
		});
		assert.match(prompt, /^Recent commit subjects in this repository, newest first \(follow their style\):\n- feat\(chat\): add history\n- fix: typo\n/);
		assert.match(prompt, /The user's draft of the message \(keep its intent, improve it\):\nwip history\n/);
		assert.match(prompt, /The staged changes to commit:\n```diff\ndiff --git a\/a\.ts b\/a\.ts\n[\s\S]+\n```\n\nNew files not yet tracked \(their content is not shown\): new\.ts$/);
		const unstaged = commitMessagePrompt({ diff: trimDiff(fileDiff('a.ts', 1)), staged: false, untracked: [], subjects: [] });
		assert.match(unstaged, /^Nothing is staged; these are all the changes in the working tree:\n```diff\n/);
	});

	it('cleans what a model sometimes wraps around the message, also while it streams', () => {
		assert.equal(cleanCommitMessage('```\nfix: handle empty input  \n\nBody line.\n```'), 'fix: handle empty input\n\nBody line.');
		assert.equal(cleanCommitMessage('"Add batch mode"'), 'Add batch mode');
		assert.equal(cleanCommitMessage('```text\nAdd bat'), 'Add bat');
		assert.equal(cleanCommitMessage('Plain subject\n'), 'Plain subject');
	});
});
