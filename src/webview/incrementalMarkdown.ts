// marked is ESM-only; the resolution-mode attribute lets the Node (CommonJS) test build type-check this file too.
import type { Token, Tokens } from 'marked' with { 'resolution-mode': 'import' };
import type { LinkDefinitions, MarkdownRenderer } from './markdown';
import { appendInChunks, pruneEmptyChunks } from './mdChunks';
import { renderMarkdownInto } from './render';
import { closerFor, dedent, FENCE_OPENER, findStableCut, isFencedCode, linksKey, rawOffset } from './stableCut';

export { CHUNK_BLOCKS, groupInChunks } from './mdChunks';

/** An open fenced code block at the end of the answer, grown by appending text instead of re-rendering. */
interface OpenFence {
	/** A line that starts with this (after ≤ 3 spaces), then only fence characters and spaces, closes the block. */
	closer: RegExp;
	/** Spaces before the opening fence; content lines lose up to that many, as marked does. */
	indent: number;
	/** The code's complete lines, then the line still being written. */
	lines: Text;
	partial: Text;
	/** Offset in the tail (which starts with the fence) of the first line not yet in `lines`. */
	scanned: number;
}

/**
 * Updates `old` in place to equal `fresh` (text and children, recursively) if both are the same kind of node with
 * the same attributes; false, leaving `old` alone, otherwise. Keeps the DOM nodes that did not change, so the browser restyles and
 * lays out only what did (a growing paragraph's last text node, typically).
 */
function morph(old: ChildNode, fresh: ChildNode): boolean {
	if (old.nodeType !== fresh.nodeType || old.nodeName !== fresh.nodeName) {
		return false;
	}
	if (old.isEqualNode(fresh)) {
		return true;
	}
	if (old.nodeType !== 1) {
		(old as CharacterData).data = (fresh as CharacterData).data;
		return true;
	}
	const target = old as Element;
	const source = fresh as Element;
	const attrs = target.attributes;
	if (attrs.length !== source.attributes.length || Array.from(source.attributes).some((a, i) => attrs[i].name !== a.name || attrs[i].value !== a.value)) {
		return false; // replaced instead (a link whose URL is still being written), which also keeps attribute order
	}
	const olds = Array.from(target.childNodes);
	const news = Array.from(source.childNodes);
	news.forEach((node, i) => {
		if (i >= olds.length) {
			target.append(node);
		} else if (!morph(olds[i], node)) {
			olds[i].replaceWith(node);
		}
	});
	olds.slice(news.length).forEach((node) => node.remove());
	return true;
}

/**
 * Renders a streaming answer into its body element, re-rendering only what can still change. Each paint lexes only
 * the tail after the frozen blocks, moves the blocks that became finished (see {@link findStableCut}) into the
 * frozen part, where they are rendered, sanitized, highlighted and decorated once and never touched again, and
 * renders the rest of the tail, updating the tail's DOM in place where it did not change (see {@link morph}). An
 * open fenced code block at the end is not re-rendered at all: its new lines are appended to the `<code>` element as
 * text, and it is rendered properly (highlighted) once its fence closes.
 *
 * Link reference definitions apply to the whole answer: when the definitions change, everything is rendered again
 * (rare in answers; that keeps the result exact).
 *
 * Invariant: after {@link finish}, the body's DOM equals a full render of the final text (`renderMarkdownInto` of
 * `markdown.block(text)`, `markdown.highlight`, {@link groupInChunks}), which the unit tests check for many samples
 * and chunkings, and the benchmark in Chromium.
 */
export class IncrementalMarkdown {
	/** The answer so far. Only compared when a paint brings no `appended` (rare): reading a long streamed string
	 * flattens it, a copy of the whole answer per paint. */
	private text = '';
	private started = false;
	/** The answer's text after the frozen blocks: all that is lexed, rendered or scanned on a paint. */
	private tail = '';
	/** Definitions inside the frozen blocks, and the key of all definitions they were rendered with. */
	private frozenLinks: LinkDefinitions = {};
	private renderedLinks = '';
	/** The DOM nodes of the unfinished tail, updated on each paint. */
	private tailNodes: ChildNode[] = [];
	private fence: OpenFence | undefined;

