import * as assert from 'node:assert/strict';
import { isPlainMarkup, type MarkdownRenderer } from '../../../src/webview/markdown';
import { markdownPage, parsed } from './chatHarness';

describe('webview markdown: marked → DOMPurify', () => {
	let md: MarkdownRenderer;
	let doc: Document;

	before(async () => {
		({ doc, md } = await markdownPage());
	});

	/** Parses sanitized output into a detached element for assertions. */
	function render(markdown: string, inline = false): HTMLElement {
		return parsed(doc, inline ? md.inline(markdown) : md.block(markdown));
	}

	it('renders fenced code as <pre><code class="language-x">', () => {
		const out = render('Look:\n\n```ts\nconst x = 1 < 2;\n```\n');
		const code = out.querySelector('pre > code');
		assert.ok(code, out.innerHTML);
		assert.equal(code.className, 'language-ts');
		assert.equal(code.textContent, 'const x = 1 < 2;\n');
	});

	it('renders lists, emphasis and inline code', () => {
		const out = render('- **bold** item\n- `code` item');
		assert.equal(out.querySelectorAll('ul > li').length, 2);
		assert.equal(out.querySelector('strong')?.textContent, 'bold');
		assert.equal(out.querySelector('li code')?.textContent, 'code');
	});

	it('shows raw HTML as text instead of creating elements', () => {
		const out = render('Use <b>bold</b> and <div class="x">blocks</div>.');
		assert.equal(out.querySelector('b, div'), null, out.innerHTML);
		assert.match(out.textContent ?? '', /<b>bold<\/b>/);
	});

	it('never lets a <script>, <style> or <iframe> through', () => {
		const out = render('<script>alert(1)</script>\n\n<style>body{}</style>\n\nx <iframe src="https://evil.test"></iframe>');
		assert.equal(out.querySelector('script, style, iframe'), null, out.innerHTML);
	});

	it('strips on* handlers, even from markdown-made images', () => {
		const out = render('<img src=x onerror="alert(1)">\n\n![a](x.png "t\\" onerror=\\"alert(1)")');
		for (const el of Array.from(out.querySelectorAll('*'))) {
			const handlers = Array.from(el.attributes).filter((a) => a.name.startsWith('on'));
			assert.deepEqual(handlers, [], out.innerHTML);
		}
	});

	it('removes javascript: URLs that marked itself produces', () => {
		const out = render('[click](javascript:alert(1)) and [ok](https://example.com)');
		const links = Array.from(out.querySelectorAll('a'));
		assert.equal(links.length, 2, out.innerHTML);
		assert.equal(links[0].getAttribute('href'), null, out.innerHTML);
		assert.equal(links[1].getAttribute('href'), 'https://example.com');
	});

	it('fetches no image: remote and relative ones keep only their alt text, inline data: images stay', () => {
		const png = 'data:image/png;base64,iVBORw0KGgo=';
		const out = render(`![remote](https://evil.test/x.png?q=secret) ![rel](../x.png) ![proto](//evil.test/y.png) ![inline](${png})`);
		const images = Array.from(out.querySelectorAll('img'));
		assert.deepEqual(images.map((img) => [img.getAttribute('alt'), img.getAttribute('src')]), [['remote', null], ['rel', null], ['proto', null], ['inline', png]]);
		assert.doesNotMatch(out.innerHTML, /evil\.test/);
	});

	it('gives links rel="noopener"', () => {
		const out = render('[docs](https://docs.example.com)');
		assert.equal(out.querySelector('a')?.getAttribute('rel'), 'noopener');
	});

	it('renders user headings inline: backticks become <code>, no paragraph', () => {
		const out = render('Explain `src/x.ts` lines 10–24', true);
		assert.equal(out.querySelector('p'), null);
		assert.equal(out.querySelector('code')?.textContent, 'src/x.ts');
		assert.equal(out.textContent, 'Explain src/x.ts lines 10–24');
	});

	it('skips DOMPurify only for plain structure and http(s)/mailto links, as marked writes them', () => {
		for (const plain of [
			'<p>a <em>b</em> <strong>c</strong> &lt;script&gt;</p>\n',
			'<pre><code class="language-ts">x &lt; 1</code></pre>\n',
			'<ol start="3"><li>x</li></ol>\n<table><thead><tr><th align="left">a</th></tr></thead></table>\n',
			'<p><a href="https://x.test/a?b=1&amp;c">y</a> <a href="mailto:a@b.test" title="t &quot;q&quot;">m</a></p>\n',
		]) {
			assert.equal(isPlainMarkup(plain), true, plain);
		}
		for (const unsafe of [
			'<a href="javascript:alert(1)">x</a>',
			'<a href="//evil.test">x</a>',
			'<a href="data:text/html,x">x</a>',
			'<a href="https://x.test" onclick="alert(1)">x</a>',
			'<a href="https://x.test"title="t">x</a>',
			'<img src="https://x.test/i.png" alt="i">',
			'<p onclick="alert(1)">x</p>',
			'<code class="language-ts" onmouseover="x">',
			'<scr<p>ipt>alert(1)</script>',
			'<!-- x --><p>y</p>',
			'<input checked="" disabled="" type="checkbox">',
		]) {
			assert.equal(isPlainMarkup(unsafe), false, unsafe);
		}
	});

	it('renders token groups like `block`, whether or not DOMPurify runs', () => {
		for (const text of ['plain *text* and [a link](https://x.test "T")', '[bad](javascript:alert(1)) <b>x</b>', '![i](https://x.test/i.png)\n\n- [ ] task']) {
			const tokens = md.lex(text, {});
			assert.deepEqual(md.render([tokens]), [md.block(text)], text);
			assert.deepEqual(md.render([tokens.slice(0, 1), tokens.slice(1)]).join(''), md.block(text), text);
		}
	});
});
