import * as assert from 'node:assert/strict';
import type { Token, TokensList } from 'marked' with { 'resolution-mode': 'import' };
import { CHUNK_BLOCKS, groupInChunks, IncrementalMarkdown } from '../../../src/webview/incrementalMarkdown';
import type { LinkDefinitions, MarkdownRenderer } from '../../../src/webview/markdown';
import { renderMarkdownInto } from '../../../src/webview/render';
import { assistantTurn, chatPage, init, realMarkdown, startChat, startRequest } from './chatHarness';
import { seededRandom } from '../../../bench/renderBenchAnswer';

/** Markdown that is easy to get wrong when rendering a prefix: each sample is streamed in many chunkings. */
const SAMPLES: Record<string, string> = {
	'headings and paragraphs': '# Title\n\nSome *text* with `code` and **bold**.\nSecond line.\n\n## Part 2\nText right after a heading.\n### Three\n',
	'setext headings': 'Title\n=====\n\nSub title\n---\n\nparagraph\nstill paragraph\n===\n\nnot a heading:\n\n---\n\nafter rule\n',
	'loose list across blank lines': '1. one\n\n2. two\n\n   continued paragraph of two\n\n3. three\n\nafter the list\n\n- a\n- b\n\n  more b\n\n- c\n',
	'list that a later line extends': '1. first\n\n2\n\n2. second\n3. third\n10. tenth\n\n1) other delimiter\n\n* star\n+ plus\n- dash\n',
	'nested lists': '- level 1\n  - level 2\n    - level 3\n\n      deep paragraph\n  - back to 2\n- level 1 again\n\n  ```js\n  nested();\n  ```\n\nend\n',
	'tables': '| a | b |\n|---|:-:|\n| 1 | 2 |\nlazy row\n\nafter table\n\npara before\n| x | y |\n| - | - |\n| 3 | 4 |\n\n| not | table |\n|---|\n',
	'fences': 'Intro:\n\n```ts\nconst a = 1;\n\n\nconst b = 2;\n```\nright after\n\n~~~\n```\nbackticks inside tildes\n```\n~~~\n\n````md\n```\nnot closed by three\n```\n````\n\n```x`\nnot a fence\n\n   ```py\n   indented = True\n  two\n   ```\n\n```\n```\n\nend\n',
	'unclosed fence at the end': 'Before\n\n```python\ndef f():\n    return 1\n\n\nprint(f())\n``',
	'inline code and links': 'Use `a ``b`` c`, <https://auto.link>, https://bare.example.com and [text](https://x.test "title").\n\n![img](https://x.test/i.png)\n\nA ``` inline ``` fence-like span.\n',
	'raw html is text': '<div>\n\nhello</div>\n\n<!-- comment\n\nstill comment -->\n\ntext <b>bold</b>\n\n<script>\nalert(1)\n\n</script>\n\n<pre>\n\nx\n</pre>\n',
	'blockquotes': '> quote\nlazy continuation\n\n> second quote\n> > nested\n> - list in quote\n>\n> ```\n> code in quote\n> ```\n\nafter\n',
	'reference links': 'See [the docs][docs] and [docs].\n\n- [item][later]\n\n[docs]: https://docs.example.com "Docs"\n\nMore [later] text.\n\n[later]: https://later.example.com\n[docs]: https://dup.example.com\n',
	'definition with a title on the next line': '[x]\n\n[x]: /url\n"the title"\n\ntail\n',
	'definition inside a blockquote': '> [q]: https://q.example.com\n\nuse [q]\n',
	'thematic breaks': 'a\n\n***\n\n- - -\n\n___\nb\n* * *\n',
	'indented code': 'para\n\n    indented code\n\n    more code\n\nback\n    not code (lazy)\n',
	'emphasis across lines': '*emphasis\nacross lines* and __strong__\n\n~~strike~~ text\n',
	'crlf line endings': '# CRLF\r\n\r\n- a\r\n- b\r\n\r\n```js\r\nx();\r\n```\r\n\r\nend\r\n',
	'html and markdown mixed with lists': '- item\n<div>\n\n- item after html\n\n<details>\n<summary>x</summary>\n\ninside\n\n</details>\n',
	'heading then underline': '# H\n===\n\n## H2\n---\n',
	'list interrupted by a fence and a heading': '- a\n- b\n```\ncode\n```\n- c\n# heading\n- d\n',
	'tabs': '-\tone\n-\ttwo\n\n\tcode with tab\n',
	'an answer': [
		'## Fixing the parser', '', 'The bug is in `parse()`: it reads one token too far.', '',
		'1. **Find** the loop:', '   ```ts', '   while (i <= tokens.length) {', '   ```', '2. Change `<=` to `<`.', '',
		'| Case | Before | After |', '|------|--------|-------|', '| empty | crash | ok |', '', '> Note: tests cover it.', '',
		'```python', 'def test():', '    assert parse("") == []', '```', '', 'Done.',
	].join('\n'),
};