	constructor(private readonly body: HTMLElement, private readonly markdown: MarkdownRenderer) {
		body.replaceChildren();
	}

	/**
	 * Shows `text`, the whole answer so far. `appended` is what was added since the previous update (see
	 * StreamPaint); without it, `text` is compared with the previous text and the answer restarts if it changed.
	 */
	update(text: string, appended?: string): void {
		if (this.started && appended !== undefined && text.length === this.text.length + appended.length) {
			if (appended === '') {
				return;
			}
			this.tail += appended;
			this.text = text;
		} else {
			if (this.started && text === this.text) {
				return;
			}
			this.extendTo(text);
		}
		if (this.fence && this.growFence(this.fence)) {
			return;
		}
		this.renderTail(false);
	}

	/** Renders the final text: the remaining tail as finished blocks (highlighted and decorated, like a full render). */
	finish(text: string): void {
		this.extendTo(text);
		this.fence = undefined;
		this.renderTail(true);
	}

	private extendTo(text: string): void {
		if (!this.started || !text.startsWith(this.text)) {
			this.restart(); // the answer was replaced (Continue / Retry restart their text)
		}
		this.tail += text.slice(this.text.length);
		this.text = text;
		this.started = true;
	}

	private restart(): void {
		this.body.replaceChildren();
		this.text = '';
		this.tail = '';
		this.frozenLinks = {};
		this.renderedLinks = '';
		this.tailNodes = [];
		this.fence = undefined;
	}

	private renderTail(final: boolean): void {
		const rawTail = this.tail;
		const src = rawTail.includes('\r') ? rawTail.replace(/\r\n|\r/g, '\n') : rawTail;
		const tokens = this.markdown.lex(src, this.frozenLinks);
		const links = linksKey(tokens.links);
		if (links !== this.renderedLinks && this.tail.length < this.text.length) {
			// Definitions changed: blocks rendered before may resolve references differently now.
			const text = this.text;
			this.restart();
			this.tail = this.text = text;
			this.renderTail(final);
			return;
		}
		const offsets: number[] = [];
		let offset = 0;
		for (const token of tokens) {
			if (!src.startsWith(token.raw, offset)) {
				break; // marked dropped text (a repeated definition): freeze nothing from here on
			}
			offsets.push(offset);
			offset += token.raw.length;
		}
		const cut = final ? tokens.length : findStableCut(src, tokens, offsets);
		const finished = tokens.slice(0, cut);
		const rest = tokens.slice(cut);
		const [done, tail] = this.markdown.render([finished, rest]);
		let frozen: ChildNode[] = [];
		if (cut > 0) {
			frozen = this.freeze(finished, tokens.links, done);
			this.renderedLinks = links;
			// Everything finished: the line still being written stays in the tail (spaces now, a fence's indent later).
			const end = cut < tokens.length ? offsets[cut] : final ? src.length : src.lastIndexOf('\n') + 1;
			this.tail = rawTail.slice(rawOffset(rawTail, end));
		}
		// The tail is not decorated or highlighted: it changes on the next paint (`final` makes everything finished).
		const holder = this.body.ownerDocument.createElement('div');
		holder.innerHTML = tail; // sanitized by MarkdownRenderer.render
		this.place(frozen, Array.from(holder.childNodes));
		const code = rest.length === 1 && isFencedCode(rest[0]) && this.tailNodes[0]?.nodeName === 'PRE' ? this.tailNodes[0].firstChild : null;
		if (code?.nodeName === 'CODE') {
			this.openFence(rest[0] as Tokens.Code, code as Element);
		}
	}

