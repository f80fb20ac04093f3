import * as assert from 'node:assert/strict';
import { buildExplainPrompt, buildSummarizePrompt, fencedBlock, inlineCode, SYSTEM_PROMPT } from '../../src/core/prompts';

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
