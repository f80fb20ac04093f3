/**
 * Settings that decide where the API key goes (the base URL) or how much may be spent (limits, prices, token caps,
 * retries, cache lifetime). A repository's `.vscode/settings.json` must not be able to set them: a cloned repo could
 * otherwise send the key to its own host or lift the budgets. package.json gives them `application` scope, and the
 * extension reads only their user (global) value, whatever a workspace says.
 */
export const USER_ONLY_SETTINGS = [
	'baseUrl', 'maxTokens', 'maxRetries', 'pricing', 'dailyBudgetUsd', 'monthlyBudgetUsd', 'budgetWarnPercent',
	'cacheTtl', 'maxHistoryTokens', 'confirmAboveTokens',
] as const;

export type UserOnlySetting = (typeof USER_ONLY_SETTINGS)[number];

/** What the user is told, once, when a workspace tried to set some of them (empty list: nothing to say). */
export function ignoredWorkspaceSettingsNotice(keys: readonly string[]): string | undefined {
	if (keys.length === 0) {
		return undefined;
	}
	const names = keys.map((k) => `claudeAssistant.${k}`).join(', ');
	return `Claude Assistant ignored ${names} from this workspace's settings: where your API key goes and how much may `
		+ 'be spent are read only from your user settings. Set them there (Preferences: Open User Settings) if you want them.';
}

/** The API's own address, which the SDK uses when neither the setting nor ANTHROPIC_BASE_URL names another. */
export const DEFAULT_API_HOST = 'api.anthropic.com';

/**
 * Where requests (and the key) go when that is not the Anthropic API: the base URL setting, else ANTHROPIC_BASE_URL
 * from the environment. Undefined for the default, so the status bar and log speak up only when it matters.
 */
export function nonDefaultApiDestination(baseUrlSetting: string, envBaseUrl: string | undefined): string | undefined {
	const url = baseUrlSetting.trim() || envBaseUrl?.trim();
	if (!url) {
		return undefined;
	}
	const source = baseUrlSetting.trim() ? 'claudeAssistant.baseUrl' : 'ANTHROPIC_BASE_URL';
	try {
		const parsed = new URL(url);
		return parsed.host === DEFAULT_API_HOST && parsed.protocol === 'https:' ? undefined : `${parsed.protocol}//${parsed.host} (from ${source})`;
	} catch {
		return `${url} (from ${source}, not a valid URL)`;
	}
}