	/**
	 * Puts newly finished blocks and the new tail where the previous tail was. The leading nodes that are the same
	 * kind as before are updated in place (see {@link morph}); the rest is replaced. Node kinds up to there are
	 * unchanged, so the chunks end up exactly as {@link appendInChunks} would build them.
	 */
	private place(frozen: ChildNode[], tail: ChildNode[]): void {
		const fresh = [...frozen, ...tail];
		const old = this.tailNodes;
		let kept = 0;
		while (kept < fresh.length && kept < old.length && morph(old[kept], fresh[kept])) {
			kept++;
		}
		old.slice(kept).forEach((node) => node.remove());
		pruneEmptyChunks(this.body);
		appendInChunks(this.body, fresh.slice(kept));
		this.tailNodes = [...old.slice(0, kept), ...fresh.slice(kept)].slice(frozen.length);
	}

	/** Finishes rendered blocks once: syntax highlighting and the code-block decoration. */
	private freeze(tokens: Token[], links: LinkDefinitions, html: string): ChildNode[] {
		if (linksKey(links)) {
			this.markdown.walk(tokens, (token) => {
				if (token.type === 'def' && !(token.tag in this.frozenLinks)) {
					this.frozenLinks[token.tag] = { href: token.href, title: token.title };
				}
			});
		}
		const container = this.body.ownerDocument.createElement('div');
		renderMarkdownInto(container, html);
		this.markdown.highlight(container);
		return Array.from(container.childNodes);
	}

	/**
	 * The tail is a single fenced code block: if its fence is still open, keep its `<code>` element and grow it from
	 * now on (see {@link growFence}); its content so far is already rendered.
	 */
	private openFence(token: Tokens.Code, code: Element): void {
		const opener = FENCE_OPENER.exec(token.raw);
		const openerEnd = this.tail.indexOf('\n');
		if (!opener || openerEnd === -1) {
			return;
		}
		const fence: OpenFence = {
			closer: closerFor(opener[1]),
			indent: opener[0].length - opener[1].length,
			lines: code.ownerDocument.createTextNode(''),
			partial: code.ownerDocument.createTextNode(''),
			scanned: openerEnd + 1,
		};
		if (this.growFence(fence)) {
			code.replaceChildren(fence.lines, fence.partial);
			this.fence = fence;
		}
	}

	/** Appends the fence's new complete lines; false when one of them closes it (then the tail is rendered again). */
	private growFence(fence: OpenFence): boolean {
		const text = this.tail;
		let pos = fence.scanned;
		let added = '';
		for (let nl = text.indexOf('\n', pos); nl !== -1; nl = text.indexOf('\n', pos)) {
			const line = text[nl - 1] === '\r' ? text.slice(pos, nl - 1) : text.slice(pos, nl);
			if (fence.closer.test(line)) {
				this.fence = undefined;
				return false;
			}
			added += dedent(line, fence.indent) + '\n';
			pos = nl + 1;
		}
		if (added) {
			fence.lines.appendData(added);
		}
		fence.scanned = pos;
		const partial = text.slice(pos);
		// A line that may become the closing fence is not shown as code.
		fence.partial.data = /^ {0,3}(`+|~+) *$/.test(partial) ? '' : dedent(partial, fence.indent);
		return true;
	}
}

/** The live renderer of each streaming answer body (dropped with the body when the turn is replaced). */
const live = new WeakMap<HTMLElement, IncrementalMarkdown>();

/** The per-frame paint of a streaming answer: only the unfinished tail of `body` is rendered again. */
export function streamMarkdownInto(body: HTMLElement, markdown: MarkdownRenderer, text: string, appended?: string): void {
	let renderer = live.get(body);
	if (!renderer) {
		renderer = new IncrementalMarkdown(body, markdown);
		live.set(body, renderer);
	}
	renderer.update(text, appended);
}

/**
 * Brings a streamed body to the final text of its answer (only the tail is rendered). False if `body` was never
 * painted by {@link streamMarkdownInto}: the caller then renders the answer in full.
 */
export function finishStreamedMarkdown(body: HTMLElement, text: string): boolean {
	const renderer = live.get(body);
	if (!renderer) {
		return false;
	}
	live.delete(body);
	renderer.finish(text);
	return true;
}
