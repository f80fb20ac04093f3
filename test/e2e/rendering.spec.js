// Markdown rendering in the real webview: a streamed answer with a table, a list and code blocks ends rendered, and
// code is syntax-highlighted by grammars loaded on demand from dist/hljs/ under the webview's nonce-only CSP.
/* global describe, it, before, after */
'use strict';

const assert = require('assert');
const wb = require('./lib/workbench');
const env = require('./lib/env');

const ANSWER = [
	'## Plan', '', 'Two steps:', '', '1. Parse the `input`.', '2. Sum it.', '',
	'| Case | Result |', '|------|--------|', '| empty | 0 |', '',
	'```ts', 'export function sum(values: number[]): number {', '\treturn values.reduce((a, b) => a + b, 0);', '}', '```', '',
	'```python', 'def total(values):', '    return sum(values)', '```', '', 'Done.',
].join('\n');

describe('Rendering: markdown and syntax highlighting', function () {
	let session;
	let chat;
	let answer;

	before(async function () {
		env.fake.reset();
		({ session, chat } = await wb.openFreshChat());
		env.fake.enqueue({ text: ANSWER });
		await chat.locator('#prompt').fill('Show me a sum function');
		await chat.locator('#prompt').press('Enter');
		answer = chat.locator('.turn.assistant').last();
		await chat.locator('.turn.assistant[data-status="complete"]').last().waitFor();
	});

	after(async function () {
		await session?.close();
	});

	it('renders headings, lists, tables and inline code', async function () {
		assert.equal(await answer.locator('h2').innerText(), 'Plan');
		assert.equal(await answer.locator('ol > li').count(), 2);
		assert.equal(await answer.locator('ol code').innerText(), 'input');
		assert.equal(await answer.locator('table td').first().innerText(), 'empty');
	});

	it('highlights code with grammars loaded on demand (ts, python) under the strict CSP', async function () {
		const ts = answer.locator('pre > code.language-ts');
		await ts.locator('.hljs-keyword').first().waitFor();
		assert.match(await ts.locator('.hljs-keyword').first().innerText(), /export|function|return/);
		await answer.locator('pre > code.language-python .hljs-keyword').first().waitFor();
		assert.equal((await ts.innerText()).trim().split('\n').length, 3, 'the code itself is unchanged');
		await wb.screenshot(session.page, 'highlighted-answer');
	});
});
