import * as assert from 'node:assert/strict';
import { keyPersistence, savedKeyNote, storedKeySourceNote } from '../../../../src/core/settings/keyPersistence';
import { PRICING_AS_OF } from '../../../../src/core/pricing/pricing';
import { emptyTotals } from '../../../../src/core/usage/usage';
import { usageTooltipMarkdown } from '../../../../src/core/usage/usageFormat';

/** What code-server 4.139.1 reported in the integration run (vscode.env, opened on http://127.0.0.1:PORT). */
const CODE_SERVER = { uiKind: 'web', appHost: 'server-distro', remoteName: '127.0.0.1:38763' } as const;

describe('keyPersistence: where a key set with Set API Key lives', () => {
	it('desktop VS Code: the OS keychain, it lasts and nothing extra is said', () => {
		for (const remoteName of [undefined, 'ssh-remote', 'wsl']) {
			const p = keyPersistence({ uiKind: 'desktop', appHost: 'desktop', remoteName });
			assert.deepEqual(p, { persists: true, where: 'osKeychain' });
			assert.equal(savedKeyNote(p), undefined);
			assert.equal(storedKeySourceNote(p), undefined);
		}
	});

	it('code-server on 127.0.0.1: this browser only, for that address, encrypted; the note says how to keep it', () => {
		const p = keyPersistence(CODE_SERVER);
		assert.deepEqual(p, { persists: false, where: 'browserSiteStorage', address: '127.0.0.1:38763', unencryptedOverHttp: false });
		assert.equal(savedKeyNote(p),
			'It is kept in this browser only, for 127.0.0.1:38763: this VS Code keeps secrets in the browser\'s storage, not on the server, '
			+ 'so another browser, a private window or the server on another address or port starts without it. '
			+ 'To keep it, set ANTHROPIC_API_KEY in the server\'s environment.');
	});

	it('loopback names count as secure contexts (the browser can encrypt there)', () => {
		for (const remoteName of ['localhost:8080', 'dev.localhost:8080', '127.0.0.2:80', '[::1]:8080', 'LOCALHOST']) {
			const p = keyPersistence({ ...CODE_SERVER, remoteName });
			assert.equal(p.where === 'browserSiteStorage' && p.unencryptedOverHttp, false, remoteName);
		}
	});

	it('code-server reached on another address: also warns that plain http stores it unencrypted', () => {
		const p = keyPersistence({ ...CODE_SERVER, remoteName: '192.0.2.2:38999' });
		assert.equal(p.where === 'browserSiteStorage' && p.unencryptedOverHttp, true);
		const note = savedKeyNote(p) ?? '';
		assert.ok(note.startsWith('It is kept in this browser only, for 192.0.2.2:38999:'), note);
		assert.ok(note.includes('Unless this page is served over https, the browser cannot encrypt it and stores it unencrypted.'), note);
		assert.ok(note.endsWith('To keep it, set ANTHROPIC_API_KEY in the server\'s environment.'), note);
		assert.match(storedKeySourceNote(p) ?? '', /^kept in this browser only, for 192\.0\.2\.2:38999, unencrypted unless the page is https/);
	});

	it('another browser host (not probed): says the page\'s host keeps it and may not', () => {
		const p = keyPersistence({ uiKind: 'web', appHost: 'codespaces', remoteName: 'codespaces' });
		assert.deepEqual(p, { persists: false, where: 'webHost', appHost: 'codespaces' });
		assert.match(savedKeyNote(p) ?? '', /^This VS Code runs in the browser: the key is kept by the page's host \(codespaces\), not on the server .* may be gone in another browser or session\. To keep it, set ANTHROPIC_API_KEY in the server's environment\.$/);
	});

	it('the status-bar tooltip\'s key-source line says it for a stored key only', () => {
		const base = { session: emptyTotals(), today: emptyTotals(), pricingAsOf: PRICING_AS_OF, keyStore: keyPersistence(CODE_SERVER) };
		const stored = usageTooltipMarkdown({ ...base, keySource: 'secretStorage' });
		const line = stored.split('\n').find((l) => l.startsWith('API key:'));
		assert.equal(line, 'API key: SecretStorage, kept in this browser only, for 127.0.0.1:38763 \\(another browser or port starts without it; ANTHROPIC\\_API\\_KEY in the server\'s environment lasts\\)');
		const fromEnv = usageTooltipMarkdown({ ...base, keySource: 'environment' });
		assert.ok(fromEnv.includes('API key: ANTHROPIC_API_KEY environment variable\n'), fromEnv);
		assert.ok(!fromEnv.includes('this browser'));
		const desktop = usageTooltipMarkdown({ ...base, keySource: 'secretStorage', keyStore: keyPersistence({ uiKind: 'desktop', appHost: 'desktop', remoteName: undefined }) });
		assert.ok(desktop.includes('API key: SecretStorage\n'), desktop);
	});
});
