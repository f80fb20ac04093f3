import type { HLJSApi, LanguageFn } from 'highlight.js';
import SHIPPED_LANGUAGES from './highlightLanguages.json';

/**
 * Brings one shipped language's grammar into the page. The webview loads dist/hljs/<name>.js on first use
 * ({@link scriptLanguageLoader}); tests load the grammar from node_modules.
 */
export interface LanguageLoader {
	load(name: string): Promise<LanguageFn>;
}

/** Fence tag (`ts`, `py`, `html`, …) → the shipped grammar that highlights it (`typescript`, `python`, `xml`, …). */
const GRAMMAR_OF_TAG: ReadonlyMap<string, string> = new Map(
	Object.entries(SHIPPED_LANGUAGES as Record<string, string[]>).flatMap(([name, tags]) => tags.map((tag): [string, string] => [tag, name])),
);

/** The shipped grammar for a fence tag, or undefined (the block stays plain text). Case-insensitive, like fence tags in practice. */
export function grammarFor(tag: string): string | undefined {
	return GRAMMAR_OF_TAG.get(tag.toLowerCase());
}

function fenceTag(code: Element): string {
	const cls = Array.from(code.classList).find((c) => c.startsWith('language-'));
	return cls ? cls.slice('language-'.length) : '';
}

/**
 * Syntax highlighting of finished code blocks with highlight.js core, bundle-size aware: the webview bundle holds
 * only the core, and each grammar (see highlightLanguages.json) is a separate small script loaded the first time an
 * answer uses it. Blocks whose grammar is still loading are highlighted when it arrives.
 *
 * highlight.js escapes the code and only emits `<span class="hljs-…">`; its HTML still goes through `sanitize`
 * (the markdown's DOMPurify) before it touches the DOM.
 */
export class CodeHighlighter {
	private readonly loading = new Map<string, Set<HTMLElement>>();
	private readonly failed = new Set<string>();
	private readonly pendingLoads = new Set<Promise<void>>();

	constructor(
		private readonly hljs: HLJSApi,
		private readonly loader: LanguageLoader,
		private readonly sanitize: (html: string) => string,
	) { }

	/**
	 * Highlights every `pre > code.language-x` under `root` not highlighted yet. Code without a fence tag, or with
	 * a tag no shipped grammar knows, stays plain (no auto-detection: that would need every grammar).
	 */
	highlightWithin(root: ParentNode): void {
		for (const code of Array.from(root.querySelectorAll<HTMLElement>('pre > code[class*="language-"]'))) {
			if (code.classList.contains('hljs')) {
				continue;
			}
			const name = grammarFor(fenceTag(code));
			if (!name || this.failed.has(name)) {
				continue;
			}
			if (this.hljs.getLanguage(name)) {
				this.apply(code, name);
			} else {
				this.whenLoaded(name, code);
			}
		}
	}

	/** Resolves once every grammar requested so far has loaded (or failed); for tests and the benchmark. */
	async idle(): Promise<void> {
		while (this.pendingLoads.size > 0) {
			await Promise.all([...this.pendingLoads]);
		}
	}

	private apply(code: HTMLElement, name: string): void {
		const text = code.textContent ?? '';
		const html = this.hljs.highlight(text, { language: name, ignoreIllegals: true }).value;
		code.innerHTML = this.sanitize(html);
		code.classList.add('hljs');
	}

	private whenLoaded(name: string, code: HTMLElement): void {
		const waiting = this.loading.get(name);
		if (waiting) {
			waiting.add(code);
			return;
		}
		const blocks = new Set([code]);
		this.loading.set(name, blocks);
		const done = this.loader.load(name).then(
			(language) => {
				this.hljs.registerLanguage(name, language);
			},
			() => {
				this.failed.add(name); // a missing chunk leaves its blocks plain; asking again would fail again
			},
		).then(() => {
			this.loading.delete(name);
			this.pendingLoads.delete(done);
			if (this.hljs.getLanguage(name)) {
				for (const block of blocks) {
					if (!block.classList.contains('hljs')) {
						this.apply(block, name);
					}
				}
			}
		});
		this.pendingLoads.add(done);
	}
}

/** The queue a grammar chunk pushes `[name, LanguageFn]` onto (see scripts/highlightChunks.js). */
const CHUNK_QUEUE = 'claudeAssistantGrammars';

/**
 * Loads dist/hljs/<name>.js, a sibling folder of the webview script, with a `<script>` carrying the page's CSP
 * nonce: the policy stays `script-src 'nonce-…'` (no `unsafe-eval`, no host allow-list), and the chunk comes from
 * the extension's own dist/ (a `localResourceRoots` entry). The chunk registers its grammar on a global queue.
 */
export function scriptLanguageLoader(doc: Document, scriptUrl: string, nonce: string): LanguageLoader {
	return {
		load: (name) => new Promise<LanguageFn>((resolve, reject) => {
			const script = doc.createElement('script');
			script.nonce = nonce;
			script.src = new URL(`hljs/${encodeURIComponent(name)}.js`, scriptUrl).toString();
			script.onload = () => {
				script.remove();
				const queue = (doc.defaultView as unknown as Record<string, Array<[string, LanguageFn]> | undefined>)[CHUNK_QUEUE] ?? [];
				const entry = queue.find(([n]) => n === name);
				if (entry) {
					resolve(entry[1]);
				} else {
					reject(new Error(`hljs/${name}.js did not register a grammar`));
				}
			};
			script.onerror = () => {
				script.remove();
				reject(new Error(`hljs/${name}.js failed to load`));
			};
			doc.head.append(script);
		}),
	};
}
