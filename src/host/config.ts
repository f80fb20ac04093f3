import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { CONFIG_SECTION, normalizeConfig, type AssistantConfig } from '../core/settings/configSchema';
import { ignoredWorkspaceSettingsNotice, nonDefaultApiDestination, USER_ONLY_SETTINGS, type UserOnlySetting } from '../core/settings/userOnlySettings';

export { modelFor, requestSettings, type AssistantConfig } from '../core/settings/configSchema';

/** The settings as last read, while {@link cacheConfig} keeps them current; undefined = read on the next call. */
let cached: AssistantConfig | undefined;
let caching = false;

/**
 * The claudeAssistant.* settings, with defaults and bounds applied. Reading them takes milliseconds (each user-only
 * setting is an `inspect()`), and one request reads them several times on its way to the network, so while
 * {@link cacheConfig} is on they are read once and again only after they change. Treat the result as read-only.
 */
export function getConfig(): Readonly<AssistantConfig> {
	if (!caching) {
		return readConfig();
	}
	return cached ??= readConfig();
}

/**
 * Lets {@link getConfig} keep what it read until a claudeAssistant.* setting changes. Call it before anything else
 * subscribes to configuration changes: VS Code calls listeners in order, so every later listener already reads the
 * new values.
 */
export function cacheConfig(): vscode.Disposable {
	caching = true;
	cached = undefined;
	const forget = vscode.workspace.onDidChangeConfiguration((e) => {
		if (e.affectsConfiguration(CONFIG_SECTION)) {
			cached = undefined;
		}
	});
	return new vscode.Disposable(() => {
		forget.dispose();
		caching = false;
		cached = undefined;
	});
}

/** Reads the settings in one place (the only caller of getConfiguration for them). */
function readConfig(): AssistantConfig {
	const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
	const user = (key: UserOnlySetting): unknown => userValue(c, key);
	return normalizeConfig({
		baseUrl: user('baseUrl'),
		model: c.get('model'),
		commandModels: c.get('commandModels'),
		maxTokens: user('maxTokens'),
		maxRetries: user('maxRetries'),
		retryMaxDelaySeconds: c.get('retryMaxDelaySeconds'),
		idleTimeoutSeconds: c.get('idleTimeoutSeconds'),
		cacheTtl: user('cacheTtl'),
		maxHistoryTokens: user('maxHistoryTokens'),
		historyMode: c.get('historyMode'),
		confirmAboveTokens: user('confirmAboveTokens'),
		pricing: user('pricing'),
		dailyBudgetUsd: user('dailyBudgetUsd'),
		monthlyBudgetUsd: user('monthlyBudgetUsd'),
		budgetWarnPercent: user('budgetWarnPercent'),
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

/**
 * A user-only setting's value from user settings (or its default), never from a workspace or folder: VS Code already
 * ignores `application`-scoped values there, and this holds even where it would not (older versions, remote setups).
 */
function userValue(c: vscode.WorkspaceConfiguration, key: UserOnlySetting): unknown {
	const i = c.inspect(key);
	return i?.globalValue ?? i?.defaultValue;
}

/**
 * The user-only settings that a workspace or one of its folders sets (and that are therefore ignored). VS Code drops
 * `application`-scoped values from workspace settings before `inspect` sees them, so the settings files themselves
 * (each folder's `.vscode/settings.json`, and a `.code-workspace` file's `settings`) are read too.
 */
export async function workspaceSetUserOnlySettings(): Promise<UserOnlySetting[]> {
	const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
	const folders = vscode.workspace.workspaceFolders ?? [];
	const fromFiles = new Set<string>();
	const read = async (uri: vscode.Uri, pick: (json: Record<string, unknown>) => unknown): Promise<void> => {
		try {
			const json = parseJsonc(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, unknown> | undefined;
			const settings = json && pick(json);
			if (settings && typeof settings === 'object') {
				Object.keys(settings).forEach((k) => fromFiles.add(k));
			}
		} catch {
			// no settings file, or not readable: nothing set there
		}
	};
	await Promise.all(folders.map((f) => read(vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'), (j) => j)));
	if (vscode.workspace.workspaceFile?.scheme === 'file') {
		await read(vscode.workspace.workspaceFile, (j) => j.settings);
	}
	return USER_ONLY_SETTINGS.filter((key) => {
		if (fromFiles.has(`${CONFIG_SECTION}.${key}`) || c.inspect(key)?.workspaceValue !== undefined) {
			return true;
		}
		return folders.some((f) => vscode.workspace.getConfiguration(CONFIG_SECTION, f.uri).inspect(key)?.workspaceFolderValue !== undefined);
	});
}

/**
 * Tells the user once per setting, in words, when a workspace tries to set a user-only setting (now and whenever
 * settings change), and logs it. What a workspace sets there is never used.
 */
export function warnAboutIgnoredWorkspaceSettings(logger: { warn(component: string, message: string): void }): vscode.Disposable {
	const told = new Set<string>();
	const check = async (): Promise<void> => {
		const fresh = (await workspaceSetUserOnlySettings()).filter((k) => !told.has(k));
		const notice = ignoredWorkspaceSettingsNotice(fresh);
		if (!notice) {
			return;
		}
		fresh.forEach((k) => told.add(k));
		logger.warn('config', notice);
		void vscode.window.showWarningMessage(notice, 'Open User Settings').then((choice) => {
			if (choice) {
				void vscode.commands.executeCommand('workbench.action.openSettings', '@ext:claude-assistant-dev.claude-assistant');
			}
		});
	};
	void check();
	// Edits to application-scoped values in a workspace file fire no configuration change: watch the files too.
	const watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
	const onFile = watcher.onDidChange(() => void check());
	const onNewFile = watcher.onDidCreate(() => void check());
	const onConfig = onDidChangeConfig(() => void check());
	return vscode.Disposable.from(watcher, onFile, onNewFile, onConfig);
}

/** Where requests go when that is not the Anthropic API (see nonDefaultApiDestination); undefined for the default. */
export function apiDestination(): string | undefined {
	return nonDefaultApiDestination(getConfig().baseUrl, process.env.ANTHROPIC_BASE_URL);
}

/** Logs where requests go whenever it is not the Anthropic API: at activation and after every settings change. */
export function logApiDestination(logger: { info(component: string, message: string): void }): vscode.Disposable {
	let last: string | undefined;
	const log = (): void => {
		const where = apiDestination();
		if (where !== last && where !== undefined) {
			logger.info('config', `requests and the API key go to ${where}, not the Anthropic API`);
		}
		last = where;
	};
	log();
	return onDidChangeConfig(log);
}
