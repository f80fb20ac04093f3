import * as vscode from 'vscode';
import { CONFIG_SECTION, normalizeConfig, type AssistantConfig } from '../core/configSchema';

export { modelFor, requestSettings, type AssistantConfig } from '../core/configSchema';

/** Reads the settings in one place (the only caller of getConfiguration), with defaults and bounds applied. */
export function getConfig(): AssistantConfig {
	const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
	return normalizeConfig({
		baseUrl: c.get('baseUrl'),
		model: c.get('model'),
		commandModels: c.get('commandModels'),
		maxTokens: c.get('maxTokens'),
		maxRetries: c.get('maxRetries'),
		retryMaxDelaySeconds: c.get('retryMaxDelaySeconds'),
		cacheTtl: c.get('cacheTtl'),
		maxHistoryTokens: c.get('maxHistoryTokens'),
		historyMode: c.get('historyMode'),
		confirmAboveTokens: c.get('confirmAboveTokens'),
		pricing: c.get('pricing'),
		dailyBudgetUsd: c.get('dailyBudgetUsd'),
		monthlyBudgetUsd: c.get('monthlyBudgetUsd'),
		budgetWarnPercent: c.get('budgetWarnPercent'),
		customActions: c.get('customActions'),
	});
}

/** Fires when any claudeAssistant.* setting changes. */
export function onDidChangeConfig(listener: () => void): vscode.Disposable {
	return vscode.workspace.onDidChangeConfiguration((e) => {
		if (e.affectsConfiguration(CONFIG_SECTION)) {
			listener();
		}
	});
}
