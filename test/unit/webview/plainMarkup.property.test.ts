import * as assert from 'node:assert/strict';
import { isPlainMarkup } from '../../../src/webview/markdown';
import { seededRandom } from '../../../bench/renderBenchAnswer';
import { chatPage, parsed } from './chatHarness';

// Property: whatever isPlainMarkup accepts (and so skips DOMPurify) parses, in a browser's HTML parser, to the
// allowlist it documents and nothing else: only these elements, only these attributes with these values, links to
// http(s) or mailto only, no comments or other nodes. Inputs come from a seeded generator (mulberry32, shared with
// the bench; reproducible: a failure prints its seed and input) mixing the allowed tags, near misses of them,
// hostile markup, entities and quoting tricks, plus character-level mutations of allowed tags, which probe the edges
// of the regular expressions.

/** Element → its allowed attributes, each with the test its value must pass. */
const ALLOWLIST: Record<string, Record<string, (value: string) => boolean>> = {
	...Object.fromEntries(['p', 'em', 'strong', 'del', 'pre', 'ul', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'br'].map((tag) => [tag, {}])),
	a: { href: (v) => ['http:', 'https:', 'mailto:'].includes(browserScheme(v)), title: () => true },
	code: { class: (v) => /^language-[\w+#.-]*$/.test(v) },
	th: { align: (v) => /^(left|center|right)$/.test(v) },
	td: { align: (v) => /^(left|center|right)$/.test(v) },
	ol: { start: (v) => /^\d{1,9}$/.test(v) },
	hr: { class: (v) => v === 'md-group-separator' },
};

/** The scheme a browser navigates to: its URL parser drops leading/trailing C0 controls and spaces, and tabs and newlines anywhere. */
function browserScheme(href: string): string {
	// eslint-disable-next-line no-control-regex
	const cleaned = href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
	return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1].toLowerCase().concat(':') ?? '';
}

class Gen {
	constructor(readonly random: () => number) { }
	int(n: number): number {
		return Math.floor(this.random() * n);
	}
	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}
	chars(alphabet: string, max: number): string {
		return Array.from({ length: this.int(max + 1) }, () => alphabet[this.int(alphabet.length)]).join('');
	}
}

