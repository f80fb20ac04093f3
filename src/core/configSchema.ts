import type { CommandName } from './chatSession';
import type { PriceOverrideSetting } from './priceOverrides';
import type { CacheTtl } from './promptCache';

/** Settings under `claudeAssistant.*`, mirroring package.json (a unit test keeps the two in step). */
export interface AssistantConfig {
	/** Base URL of the Anthropic API (without /v1). Empty = ANTHROPIC_BASE_URL or the SDK default. */
	baseUrl: string;
	/** Model for free-form chat messages. */
	model: string;
	/** Model per command; explain and summarize default to the cheap Haiku tier. */
	commandModels: Partial<Record<CommandName, string>>;
	/** Maximum output tokens per answer. */
	maxTokens: number;
	/** Visible automatic retries (with a countdown) for rate limits, overload, network and server errors. */
	maxRetries: number;
	/** Cap on one backoff wait, in seconds (a server's retry-after is still honoured, up to 5 minutes). */
	retryMaxDelaySeconds: number;
	/** Prompt-cache lifetime: '5m' (write 1.25×) or '1h' (write 2×, for long sessions with pauses). */
	cacheTtl: CacheTtl;
	/** History sent with each request is capped at about this many tokens; older messages are left out. */
	maxHistoryTokens: number;
	/** $/MTok per model replacing list prices (negotiated rates, new models); validated by parsePriceOverrides. */
	pricing: PriceOverrideSetting;
	/** Daily spend limit in USD (0 = none): a warning near it, a stop at it (with "Send anyway"). */
	dailyBudgetUsd: number;
	/** Monthly spend limit in USD (0 = none). */
	monthlyBudgetUsd: number;
	/** Warn when spend reaches this percentage of a limit. */
	budgetWarnPercent: number;
}

export const CONFIG_SECTION = 'claudeAssistant';

/** Defaults, identical to package.json's. */
export const CONFIG_DEFAULTS: AssistantConfig = {
	baseUrl: '',
	model: 'claude-sonnet-5-5',
	commandModels: { explainSelection: 'claude-haiku-5-5', summarizeFile: 'claude-haiku-5-5' },
	maxTokens: 4096,
	maxRetries: 4,
	retryMaxDelaySeconds: 60,
	cacheTtl: '5m',
	maxHistoryTokens: 60_000,
	pricing: {},
	dailyBudgetUsd: 0,
	monthlyBudgetUsd: 0,
	budgetWarnPercent: 80,
};

/** Bounds applied to numeric settings (also declared as minimum/maximum in package.json). */
export const CONFIG_BOUNDS = { maxTokens: [1, 128_000], maxRetries: [0, 10], retryMaxDelaySeconds: [1, 300], maxHistoryTokens: [1_000, 1_000_000], budgetWarnPercent: [1, 100] } as const;

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
	for (const name of ['chat', 'explainSelection', 'summarizeFile'] as const) {
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
		cacheTtl: raw.cacheTtl === '1h' ? '1h' : '5m',
		maxHistoryTokens: int('maxHistoryTokens'),
		dailyBudgetUsd: usd(raw.dailyBudgetUsd),
		monthlyBudgetUsd: usd(raw.monthlyBudgetUsd),
		budgetWarnPercent: int('budgetWarnPercent'),
		pricing: typeof raw.pricing === 'object' && raw.pricing !== null && !Array.isArray(raw.pricing) ? raw.pricing as PriceOverrideSetting : {},
	};
}

/** What the session needs per request, read from settings at request time (so changes apply to the next request). */
export function requestSettings(config: AssistantConfig, command: CommandName): {
	model: string; maxTokens: number; cacheTtl: CacheTtl; maxHistoryTokens: number; retryMaxAttempts: number; retryMaxDelayMs: number;
} {
	return {
		model: modelFor(config, command),
		maxTokens: config.maxTokens,
		cacheTtl: config.cacheTtl,
		maxHistoryTokens: config.maxHistoryTokens,
		retryMaxAttempts: config.maxRetries + 1,
		retryMaxDelayMs: config.retryMaxDelaySeconds * 1000,
	};
}

/** The model a command uses: its own setting, else the chat model. */
export function modelFor(config: AssistantConfig, command: CommandName): string {
	return config.commandModels[command] ?? config.model;
}
