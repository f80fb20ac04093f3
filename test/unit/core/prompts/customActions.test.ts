import * as assert from 'node:assert/strict';
import { fillCustomAction, parseCustomActions } from '../../../../src/core/prompts/customActions';
import type { SelectionPromptInput } from '../../../../src/core/prompts/prompts';

const selection: SelectionPromptInput = { file: 'src/x.ts', languageId: 'typescript', startLine: 3, endLine: 5, code: 'const a = 1;\nconst b = a + 1;' };

describe('custom actions: reading claudeAssistant.customActions', () => {
	it('keeps valid entries (title trimmed) and has nothing to say about them', () => {
		const { actions, warnings } = parseCustomActions([
			{ title: ' Find security issues ', prompt: 'Review {{file}} ({{language}}):\n{{selection}}' },
			{ title: 'Simplify', prompt: 'Simplify this.' },
		]);
		assert.deepEqual(actions.map((a) => a.title), ['Find security issues', 'Simplify']);
		assert.deepEqual(warnings, []);
	});

	it('treats an unset setting as no actions, and a non-array as one warning', () => {
		assert.deepEqual(parseCustomActions(undefined), { actions: [], warnings: [] });
		const { actions, warnings } = parseCustomActions({ title: 'x', prompt: 'y' });
		assert.deepEqual(actions, []);
		assert.equal(warnings.length, 1);
		assert.match(warnings[0], /must be an array/);
	});

	it('skips each bad entry with a warning that names it, keeping the good ones', () => {
		const { actions, warnings } = parseCustomActions([
			'just a string',
			{ title: '', prompt: 'p' },
			{ title: '   ', prompt: 'p' },
			{ title: 'No prompt' },
			{ title: 'Blank prompt', prompt: '  ' },
			{ title: 'Typo', prompt: 'Explain {{selecton}} in {{lang}}' },
			{ title: 'Extra', prompt: 'p', model: 'claude-opus-5-5' },
			{ title: 'x'.repeat(101), prompt: 'p' },
			{ title: 'Good', prompt: 'Explain {{ selection }}' },
			{ title: 'Good', prompt: 'again' },
		]);
		assert.deepEqual(actions, [{ title: 'Good', prompt: 'Explain {{ selection }}' }]);
		assert.equal(warnings.length, 9);
		assert.match(warnings[0], /^customActions\[0\]: not an object/);
		assert.match(warnings[1], /non-empty "title"/);
		assert.match(warnings[3], /"No prompt" needs a non-empty "prompt"/);
		assert.match(warnings[5], /unknown placeholders \{\{selecton\}\}, \{\{lang\}\}/);
		assert.match(warnings[6], /unknown key model/);
		assert.match(warnings[7], /longer than 100/);
		assert.match(warnings[8], /^customActions\[9\]: the title "Good" is used twice; skipped$/);
	});
});

describe('custom actions: filling the template', () => {
	it('puts the selection in a fence with its language, the language id and the file path', () => {
		const prompt = fillCustomAction({ title: 'Review', prompt: 'Review this {{language}} from {{file}}:\n{{selection}}\nThanks.' }, selection);
		assert.equal(prompt.userText, 'Review this typescript from src/x.ts:\n```typescript\nconst a = 1;\nconst b = a + 1;\n```\nThanks.');
		assert.equal(prompt.heading, 'Review: `src/x.ts` lines 3–5');
	});

	it('appends the fenced selection when the template does not place it', () => {
		const prompt = fillCustomAction({ title: 'Simplify', prompt: 'Simplify this {{language}}.' }, selection);
		assert.equal(prompt.userText, 'Simplify this typescript.\n\n```typescript\nconst a = 1;\nconst b = a + 1;\n```');
	});

	it('never substitutes placeholders that come from the selection, and fences code that contains ```', () => {
		const code = 'const s = "{{file}}";\n// ```\n';
		const prompt = fillCustomAction({ title: 'T', prompt: '{{selection}}' }, { ...selection, code });
		assert.equal(prompt.userText, '````typescript\nconst s = "{{file}}";\n// ```\n````');
	});

	it('fills every occurrence of a placeholder', () => {
		const prompt = fillCustomAction({ title: 'T', prompt: '{{file}} and {{file}} ({{language}}) {{selection}}' }, { ...selection, code: 'x' });
		assert.equal(prompt.userText, 'src/x.ts and src/x.ts (typescript) ```typescript\nx\n```');
	});
});
