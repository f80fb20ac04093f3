import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('package.json: selection actions, custom actions and Focus Chat', () => {
	const menus = manifest.contributes.menus as Record<string, Array<{ command?: string; when?: string; group?: string }>>;
	const titles = Object.fromEntries(manifest.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));

	it('has Explain, Fix, Write Tests, Add Docs, Ask About Selection, Summarize File and Run Custom Action in the Claude submenu', () => {
		const items = menus['claudeAssistant.editorSubmenu'].map((m) => m.command);
		for (const name of ['explainSelection', 'fixSelection', 'writeTests', 'addDocs', 'askAboutSelection', 'summarizeFile', 'runCustomAction']) {
			assert.ok(items.includes(`claudeAssistant.${name}`), name);
		}
		assert.equal(titles['claudeAssistant.askAboutSelection'], 'Ask About Selection…');
		assert.equal(titles['claudeAssistant.runCustomAction'], 'Run Custom Action…');
		assert.equal(titles['claudeAssistant.focusChat'], 'Focus Chat');
	});

	it('shows Ask About Selection and Run Custom Action with a selection only, in the submenu and the palette', () => {
		for (const name of ['askAboutSelection', 'runCustomAction']) {
			for (const menu of ['claudeAssistant.editorSubmenu', 'commandPalette']) {
				const entry = menus[menu].find((m) => m.command === `claudeAssistant.${name}`);
				assert.ok(entry?.when?.includes('editorHasSelection'), `${name} in ${menu}`);
			}
		}
	});

	it('binds Focus Chat to a chord no other keybinding here uses', () => {
		const bindings = manifest.contributes.keybindings as Array<{ command: string; key: string; mac?: string }>;
		const focus = bindings.find((k) => k.command === 'claudeAssistant.focusChat');
		assert.equal(focus?.key, 'ctrl+alt+shift+a');
		assert.equal(focus?.mac, 'cmd+alt+shift+a');
		const keys = bindings.flatMap((k) => [`key:${k.key}`, `mac:${k.mac ?? k.key}`]);
		assert.equal(new Set(keys).size, keys.length, keys.join(' '));
	});

	it('declares claudeAssistant.customActions as an array of { title, prompt } with no other keys', () => {
		const setting = manifest.contributes.configuration.properties['claudeAssistant.customActions'];
		assert.equal(setting.type, 'array');
		assert.deepEqual(setting.default, []);
		assert.deepEqual(setting.items.required, ['title', 'prompt']);
		assert.equal(setting.items.additionalProperties, false);
		assert.match(setting.markdownDescription, /\{\{selection\}\}.*\{\{language\}\}.*\{\{file\}\}/s);
	});
});
