import type { CommandName, RequestSettings } from '../request/settings';
import type { PriceOverrideSetting } from '../pricing/priceOverrides';
import type { HistoryMode } from '../request/historySummary';
import type { CacheTtl } from '../request/promptCache';

/** Settings under `claudeAssistant.*`, mirroring package.json (a unit test keeps the two in step). */
export interface AssistantConfig {
	/** Base URL of the Anthropic API (without /v1). Empty = ANTHROPIC_BASE_URL or the SDK default. */
	baseUrl: string;
	/** Model for free-form chat messages. */
	model: string;
	/**
	 * Model per command: explain, summarize and add-docs default to the cheap Haiku tier, Ask Opus to the Opus tier;
	 * fix, write-tests and chat (unset) use `model`, the Sonnet tier.
	 */
	commandModels: Partial<Record<CommandName, string>>;
	/** Maximum output tokens per answer. */
	maxTokens: number;
	/** Visible automatic retries (with a countdown) for rate limits, overload, network and server errors. */
	maxRetries: number;
	/** Cap on one backoff wait, in seconds (a server's retry-after is still honoured, up to 5 minutes). */
	retryMaxDelaySeconds: number;
	/** Silence allowed inside a started answer, in seconds, before it fails as timed out (its partial text kept). */
	idleTimeoutSeconds: number;
	/** Prompt-cache lifetime: '5m' (write 1.25×) or '1h' (write 2×, for long sessions with pauses). */
	cacheTtl: CacheTtl;
	/** History sent with each request is capped at about this many tokens; older messages are summarized or left out. */
	maxHistoryTokens: number;
	/** Messages beyond maxHistoryTokens: folded into a running summary (commandModels.summarizeHistory) or trimmed. */
	historyMode: HistoryMode;
	/** Ask "≈ N tokens ≈ $X — Send / Cancel" when a message adds at least this many tokens (0 = never ask). */
	confirmAboveTokens: number;
	/** $/MTok per model replacing list prices (negotiated rates, new models); validated by parsePriceOverrides. */
	pricing: PriceOverrideSetting;
	/** Daily spend limit in USD (0 = none): a warning near it, a stop at it (with "Send anyway"). */
	dailyBudgetUsd: number;
	/** Monthly spend limit in USD (0 = none). */
	monthlyBudgetUsd: number;
	/** Warn when spend reaches this percentage of a limit. */
	budgetWarnPercent: number;
	/**
	 * The user's own selection actions for Run Custom Action…: `{ title, prompt }` with `{{selection}}`, `{{language}}`
	 * and `{{file}}` placeholders. Kept raw here; parseCustomActions validates it and says what it skipped.
	 */
	customActions: unknown[];
}

export const CONFIG_SECTION = 'claudeAssistant';

/** Every command with a model of its own (keys of `commandModels`), in the order Choose Models lists them. */
export const COMMAND_NAMES = ['chat', 'explainSelection', 'summarizeFile', 'addDocs', 'fixSelection', 'writeTests', 'askOpus', 'commitMessage', 'summarizeHistory'] as const satisfies readonly CommandName[];

/** A command a user can give a model in settings (Choose Models lists these). */
export type ModelRole = (typeof COMMAND_NAMES)[number];

/** Defaults, identical to package.json's. */
export const CONFIG_DEFAULTS: AssistantConfig = {
	baseUrl: '',
	model: 'claude-sonnet-5-5',
	commandModels: { explainSelection: 'claude-haiku-5-5', summarizeFile: 'claude-haiku-5-5', addDocs: 'claude-haiku-5-5', askOpus: 'claude-opus-5-5', commitMessage: 'claude-haiku-5-5', summarizeHistory: 'claude-haiku-5-5' },
	maxTokens: 4096,
	maxRetries: 4,
	retryMaxDelaySeconds: 60,
	idleTimeoutSeconds: 90,
	cacheTtl: '5m',
	maxHistoryTokens: 60_000,
	historyMode: 'summarize',
	confirmAboveTokens: 20_000,
	pricing: {},
	dailyBudgetUsd: 0,
	monthlyBudgetUsd: 0,
	budgetWarnPercent: 80,
	customActions: [],
};

/** Bounds applied to numeric settings (also declared as minimum/maximum in package.json). */
export const CONFIG_BOUNDS = { maxTokens: [1, 128_000], maxRetries: [0, 10], retryMaxDelaySeconds: [1, 300], idleTimeoutSeconds: [1, 600], maxHistoryTokens: [1_000, 1_000_000], confirmAboveTokens: [0, 1_000_000], budgetWarnPercent: [1, 100] } as const;

/**
 * Normalizes raw setting values (any type a user can put in settings.json) into a valid config. Pure, so the
 * fallbacks are unit-tested.
 */
export function normalizeConfig(raw: { [K in keyof AssistantConfig]?: unknown }): AssistantConfig {
	const int = (key: keyof typeof CONFIG_BOUNDS) => {
		const v = raw[key];
		const [min, max] = CONFIG_BOUNDS[key];
		return typeof v === 'number' && Number.isInteger(v) ? Math.min(max, Math.max(min, v)) : CONFIG_DEFAULTS[key];
	};
	const usd = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
	const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
	const models = (typeof raw.commandModels === 'object' && raw.commandModels !== null ? raw.commandModels : {}) as Record<string, unknown>;
	const commandModels: Partial<Record<CommandName, string>> = { ...CONFIG_DEFAULTS.commandModels };
	for (const name of COMMAND_NAMES) {
		if (str(models[name])) {
			commandModels[name] = str(models[name]);
		}
	}
	return {
		baseUrl: str(raw.baseUrl),
		model: str(raw.model) || CONFIG_DEFAULTS.model,
		commandModels,
		maxTokens: int('maxTokens'),
		maxRetries: int('maxRetries'),
		retryMaxDelaySeconds: int('retryMaxDelaySeconds'),
		idleTimeoutSeconds: int('idleTimeoutSeconds'),
		cacheTtl: raw.cacheTtl === '1h' ? '1h' : '5m',
		maxHistoryTokens: int('maxHistoryTokens'),
		historyMode: raw.historyMode === 'trim' ? 'trim' : 'summarize',
		confirmAboveTokens: int('confirmAboveTokens'),
		dailyBudgetUsd: usd(raw.dailyBudgetUsd),
		monthlyBudgetUsd: usd(raw.monthlyBudgetUsd),
		budgetWarnPercent: int('budgetWarnPercent'),
		customActions: Array.isArray(raw.customActions) ? raw.customActions : [],
		pricing: typeof raw.pricing === 'object' && raw.pricing !== null && !Array.isArray(raw.pricing) ? raw.pricing as PriceOverrideSetting : {},
	};
}

/** What the session needs per request, read from settings at request time (so changes apply to the next request). */
export function requestSettings(config: AssistantConfig, command: CommandName): Required<RequestSettings> {
	return {
		model: modelFor(config, command),
		maxTokens: config.maxTokens,
		cacheTtl: config.cacheTtl,
		maxHistoryTokens: config.maxHistoryTokens,
		retryMaxAttempts: config.maxRetries + 1,
		retryMaxDelayMs: config.retryMaxDelaySeconds * 1000,
		idleTimeoutMs: config.idleTimeoutSeconds * 1000,
		historyMode: config.historyMode,
		summaryModel: modelFor(config, 'summarizeHistory'),
		confirmAboveTokens: config.confirmAboveTokens,
	};
}

/** The model a command uses: its own setting, else the chat model. */
export function modelFor(config: AssistantConfig, command: CommandName): string {
	return config.commandModels[command] ?? config.model;
}
