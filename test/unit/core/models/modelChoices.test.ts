import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_NAMES, CONFIG_DEFAULTS, normalizeConfig } from '../../../../src/core/settings/configSchema';
import { formatModelPrice, modelItems, modelWithPrice, PRICING_TABLE, ROLE_LABELS, roleItems, settingKeyFor, settingWrites } from '../../../../src/core/models/modelChoices';
import { knownModelIds, listPrice, setPriceOverrides } from '../../../../src/core/pricing/pricing';

describe('model choices: prices', () => {
	afterEach(() => setPriceOverrides({}));

	it('shows input / output $ per MTok, whole dollars without cents', () => {
		assert.equal(formatModelPrice('claude-opus-5-5'), '$4 / $20 per MTok');
		assert.equal(formatModelPrice('claude-sonnet-5-5'), '$2 / $10 per MTok');
		assert.equal(formatModelPrice('claude-haiku-5-5'), '$0.10 / $0.50 per MTok');
		assert.equal(formatModelPrice('claude-haiku-4-5-20251001'), '$1 / $5 per MTok', 'a dated id uses its alias');
		assert.equal(modelWithPrice('claude-opus-5-5'), 'claude-opus-5-5, $4 / $20 per MTok');
	});

	it('says "price unknown" for a model the table does not know, never a guess', () => {
		assert.equal(formatModelPrice('claude-future-1'), 'price unknown');
		assert.equal(modelWithPrice('claude-future-1'), 'claude-future-1, price unknown');
	});

	it('marks a price that comes from the pricing setting', () => {
		const base = listPrice('claude-sonnet-5-5');
		assert.ok(base);
		setPriceOverrides({ 'claude-sonnet-5-5': { ...base, input: 1.5, output: 7.5 }, 'claude-future-1': { ...base, input: 3, output: 15 } });
		assert.equal(formatModelPrice('claude-sonnet-5-5'), '$1.50 / $7.50 per MTok (your pricing setting)');
		assert.equal(formatModelPrice('claude-future-1'), '$3 / $15 per MTok (your pricing setting)');
		assert.deepEqual(knownModelIds().slice(-1), ['claude-future-1'], 'a model priced only in settings can be picked');
	});
});

describe('model choices: roles and models', () => {
	const defaults = normalizeConfig({});

	it('lists every role with a label, in the documented order, with its model and price', () => {
		assert.deepEqual([...COMMAND_NAMES].sort(), Object.keys(ROLE_LABELS).sort());
		const items = roleItems(defaults);
		assert.deepEqual(items.map((i) => i.label), ['Chat', 'Explain', 'Summarize', 'Add Docs', 'Fix', 'Write Tests', 'Ask Opus', 'Commit Message', 'History Summary']);
		const by = Object.fromEntries(items.map((i) => [i.role, i.description]));
		assert.equal(by.chat, 'claude-sonnet-5-5 · $2 / $10 per MTok');
		assert.equal(by.explainSelection, 'claude-haiku-5-5 · $0.10 / $0.50 per MTok');
		assert.equal(by.addDocs, 'claude-haiku-5-5 · $0.10 / $0.50 per MTok');
		assert.equal(by.fixSelection, 'claude-sonnet-5-5 (chat model) · $2 / $10 per MTok');
		assert.equal(by.writeTests, 'claude-sonnet-5-5 (chat model) · $2 / $10 per MTok');
		assert.equal(by.askOpus, 'claude-opus-5-5 · $4 / $20 per MTok');
		assert.equal(by.commitMessage, 'claude-haiku-5-5 · $0.10 / $0.50 per MTok');
	});

	it('offers every priced model, the current one first and marked, the default named', () => {
		const items = modelItems('addDocs', normalizeConfig({ commandModels: { addDocs: 'claude-sonnet-5-5' } }));
		assert.deepEqual(items.map((i) => i.label).sort(), [...PRICING_TABLE.models()].sort());
		assert.equal(items[0].label, 'claude-sonnet-5-5');
		assert.equal(items[0].description, '$2 / $10 per MTok · current');
		assert.deepEqual(items.filter((i) => i.current).map((i) => i.model), ['claude-sonnet-5-5']);
		assert.equal(items.find((i) => i.label === 'claude-haiku-5-5')?.description, '$0.10 / $0.50 per MTok · default');
		assert.equal(items.find((i) => i.label === 'claude-opus-5-5')?.description, '$4 / $20 per MTok');
		assert.equal(modelItems('askOpus', defaults)[0].description, '$4 / $20 per MTok · current · default');
	});

	it('keeps an unknown current model in the list, honestly unpriced; a dated id marks its alias', () => {
		const items = modelItems('chat', normalizeConfig({ model: 'claude-future-1' }));
		assert.deepEqual(items[0], { label: 'claude-future-1', description: 'price unknown · current', model: 'claude-future-1', current: true });
		assert.equal(items.length, PRICING_TABLE.models().length + 1);
		const dated = modelItems('chat', normalizeConfig({ model: 'claude-haiku-4-5-20251001' }));
		assert.equal(dated[0].label, 'claude-haiku-4-5');
		assert.ok(dated[0].current);
		assert.equal(dated.length, PRICING_TABLE.models().length);
	});
});

describe('model choices: settings written', () => {
	it('names the setting each role lives in', () => {
		assert.equal(settingKeyFor('chat'), 'claudeAssistant.model');
		assert.equal(settingKeyFor('fixSelection'), 'claudeAssistant.commandModels.fixSelection');
	});

	it('merges a command\'s model into the user\'s commandModels, keeping the other entries', () => {
		assert.deepEqual(settingWrites('writeTests', 'claude-opus-5-5', { explainSelection: 'claude-sonnet-5-5' }), [
			{ key: 'commandModels', value: { explainSelection: 'claude-sonnet-5-5', writeTests: 'claude-opus-5-5' } },
		]);
		assert.deepEqual(settingWrites('addDocs', 'claude-haiku-4-5', undefined), [{ key: 'commandModels', value: { addDocs: 'claude-haiku-4-5' } }]);
	});

	it('writes the chat model to `model` and drops a commandModels.chat that would override it', () => {
		assert.deepEqual(settingWrites('chat', 'claude-opus-5-5', undefined), [{ key: 'model', value: 'claude-opus-5-5' }]);
		assert.deepEqual(settingWrites('chat', 'claude-opus-5-5', { chat: 'x', addDocs: 'y' }), [
			{ key: 'model', value: 'claude-opus-5-5' },
			{ key: 'commandModels', value: { addDocs: 'y' } },
		]);
		assert.deepEqual(settingWrites('chat', 'claude-opus-5-5', { chat: 'x' }), [{ key: 'model', value: 'claude-opus-5-5' }, { key: 'commandModels', value: undefined }]);
	});
});

describe('model choices: the price table in package.json', () => {
	it('quotes the current list prices of the Haiku, Sonnet and Opus 5.5 tiers', () => {
		const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', '..', 'package.json'), 'utf8'));
		const description: string = manifest.contributes.configuration.properties['claudeAssistant.model'].markdownDescription;
		for (const model of ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5']) {
			const [input, output] = formatModelPrice(model).replace(' per MTok', '').split(' / ');
			assert.ok(description.includes(`| \`${model}\` | ${input} | ${output} |`), `${model}: ${input} / ${output}`);
		}
		assert.equal(CONFIG_DEFAULTS.model, 'claude-sonnet-5-5');
	});
});
