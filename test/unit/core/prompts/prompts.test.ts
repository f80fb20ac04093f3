import * as assert from 'node:assert/strict';
import { buildAddDocsPrompt, buildAskPrompt, buildExplainPrompt, buildFixPrompt, buildSummarizePrompt, buildWriteTestsPrompt, fencedBlock, inlineCode, SYSTEM_PROMPT } from '../../../../src/core/prompts/prompts';

describe('prompts: explain selection', () => {
	const input = { file: 'src/x.ts', languageId: 'typescript', startLine: 10, endLine: 24, code: 'const a = 1;\nconst b = 2;' };

	it('builds the heading with an en dash range', () => {
		assert.equal(buildExplainPrompt(input).heading, 'Explain `src/x.ts` lines 10–24');
	});

	it('says "line" for a single-line selection', () => {
		assert.equal(buildExplainPrompt({ ...input, startLine: 10, endLine: 10 }).heading, 'Explain `src/x.ts` line 10');
	});

	it('puts file, range, language and the fenced code in the user text', () => {
		const { userText, system } = buildExplainPrompt(input);
		assert.ok(userText.includes('`src/x.ts`'));
		assert.ok(userText.includes('lines 10–24'));
		assert.ok(userText.includes('language: typescript'));
		assert.ok(userText.endsWith('```typescript\nconst a = 1;\nconst b = 2;\n```'), userText);
		assert.equal(system, SYSTEM_PROMPT);
	});

	it('uses a fence longer than any backtick run in the code', () => {
		const code = 'const md = `\n```js\nx\n```\n`;\nconst q = "````";';
		const { userText } = buildExplainPrompt({ ...input, code });
		assert.ok(userText.includes('`````typescript\n'), userText);
		assert.ok(userText.endsWith('\n`````'), userText);
		// The code appears unchanged between the fences.
		assert.ok(userText.includes(`\n${code}\n`));
	});
});

describe('prompts: summarize file', () => {
	it('builds the heading and the user text', () => {
		const p = buildSummarizePrompt({ file: 'src/x.ts', languageId: 'typescript', text: 'a\nb\nc\n' });
		assert.equal(p.heading, 'Summarize `src/x.ts`');
		assert.ok(p.userText.includes('`src/x.ts`'));
		assert.ok(p.userText.includes('language: typescript'));
		assert.ok(p.userText.includes('lines 1–3'));
		assert.ok(p.userText.endsWith('```typescript\na\nb\nc\n```'), p.userText);
		assert.equal(p.system, SYSTEM_PROMPT);
	});

	it('fences a markdown file containing fences', () => {
		const text = '# Doc\n\n````ts\nx\n````\n';
		const p = buildSummarizePrompt({ file: 'README.md', languageId: 'markdown', text });
		assert.ok(p.userText.endsWith(`\`\`\`\`\`markdown\n${text}\`\`\`\`\``), p.userText);
	});
});

describe('prompts: helpers and the shared system prompt', () => {
	it('keeps the system prompt stable and about concise markdown answers in VS Code', () => {
		assert.ok(SYSTEM_PROMPT.includes('VS Code') || SYSTEM_PROMPT.includes('Visual Studio Code'));
		assert.ok(/markdown/i.test(SYSTEM_PROMPT));
		assert.ok(/concise/i.test(SYSTEM_PROMPT));
		assert.equal(buildExplainPrompt({ file: 'a', languageId: 'c', startLine: 1, endLine: 2, code: 'x' }).system,
			buildSummarizePrompt({ file: 'b', languageId: 'd', text: 'y' }).system);
	});

	it('uses a three-backtick fence for code without backticks and drops odd characters from the language tag', () => {
		assert.equal(fencedBlock('x', 'c++ <b>'), '```c++b\nx\n```');
	});

	it('keeps inline code intact when the file name contains backticks', () => {
		assert.equal(inlineCode('src/x.ts'), '`src/x.ts`');
		assert.equal(inlineCode('a`b'), '``a`b``');
		assert.equal(inlineCode('`a'), '`` `a ``');
	});
});