/** Inputs that must never produce executable markup, in any chunk or at the end. */
const HOSTILE = [
	'<script>alert(1)</script>\n\nafter',
	'x <img src=x onerror="alert(1)"> y\n\n<img src=x onerror=alert(1)>',
	'[click](javascript:alert(1)) and [ok](https://ok.test)\n\n[ref]\n\n[ref]: javascript:alert(2)',
	'![a](x.png "t\\" onerror=\\"alert(1)")\n\n<a href="javascript:alert(3)">a</a>',
	'```html\n<script>alert(1)</script>\n```\n\n<iframe src="https://evil.test"></iframe>\n',
	'<svg onload=alert(1)>\n\n<style>body{display:none}</style>\n\n<form action=x><button>b</button></form>',
];

/** mulberry32 (shared with the bench): a seeded PRNG, so a failing chunking can be reproduced. */
const rng = seededRandom;

/** Splits text into chunks of 1..max characters. */
function chunk(text: string, seed: number, max: number): string[] {
	const random = rng(seed);
	const chunks: string[] = [];
	for (let i = 0; i < text.length;) {
		const n = 1 + Math.floor(random() * max);
		chunks.push(text.slice(i, i + n));
		i += n;
	}
	return chunks;
}

describe('webview incremental markdown: streaming renders equal a full render', () => {
	let doc: Document;
	let md: MarkdownRenderer;

	before(async () => {
		doc = chatPage().window.document;
		md = await realMarkdown(chatPage().window);
	});

	/** What createAssistantTurn shows for a finished answer. */
	async function full(text: string): Promise<string> {
		const div = doc.createElement('div');
		renderMarkdownInto(div, md.block(text));
		md.highlight(div);
		groupInChunks(div);
		await md.highlighted();
		return div.innerHTML;
	}

	/**
	 * Streams `chunks` (a paint after each, told what was appended, as StreamRenderer does; or, with `compare`, left
	 * to compare the whole text), then finishes with their concatenation.
	 */
	async function streamed(chunks: string[], upTo = chunks.length, compare = false): Promise<string> {
		const div = doc.createElement('div');
		const r = new IncrementalMarkdown(div, md);
		let text = '';
		for (const piece of chunks.slice(0, upTo)) {
			text += piece;
			r.update(text, compare ? undefined : piece);
		}
		r.finish(text);
		await md.highlighted();
		return div.innerHTML;
	}

	for (const [name, text] of Object.entries(SAMPLES)) {
		it(`${name}: every chunking ends equal to a full render`, async () => {
			const expected = await full(text);
			assert.equal(await streamed(Array.from(text)), expected, 'one character at a time');
			assert.equal(await streamed(chunk(text, 8, 5), undefined, true), expected, 'chunks of 1..5 without `appended`');
			for (const seed of [1, 2, 3]) {
				assert.equal(await streamed(chunk(text, seed, 12)), expected, `chunks of 1..12, seed ${seed}`);
			}
			assert.equal(await streamed(chunk(text, 6, 80)), expected, 'chunks of 1..80');
		});

		it(`${name}: finishing after any prefix equals a full render of that prefix`, async () => {
			const chunks = chunk(text, 7, 8);
			let prefix = '';
			for (let i = 1; i <= chunks.length; i++) {
				prefix += chunks[i - 1];
				assert.equal(await streamed(chunks, i), await full(prefix), `after ${JSON.stringify(prefix.slice(-30))}`);
			}
		});
	}

	it('highlights finished code blocks with hljs spans (sanitized) and leaves unknown languages plain', async () => {
		const div = doc.createElement('div');
		const r = new IncrementalMarkdown(div, md);
		r.finish('```ts\nconst x: number = 1; // one\n```\n\n```nolang\nplain <b>\n```\n');
		await md.highlighted();
		const [ts, plain] = Array.from(div.querySelectorAll('pre > code'));
		assert.ok(ts.classList.contains('language-ts') && ts.classList.contains('hljs'), ts.className);
		assert.ok(ts.querySelector('span.hljs-keyword'), ts.innerHTML);
		assert.equal(ts.textContent, 'const x: number = 1; // one\n');
		assert.equal(plain.classList.contains('hljs'), false);
		assert.equal(plain.textContent, 'plain <b>\n');
		assert.equal(div.querySelector('b'), null);
	});

	it('a grammar that fails to load leaves its blocks plain', async () => {
		const failing = await realMarkdown(chatPage().window, { load: async () => Promise.reject(new Error('404')) });
		const div = doc.createElement('div');
		renderMarkdownInto(div, failing.block('```py\nx = 1\n```'));
		failing.highlight(div);
		await failing.highlighted();
		assert.equal(div.querySelector('code')?.innerHTML, 'x = 1\n');
	});

	it('keeps every chunk sanitized: no script, handler or javascript: URL ever reaches the DOM', async () => {
		for (const text of HOSTILE) {
			for (const chunks of [Array.from(text), chunk(text, 9, 7)]) {
				const div = doc.createElement('div');
				const r = new IncrementalMarkdown(div, md);
				let sofar = '';
				const check = (): void => {
					assert.equal(div.querySelector('script, iframe, style, form, svg, img[onerror]'), null, div.innerHTML);
					for (const el of Array.from(div.querySelectorAll('*'))) {
						for (const attr of Array.from(el.attributes)) {
							assert.ok(!attr.name.startsWith('on'), `${attr.name} in ${div.innerHTML}`);
							assert.doesNotMatch(attr.value, /^\s*javascript:/i, div.innerHTML);
						}
					}
				};
				for (const piece of chunks) {
					sofar += piece;
					r.update(sofar);
					check();
				}
				r.finish(sofar);
				await md.highlighted();
				check();
				assert.equal(div.innerHTML, await full(text));
			}
		}
	});
});