const SIMPLE_TAGS = ['p', 'em', 'strong', 'del', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br', 'hr'];
/** URL and title characters, including the ones that end attributes, tags or schemes, and entity pieces. */
const URL_CHARS = 'abcxyz019/.:?=&#%;-_~@!$\'()*+,"<> \t\nj&amp;&#58;&quot;';
const TRICKY = '<>"\'= /\t\n&;:#xX-a\u0000';

/** A tag isPlainMarkup is meant to accept. */
function allowedTag(g: Gen): string {
	switch (g.int(7)) {
		case 0: return `<${g.pick(SIMPLE_TAGS)}>`;
		case 1: return `</${g.pick([...SIMPLE_TAGS, 'a'])}>`;
		case 2: {
			const title = g.int(2) ? ` title="${g.chars(URL_CHARS, 12)}"` : '';
			return `<a href="${g.pick(['https://', 'http://', 'mailto:'])}${g.chars(URL_CHARS, 16)}"${title}>`;
		}
		case 3: return `<code class="language-${g.chars('tsjpy+#.-_"<> ', 8)}">`;
		case 4: return `<${g.pick(['th', 'td'])} align="${g.pick(['left', 'center', 'right', 'justify', 'left" onclick="x'])}">`;
		case 5: return `<ol start="${g.chars('0123456789"x ', 11)}">`;
		default: return '<hr class="md-group-separator">';
	}
}

/** Markup that must never pass (or, if it does, must still parse to the allowlist). */
const HOSTILE = [
	'<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">', '<a href=\'https://x.test\'>',
	'<a href=https://x.test>', '<A HREF="https://x.test">', '<p onclick="alert(1)">', '<svg onload=alert(1)>', '<math>', '<style>',
	'<!-- x -->', '<![CDATA[x]]>', '<!doctype html>', '<?xml x?>', '</p >', '< p>', '<p/>', '<a href="https://x.test" title="t" onclick="y">',
	'<a href="https://x.test"title="t">', '<code class="language-x" onmouseover="y">', '<ol start="1" onclick=x>',
	'<hr class="md-group-separator" onclick=x>', '<iframe src="https://x.test">', '<base href="https://x.test/">',
	'<a href="https://x&#34; onclick=&#34;y">', '<a href="https:&#47;&#47;x.test">', '<a href=" javascript:x">', '<noscript><p title="</noscript>',
];
const TEXT = ['a', ' ', '\n', 'text', '&lt;', '&gt;', '&amp;', '&quot;', '&#60;', '&#x3C;', '&lt;script&gt;', '"', '\'', '=', '>', '/',
	'javascript:alert(1)', ' onclick=', '&', '&#', ';', '`', '<', '\u0000', '\t', '</', '-->'];

/** One character inserted, replaced or deleted: the near misses that probe the regular expressions' edges. */
function mutate(g: Gen, s: string): string {
	const at = g.int(s.length + 1);
	const c = TRICKY[g.int(TRICKY.length)];
	switch (g.int(3)) {
		case 0: return s.slice(0, at) + c + s.slice(at);
		case 1: return s.slice(0, at) + c + s.slice(at + 1);
		default: return s.slice(0, at) + s.slice(at + 1);
	}
}

function randomMarkup(g: Gen): { html: string; mutated: boolean } {
	let html = '';
	let mutated = false;
	for (let n = 1 + g.int(12); n > 0; n--) {
		const r = g.random();
		if (r < 0.5) {
			const tag = allowedTag(g);
			const m = g.random() < 0.3;
			mutated ||= m;
			html += m ? mutate(g, tag) : tag;
		} else if (r < 0.6) {
			html += g.pick(HOSTILE);
		} else {
			html += g.pick(TEXT);
		}
	}
	return { html, mutated };
}

/** Markdown pieces whose marked output mixes plain structure, links of every scheme, images and raw HTML. */
function randomMarkdown(g: Gen): string {
	const url = (): string => `${g.pick(['https://', 'http://', 'mailto:', 'javascript:', 'data:text/html,', '//', 'ftp://', ' java\tscript:', '&#106;avascript:', ''])}${g.chars(URL_CHARS, 10)}`;
	const pieces = [
		() => `[${g.chars('ab <>"', 4)}](${url()}${g.int(2) ? ` "${g.chars(URL_CHARS, 6)}"` : ''})`,
		() => `<${url()}>`,
		() => `![${g.chars('ab"', 3)}](${url()})`,
		() => `\n\n\`\`\`${g.chars('tsjpy+#.-_"<>= ', 8)}\n${g.chars(URL_CHARS, 10)}\n\`\`\`\n\n`,
		() => `\n\n| a | b |\n|${g.pick([':--', '--:', ':-:', '---'])}|---|\n| ${g.chars(URL_CHARS, 5)} | c |\n\n`,
		() => `\n\n${g.pick(['- ', '1. ', '7) ', '> ', '## ', '- [ ] '])}`,
		() => g.pick(['*', '**', '~~', '`', '\\', '_', '\n', '\n\n', ' ']),
		() => g.pick(HOSTILE),
		() => g.pick(TEXT),
		() => `www.${g.chars('abc.', 5)}`,
	];
	return Array.from({ length: 1 + g.int(10) }, () => g.pick(pieces)()).join('');
}

describe('isPlainMarkup: a property test of its allowlist', function () {
	// Thousands of jsdom parses on a shared, busy machine: a ceiling, far above the few seconds it takes.
	this.timeout(120_000);
	const doc = chatPage().window.document;
	const SEED = 0x5eed;

	/** Where the parse leaves the allowlist; [] when it does not. */
	function violations(html: string): string[] {
		const div = parsed(doc, html);
		const found: string[] = [];
		const walker = doc.createTreeWalker(div, 0xffffffff);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			if (node.nodeType === node.TEXT_NODE) {
				continue;
			}
			if (node.nodeType !== node.ELEMENT_NODE) {
				found.push(`a ${node.nodeName} node`);
				continue;
			}
			const el = node as Element;
			const allowed = ALLOWLIST[el.localName];
			if (!allowed || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
				found.push(`<${el.localName}>`);
				continue;
			}
			for (const attr of Array.from(el.attributes)) {
				if (!Object.hasOwn(allowed, attr.name) || !allowed[attr.name](attr.value)) {
					found.push(`${attr.name}=${JSON.stringify(attr.value)} on <${el.localName}>`);
				}
			}
		}
		return found;
	}

	it('accepts only markup that parses to the allowlist (20 000 random strings of tags, near misses and text)', () => {
		const g = new Gen(seededRandom(SEED));
		let accepted = 0;
		let acceptedMutated = 0;
		for (let i = 0; i < 20_000; i++) {
			const { html, mutated } = randomMarkup(g);
			if (!isPlainMarkup(html)) {
				continue;
			}
			accepted++;
			acceptedMutated += mutated ? 1 : 0;
			assert.deepEqual(violations(html), [], `seed ${SEED}, input ${i}: ${JSON.stringify(html)}`);
		}
		// The generator must exercise the property, not just produce rejects.
		assert.ok(accepted > 2_000, `only ${accepted} accepted`);
		assert.ok(acceptedMutated > 200, `only ${acceptedMutated} accepted with a mutated tag`);
	});

	it('the same holds for what marked writes from random markdown (links of every scheme, images, fences, tables, raw HTML)', async () => {
		const { Marked } = await import('marked');
		const marked = new Marked({ gfm: true });
		const g = new Gen(seededRandom(SEED + 1));
		let accepted = 0;
		for (let i = 0; i < 5_000; i++) {
			const html = marked.parse(randomMarkdown(g), { async: false });
			if (isPlainMarkup(html)) {
				accepted++;
				assert.deepEqual(violations(html), [], `seed ${SEED + 1}, input ${i}: ${JSON.stringify(html)}`);
			}
		}
		assert.ok(accepted > 500, `only ${accepted} accepted`);
	});

	it('the checker itself rejects what it must (so a pass means something)', () => {
		for (const bad of ['<a href="javascript:x">', '<a href=" java\tscript:x">', '<a href="https://x" onclick="y">', '<img src="https://x">', '<!-- c -->', '<code class="x">', '<svg></svg>', '<p style="x">']) {
			assert.notDeepEqual(violations(bad), [], bad);
		}
		assert.deepEqual(violations('<p><a href="https://x.test" title="t">a</a><code class="language-ts">c</code></p><ol start="2"><li>x</li></ol>'), []);
	});
});
