import * as assert from 'node:assert/strict';
import { buildExplainProblemPrompt, buildFixProblemPrompt, firstCodeBlock, type ProblemPromptInput } from '../../../../src/core/prompts/problemPrompts';
import { SYSTEM_PROMPT } from '../../../../src/core/prompts/prompts';

const PROBLEM: ProblemPromptInput = {
	file: 'src/total.ts', languageId: 'typescript', startLine: 8, endLine: 14, line: 11,
	code: 'export function total(xs: number[]): number {\n\tconst sum: number = "0";\n\treturn sum;\n}\n',
	message: "Type 'string' is not\n  assignable to type 'number'.", source: 'ts', severity: 'error',
};

describe('Quick Fix with Claude: prompts for a problem, and the code block taken back out', () => {
	it('Explain names the problem, its source and line, and sends the code around it', () => {
		const p = buildExplainProblemPrompt(PROBLEM);
		assert.equal(p.system, SYSTEM_PROMPT);
		assert.equal(p.heading, 'Explain the problem at `src/total.ts` line 11');
		assert.match(p.userText, /^VS Code reports this problem: error from ts at line 11 of `src\/total\.ts`: "Type 'string' is not assignable to type 'number'\."\./);
		assert.match(p.userText, /lines 8–14 \(language: typescript\)\. Explain what causes the problem/);
		assert.match(p.userText, /```typescript\nexport function total/);
	});

	it('Fix asks for the whole corrected region in one block that replaces it as is; the reporter\'s code is named', () => {
		const p = buildFixProblemPrompt({ ...PROBLEM, source: 'eslint', diagnosticCode: 'no-var', message: 'Unexpected var', severity: 'warning' });
		assert.equal(p.heading, 'Fix the problem at `src/total.ts` line 11');
		assert.match(p.userText, /^VS Code reports this problem: warning no-var from eslint at line 11 of `src\/total\.ts`: "Unexpected var"\./);
		assert.match(p.userText, /1\. the complete corrected code of lines 8–14 in one fenced code block, ready to replace those lines as they are/);
	});

	it('takes the first fenced block out of an answer, with either fence and longer fences', () => {
		assert.equal(firstCodeBlock('Here:\n\n```ts\nconst a = 1;\n```\n\nThen ```x```.\n```js\nno\n```'), 'const a = 1;\n');
		assert.equal(firstCodeBlock('~~~~\nuses ``` inside\n~~~~\n'), 'uses ``` inside\n');
		assert.equal(firstCodeBlock('````md\n```\nnested\n```\n````'), '```\nnested\n```\n');
		assert.equal(firstCodeBlock('No code here.'), undefined);
		assert.equal(firstCodeBlock('```ts\nnever closed'), undefined, 'a cut answer gives nothing to apply');
	});
});