describe('webview incremental markdown: finished blocks are not parsed again', () => {
	let doc: Document;
	let real: MarkdownRenderer;

	before(async () => {
		doc = chatPage().window.document;
		real = await realMarkdown(chatPage().window);
	});

	/** The real renderer, recording what each lex and render call got. */
	function counting(): { md: MarkdownRenderer; lexed: string[]; rendered: Token[][] } {
		const lexed: string[] = [];
		const rendered: Token[][] = [];
		const md: MarkdownRenderer = {
			...real,
			lex: (src: string, links: LinkDefinitions): TokensList => {
				lexed.push(src);
				return real.lex(src, links);
			},
			render: (groups: Token[][]) => {
				rendered.push(...groups);
				return real.render(groups);
			},
		};
		return { md, lexed, rendered };
	}

	/** A long answer of many blocks: 40 sections of a heading, a paragraph, a list and a code block. */
	function longAnswer(): string {
		const parts: string[] = [];
		for (let i = 0; i < 40; i++) {
			parts.push(`## Section ${i}`, '', `Paragraph ${i} explains \`step${i}()\` in a sentence or two, with **bold** words.`, '',
				`- point ${i}.1`, `- point ${i}.2`, '', '```js', `function step${i}() {`, `  return ${i};`, '}', '```', '');
		}
		return parts.join('\n');
	}

	it('lexes only the tail: each paint starts at or after the previous one and never spans more than a few blocks', () => {
		const { md, lexed } = counting();
		const text = longAnswer();
		const div = doc.createElement('div');
		const r = new IncrementalMarkdown(div, md);
		let sofar = '';
		let lastStart = 0;
		for (const piece of chunk(text, 11, 10)) {
			sofar += piece;
			const before = lexed.length;
			r.update(sofar);
			for (const src of lexed.slice(before)) {
				const start = sofar.length - src.length;
				assert.ok(start >= lastStart, 'a finished block was lexed again');
				assert.ok(src.length < 200, `lexed ${src.length} characters in one paint`);
				lastStart = start;
			}
		}
		const total = lexed.reduce((n, s) => n + s.length, 0);
		assert.ok(total < text.length * 12, `lexed ${total} characters for a ${text.length}-character answer`);
	});

	it('renders each finished block once and keeps its DOM node', () => {
		const { md, rendered } = counting();
		const text = longAnswer();
		const div = doc.createElement('div');
		const r = new IncrementalMarkdown(div, md);
		let sofar = '';
		let firstHeading: Element | null = null;
		for (const piece of chunk(text, 12, 10)) {
			sofar += piece;
			r.update(sofar);
			if (sofar.length > 100) {
				firstHeading ??= div.querySelector('h2'); // by now its line is complete: it is finished
			}
		}
		r.finish(sofar);
		assert.equal(div.querySelector('h2'), firstHeading, 'the first heading was never replaced');
		// A heading is finished once its line ends, and is then rendered exactly once (while its line is being typed
		// it is the tail: rendered on each paint, last in its render call, no newline yet).
		const finishedHeadings = rendered
			.flatMap((tokens) => tokens.filter((t, i) => t.type === 'heading' && (i < tokens.length - 1 || t.raw.endsWith('\n'))))
			.length;
		assert.equal(finishedHeadings, 40);
		assert.equal(div.querySelectorAll('.code-block').length, 40);
		const chunks = Array.from(div.children);
		assert.ok(chunks.length > 1 && chunks.every((c) => c.className === 'md-chunk' && c.childElementCount <= CHUNK_BLOCKS), 'blocks are grouped in chunks');
	});

	it('grows an open code block without lexing or rendering it again', async () => {
		const { md, lexed, rendered } = counting();
		const div = doc.createElement('div');
		const r = new IncrementalMarkdown(div, md);
		let text = 'Code:\n\n```ts\n';
		r.update(text);
		const lexes = lexed.length;
		const renders = rendered.length;
		for (let i = 0; i < 200; i++) {
			text += `const v${i} = ${i};\n`;
			r.update(text);
		}
		assert.equal(lexed.length, lexes, 'no lexing while the fence is open');
		assert.equal(rendered.length, renders, 'no rendering while the fence is open');
		assert.equal(div.querySelector('pre code')?.textContent?.split('\n').length, 201);
		text += '```\n\nafter\n';
		r.finish(text);
		await real.highlighted();
		assert.ok(div.querySelector('.code-block pre code.hljs'), div.innerHTML.slice(0, 200));
	});

	it('does not show a closing fence being typed as code', () => {
		const div = doc.createElement('div');
		const r = new IncrementalMarkdown(div, real);
		r.update('```\nx\n`');
		r.update('```\nx\n``');
		assert.equal(div.querySelector('code')?.textContent, 'x\n');
	});
});