describe('prompts: fix, write tests, add docs', () => {
	const input = { file: 'src/x.ts', languageId: 'typescript', startLine: 3, endLine: 7, code: 'function f(a) {\n\treturn a.b;\n}' };
	const fenced = '```typescript\nfunction f(a) {\n\treturn a.b;\n}\n```';

	it('Fix asks for the fixed code in one fenced block plus a short explanation, code last', () => {
		const p = buildFixPrompt(input);
		assert.equal(p.heading, 'Fix `src/x.ts` lines 3–7');
		assert.equal(p.system, SYSTEM_PROMPT);
		assert.ok(p.userText.startsWith('Fix this code from `src/x.ts` (lines 3–7, language: typescript).'), p.userText);
		assert.match(p.userText, /fixed code in one fenced code block/);
		assert.match(p.userText, /short explanation of what was wrong/);
		assert.match(p.userText, /If nothing is wrong, say so/);
		assert.ok(p.userText.endsWith(`\n\n${fenced}`), p.userText);
	});

	it('Write Tests names the likely framework of the language, with a neutral fallback', () => {
		const p = buildWriteTestsPrompt(input);
		assert.equal(p.heading, 'Write tests for `src/x.ts` lines 3–7');
		assert.match(p.userText, /Vitest, Jest or Mocha/);
		assert.match(p.userText, /edge cases/);
		assert.ok(p.userText.endsWith(fenced));
		assert.match(buildWriteTestsPrompt({ ...input, languageId: 'python' }).userText, /pytest/);
		assert.match(buildWriteTestsPrompt({ ...input, languageId: 'go' }).userText, /`testing` package/);
		assert.match(buildWriteTestsPrompt({ ...input, languageId: 'zig' }).userText, /the test framework most common for zig/);
		assert.match(buildWriteTestsPrompt({ ...input, languageId: 'constructor' }).userText, /most common for constructor/, 'no prototype lookups');
	});

	it('Add Docs asks for the code back with doc comments in the language\'s convention, code unchanged', () => {
		const p = buildAddDocsPrompt({ ...input, startLine: 5, endLine: 5 });
		assert.equal(p.heading, 'Add docs to `src/x.ts` line 5');
		assert.match(p.userText, /TSDoc\/JSDoc/);
		assert.match(p.userText, /Do not change the code itself/);
		assert.match(p.userText, /code with the docs added, in one fenced code block/);
		assert.match(buildAddDocsPrompt({ ...input, languageId: 'python' }).userText, /PEP 257 docstrings/);
		assert.match(buildAddDocsPrompt({ ...input, languageId: 'rust' }).userText, /rustdoc `\/\/\/`/);
	});

	it('keeps a selection\'s own fences from breaking out of the block', () => {
		const code = 'const s = `\n```\n`;';
		for (const build of [buildFixPrompt, buildWriteTestsPrompt, buildAddDocsPrompt]) {
			assert.ok(build({ ...input, code }).userText.endsWith(`\n\`\`\`\`typescript\n${code}\n\`\`\`\``));
		}
	});
});

describe('prompts: ask the Opus tier', () => {
	it('sends the question as typed (trimmed) and shows it as the heading', () => {
		const p = buildAskPrompt({ question: '  Why is this deadlocking?  ' });
		assert.deepEqual(p, { system: SYSTEM_PROMPT, userText: 'Why is this deadlocking?', heading: 'Why is this deadlocking?' });
	});

	it('attaches the selection after the question with file, range and language', () => {
		const p = buildAskPrompt({ question: 'Is this lock order safe?', selection: { file: 'src/l.rs', languageId: 'rust', startLine: 1, endLine: 4, code: 'lock(a); lock(b);' } });
		assert.equal(p.heading, 'Is this lock order safe?');
		assert.ok(p.userText.startsWith('Is this lock order safe?\n\nThe question is about this code from `src/l.rs` (lines 1–4, language: rust).'), p.userText);
		assert.ok(p.userText.endsWith('```rust\nlock(a); lock(b);\n```'));
	});
});
