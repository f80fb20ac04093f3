import * as assert from 'node:assert/strict';
import { answerOf, auditMarkup, expandPayload, XSS_CORPUS, type XssFinding } from '../../fixtures/xssCorpus';
import type { MarkdownRenderer } from '../../../src/webview/markdown';
import { markdownPage, parsed, startChat, startRequest } from './chatHarness';

/** Unit half of the XSS corpus (the e2e half renders the same payloads in the real webview: test/e2e/xss.spec.js). */
describe('webview markdown: the XSS corpus', function () {
	// The streamed corpus renders hundreds of frames in jsdom on a shared, busy machine: a ceiling, not a budget.
	this.timeout(120_000);
	// Nothing is fetched in jsdom; the URL only has to look like the canary's.
	const options = { canaryOrigin: 'http://127.0.0.1:9' };
	let md: MarkdownRenderer;
	let doc: Document;

	before(async () => {
		({ doc, md } = await markdownPage());
	});

	function audit(html: string): XssFinding[] {
		return auditMarkup(parsed(doc, html));
	}

	it('has at least 60 payloads with unique ids, in every category', () => {
		assert.ok(XSS_CORPUS.length >= 60, `${XSS_CORPUS.length} payloads`);
		const ids = XSS_CORPUS.map((p) => p.id);
		assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
		assert.ok(ids.every((id) => /^[a-z0-9-]+$/.test(id)), 'ids are [a-z0-9-]');
		const categories = new Set(XSS_CORPUS.map((p) => p.category));
		assert.deepEqual([...categories].sort(), ['code', 'css', 'entity', 'handler', 'image', 'markdown', 'mxss', 'passive', 'scheme', 'script', 'svg-math']);
	});

	it('the audit flags what it is meant to flag (so a clean result means something)', () => {
		const findings = audit([
			'<h3>xss:a</h3><img src="https://x.test/i.png"><p onclick="x">y</p>',
			'<h3>xss:b</h3><a href=" java\tscript:x">z</a><svg></svg><img src="data:image/png;base64,AA"><a href="https://ok.test">ok</a><a href="rel">rel</a>',
		].join(''));
		assert.deepEqual(findings.map((f) => f.id), ['a', 'a', 'b', 'b'], JSON.stringify(findings));
	});

	for (const payload of XSS_CORPUS) {
		it(`${payload.category}: ${payload.id} renders inert, whole and token by token`, () => {
			const markdown = expandPayload(payload, options);
			const whole = md.block(markdown);
			assert.notEqual(whole.trim(), '', 'renders something');
			assert.deepEqual(audit(whole), [], whole);
			assert.deepEqual(audit(md.render([md.lex(markdown, {})]).join('')), []);
			assert.deepEqual(audit(md.inline(markdown)), [], 'inline (user turns)');
			// Self-contained: the section after it in a shared answer (the e2e spec's batching) still renders.
			const pair = parsed(doc, md.block(answerOf([payload, { ...payload, id: 'next', markdown: 'after' }], options)));
			assert.deepEqual(Array.from(pair.querySelectorAll('h3'), (h) => h.textContent), [`xss:${payload.id}`, 'xss:next']);
			assert.equal(pair.lastElementChild?.textContent, 'after');
		});
	}

	it('streams the whole corpus through the real chat without a dangerous DOM at any frame', async () => {
		const chat = await startChat();
		startRequest(chat);
		const text = answerOf(XSS_CORPUS, options);
		// Small, uneven pieces cut payloads mid-tag, mid-URL and mid-entity, as a stream does.
		let seq = 1; // the host numbers deltas from 1
		for (let at = 0; at < text.length; seq++) {
			const size = 5 + (seq % 23);
			chat.bridge.emit({ type: 'chat/delta', requestId: 'r1', seq, text: text.slice(at, at + size) });
			at += size;
			if (seq % 4 === 0) {
				chat.frames.run();
				assert.deepEqual(auditMarkup(chat.$('#transcript')), [], `after ${at} characters`);
			}
		}
		chat.frames.run();
		const findings = auditMarkup(chat.$('#transcript'));
		assert.deepEqual(findings, []);
		assert.equal(chat.$$('.turn.assistant h3').length, XSS_CORPUS.length, 'every section rendered');
	});
});