describe('webview chat: streamed answers end as a full render', () => {
	it('chat/done keeps the streamed body and only renders its tail; the result equals a full render', async () => {
		const answer = SAMPLES['an answer'];
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		chunk(answer, 3, 15).forEach((text, i) => {
			chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq: i + 1, text });
			if (i % 3 === 0) {
				chat.frames.run();
			}
		});
		const streamedBody = chat.$('.turn.assistant .turn-body');
		const before = chat.renders();
		chat.bridge.emit({ type: 'chat/done', requestId: 'r1', turn: assistantTurn({ text: answer }) });
		assert.equal(chat.$('.turn.assistant .turn-body'), streamedBody, 'the body was kept');
		assert.equal(streamedBody.parentElement?.dataset.status, 'complete');
		assert.equal(chat.$$('.turn.assistant').length, 1);
		assert.ok(chat.renders() - before <= 1, 'no full render on chat/done');

		const reference = await startChat();
		init(reference, [assistantTurn({ text: answer })]);
		await new Promise((resolve) => setTimeout(resolve, 10)); // both chats' grammars load (a promise each)
		assert.equal(streamedBody.innerHTML, reference.$('.turn.assistant .turn-body').innerHTML);
	});

	it('an answer replaced by a different text (Retry) is rendered from scratch', async () => {
		const chat = await startChat();
		init(chat, []);
		startRequest(chat);
		chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq: 1, text: '# One\n\nfirst answer\n\n' });
		chat.frames.run();
		chat.bridge.emit({ type: 'chat/done', requestId: 'r1', turn: assistantTurn({ text: 'A *different* final text' }) });
		assert.equal(chat.$('.turn.assistant .turn-body').innerHTML, '<div class="md-chunk"><p>A <em>different</em> final text</p>\n</div>');
	});
});
