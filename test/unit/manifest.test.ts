import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_DEFAULTS, CONFIG_SECTION } from '../../src/core/settings/configSchema';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const idsSource = fs.readFileSync(path.join(root, 'src', 'host', 'commands', 'ids.ts'), 'utf8');
const indexSource = fs.readFileSync(path.join(root, 'src', 'host', 'commands', 'index.ts'), 'utf8');

/** Command ids declared in src/host/commands/ids.ts, read as text so this test needs no vscode runtime. */
const declaredIds = [...idsSource.matchAll(/^\t(\w+): '(claudeAssistant\.\w+)'/gm)].map((m) => ({ key: m[1], id: m[2] }));

describe('package.json manifest', () => {
	const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

	it('declares exactly the commands in CommandId', () => {
		assert.ok(declaredIds.length >= 8);
		assert.deepEqual([...contributed].sort(), declaredIds.map((d) => d.id).sort());
	});

	it('registers a handler for every CommandId', () => {
		for (const { key } of declaredIds) {
			assert.match(indexSource, new RegExp(`\\[CommandId\\.${key}\\]: create\\w+Command\\(deps\\)`), `no handler for ${key}`);
		}
	});

	it('menus and keybindings reference only declared commands (and submenus)', () => {
		const menus = manifest.contributes.menus as Record<string, Array<{ command?: string; submenu?: string }>>;
		const submenus: string[] = (manifest.contributes.submenus ?? []).map((s: { id: string }) => s.id);
		const entries = Object.values(menus).flat();
		const referenced = [
			...entries.flatMap((m) => (m.command ? [m.command] : [])),
			...manifest.contributes.keybindings.map((k: { command: string }) => k.command),
		];
		for (const id of referenced) {
			assert.ok(contributed.includes(id), `${id} is referenced but not contributed`);
		}
		for (const entry of entries) {
			assert.ok(entry.command || (entry.submenu && submenus.includes(entry.submenu)), `menu entry ${JSON.stringify(entry)} names no known command or submenu`);
		}
		for (const id of submenus) {
			assert.ok(Array.isArray(menus[id]) && menus[id].length > 0, `submenu ${id} has no items`);
		}
	});

	it('puts every selection action in the editor\'s "Claude" submenu, shown with a selection only (menu and palette)', () => {
		const submenu = manifest.contributes.submenus.find((s: { id: string }) => s.id === 'claudeAssistant.editorSubmenu');
		assert.equal(submenu?.label, 'Claude');
		assert.ok(manifest.contributes.menus['editor/context'].some((m: { submenu?: string }) => m.submenu === submenu.id));
		const items = manifest.contributes.menus[submenu.id] as Array<{ command: string; when?: string }>;
		const palette = manifest.contributes.menus.commandPalette as Array<{ command: string; when?: string }>;
		for (const name of ['explainSelection', 'fixSelection', 'writeTests', 'addDocs']) {
			const id = `claudeAssistant.${name}`;
			assert.ok(items.some((m) => m.command === id && m.when?.includes('editorHasSelection')), `${id} in the submenu`);
			if (name !== 'explainSelection') {
				assert.ok(palette.some((m) => m.command === id && m.when?.includes('editorHasSelection')), `${id} in the palette with a selection only`);
			}
		}
		assert.ok(items.some((m) => m.command === 'claudeAssistant.askOpus' && !m.when), 'Ask Opus also works without a selection');
	});

	it('puts Explain Selection (with a selection) and Summarize File in the editor context menu, and Summarize File on explorer files', () => {
		const editor = manifest.contributes.menus['editor/context'];
		assert.ok(editor.some((m: { command: string; when: string }) => m.command === 'claudeAssistant.explainSelection' && m.when.includes('editorHasSelection')));
		assert.ok(editor.some((m: { command: string }) => m.command === 'claudeAssistant.summarizeFile'));
		const explorer = manifest.contributes.menus['explorer/context'];
		assert.ok(explorer.some((m: { command: string; when: string }) => m.command === 'claudeAssistant.summarizeFile' && m.when.includes('!explorerResourceIsFolder')));
	});

	it('gives every command the "Claude" category and the titles the issue names', () => {
		const titles = Object.fromEntries(manifest.contributes.commands.map((c: { command: string; title: string; category: string }) => {
			assert.equal(c.category, 'Claude');
			return [c.command, c.title];
		}));
		assert.equal(titles['claudeAssistant.explainSelection'], 'Explain Selection');
		assert.equal(titles['claudeAssistant.summarizeFile'], 'Summarize File');
		assert.equal(titles['claudeAssistant.setApiKey'], 'Set API Key');
		assert.equal(titles['claudeAssistant.showLogs'], 'Show Logs');
		assert.equal(titles['claudeAssistant.fixSelection'], 'Fix Selection');
		assert.equal(titles['claudeAssistant.writeTests'], 'Write Tests for Selection');
		assert.equal(titles['claudeAssistant.addDocs'], 'Add Docs to Selection');
		assert.equal(titles['claudeAssistant.askOpus'], 'Ask the Opus Tier…');
		assert.equal(titles['claudeAssistant.chooseModels'], 'Choose Models…');
	});

	it('contributes the Claude activity-bar container with the Chat webview view', () => {
		assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, 'claudeAssistant');
		assert.equal(manifest.contributes.viewsContainers.activitybar[0].title, 'Claude');
		assert.deepEqual(manifest.contributes.views.claudeAssistant[0], { type: 'webview', id: 'claudeAssistant.chat', name: 'Chat' });
	});

	it('declares every setting with the defaults the code uses', () => {
		const props = manifest.contributes.configuration.properties;
		const keys = Object.keys(props).map((k) => k.replace(`${CONFIG_SECTION}.`, '')).sort();
		assert.deepEqual(keys, Object.keys(CONFIG_DEFAULTS).sort());
		for (const [key, value] of Object.entries(CONFIG_DEFAULTS)) {
			assert.deepEqual(props[`${CONFIG_SECTION}.${key}`].default, value, key);
		}
	});

	it('never has a setting that could hold the API key', () => {
		for (const name of Object.keys(manifest.contributes.configuration.properties)) {
			assert.doesNotMatch(name, /key$|secret|password|credential|authToken/i, name);
		}
	});

	it('ships only the bundle and media (allow-list .vscodeignore)', () => {
		const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
		assert.equal(ignore[0], '**');
		assert.ok(ignore.includes('!dist/extension.js') && ignore.includes('!dist/webview.js') && ignore.includes('!dist/dashboard.js') && ignore.includes('!dist/anthropic-sdk.js'));
		assert.ok(!ignore.some((l) => l.includes('node_modules') && l.startsWith('!')));
	});
});
