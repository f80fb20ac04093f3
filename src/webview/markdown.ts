// marked is ESM-only; the resolution-mode attribute lets the Node (CommonJS) test build type-check this file too.
import type { Marked } from 'marked' with { 'resolution-mode': 'import' };
import type { Config, DOMPurify } from 'dompurify';

/** Turns model or user markdown into HTML that is safe to assign to `innerHTML`. */
export interface MarkdownRenderer {
	/** Full markdown (answers): paragraphs, lists, fenced code as `<pre><code class="language-x">`. */
	block(markdown: string): string;
	/** Inline markdown only (user turns): backticks become `<code>`, newlines stay text. */
	inline(markdown: string): string;
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
 * DOMPurify instance, which gets a hook that adds `rel="noopener"` to links.
 */
export function createMarkdownRenderer(marked: Marked, purify: DOMPurify): MarkdownRenderer {
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
		}
	});
	const clean = (html: string): string => purify.sanitize(html, PURIFY_CONFIG);
	return {
		block: (markdown) => clean(marked.parse(markdown, { async: false })),
		inline: (markdown) => clean(marked.parseInline(markdown, { async: false })),
	};
}
