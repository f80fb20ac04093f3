import * as assert from 'node:assert/strict';
import { openableUrl } from '../../../../src/core/editor/externalLinks';

describe('links from answers: only absolute http(s) opens', () => {
	it('opens http and https URLs', () => {
		assert.equal(openableUrl('https://example.com/docs?q=1#x'), 'https://example.com/docs?q=1#x');
		assert.equal(openableUrl(' http://127.0.0.1:8080/ '), 'http://127.0.0.1:8080/');
	});

	for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://ms-vscode.x/y',
		'data:text/html,<script>1</script>', 'mailto:a@b.test', 'relative/path.md', '/absolute/path', '//evil.test/x', '#section', 'https://', 'not a url']) {
		it(`refuses ${url}`, () => assert.equal(openableUrl(url), undefined));
	}
});
