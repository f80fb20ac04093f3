import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ignoredWorkspaceSettingsNotice, nonDefaultApiDestination, USER_ONLY_SETTINGS } from '../../../../src/core/settings/userOnlySettings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { scope?: string }> = manifest.contributes.configuration.properties;

describe('user-only settings (where the key goes, how much may be spent)', () => {
	it('are application-scoped in package.json, so VS Code never takes them from a workspace', () => {
		for (const key of USER_ONLY_SETTINGS) {
			assert.equal(properties[`claudeAssistant.${key}`]?.scope, 'application', key);
		}
		for (const key of ['baseUrl', 'dailyBudgetUsd', 'monthlyBudgetUsd', 'pricing', 'budgetWarnPercent', 'maxTokens']) {
			assert.ok((USER_ONLY_SETTINGS as readonly string[]).includes(key), key);
		}
		assert.equal(properties['claudeAssistant.model'].scope, undefined, 'a per-project model stays possible');
	});

	it('declares limited support for untrusted workspaces, restricting the settings a repo could abuse', () => {
		const untrusted = manifest.capabilities.untrustedWorkspaces;
		assert.equal(untrusted.supported, 'limited');
		assert.deepEqual(untrusted.restrictedConfigurations, ['claudeAssistant.model', 'claudeAssistant.commandModels', 'claudeAssistant.customActions']);
	});

	it('the notice names what was ignored and where to set it instead', () => {
		assert.equal(ignoredWorkspaceSettingsNotice([]), undefined);
		const text = ignoredWorkspaceSettingsNotice(['baseUrl', 'dailyBudgetUsd']) ?? '';
		assert.match(text, /ignored claudeAssistant\.baseUrl, claudeAssistant\.dailyBudgetUsd from this workspace's settings/);
		assert.match(text, /user settings/);
	});

	it('names where requests go only when it is not the Anthropic API, and which setting says so', () => {
		assert.equal(nonDefaultApiDestination('', undefined), undefined);
		assert.equal(nonDefaultApiDestination('', 'https://api.anthropic.com'), undefined);
		assert.equal(nonDefaultApiDestination('https://api.anthropic.com/', undefined), undefined);
		assert.equal(nonDefaultApiDestination('', 'https://gateway.example.com/anthropic'), 'https://gateway.example.com (from ANTHROPIC_BASE_URL)');
		assert.equal(nonDefaultApiDestination('http://127.0.0.1:8080', 'https://other.example'), 'http://127.0.0.1:8080 (from claudeAssistant.baseUrl)');
		assert.equal(nonDefaultApiDestination('not a url', undefined), 'not a url (from claudeAssistant.baseUrl, not a valid URL)');
	});
});
