import { formatUsd } from '../../shared/numberFormat';
import { COMMAND_NAMES, CONFIG_DEFAULTS, modelFor, type AssistantConfig, type ModelRole } from '../settings/configSchema';
import { knownModelIds, listPrice, normalizeModelId, priceFor, type ModelPrice } from '../pricing/pricing';

/* What Choose Models and Ask Opus show: roles, models and their prices. Pure; the host only shows and writes. */

/** How each role is named in Choose Models. A Record, so a new role does not compile until it has a label. */
export const ROLE_LABELS: Readonly<Record<ModelRole, string>> = {
	chat: 'Chat',
	explainSelection: 'Explain',
	summarizeFile: 'Summarize',
	addDocs: 'Add Docs',
	fixSelection: 'Fix',
	writeTests: 'Write Tests',
	askOpus: 'Ask Opus',
	commitMessage: 'Commit Message',
	summarizeHistory: 'History Summary',
};

/** Where prices and the offered models come from; the pricing table (with the user's overrides) unless a test says otherwise. */
export interface PriceLookup {
	/** The effective price (overrides included). */
	price(model: string): ModelPrice | undefined;
	/** The built-in list price, to tell an override apart. */
	list(model: string): ModelPrice | undefined;
	/** Every model with a known price, in display order. */
	models(): string[];
}

export const PRICING_TABLE: PriceLookup = { price: priceFor, list: listPrice, models: knownModelIds };

/** A role row of Choose Models. */
export interface RoleItem {
	label: string;
	description: string;
	role: ModelRole;
}

/** A model row of Choose Models: `label` is the model id as it will be written to settings. */
export interface ModelItem {
	label: string;
	description: string;
	model: string;
	current: boolean;
}

/** A settings write: `value` undefined removes the user's value. */
export interface SettingWrite {
	key: 'model' | 'commandModels';
	value: unknown;
}

/** "$4" for whole dollars (how prices are quoted), else formatUsd's "$0.10" / "$2.50". */
function perMTok(usd: number): string {
	return Number.isInteger(usd) ? `$${usd}` : formatUsd(usd);
}

/**
 * "$2 / $10 per MTok" (input / output), marked when the user's pricing setting replaced the list price, and an
 * honest "price unknown" for a model the table does not know: a guessed price would mislead the choice.
 */
export function formatModelPrice(model: string, prices: PriceLookup = PRICING_TABLE): string {
	const price = prices.price(model);
	if (!price) {
		return 'price unknown';
	}
	const text = `${perMTok(price.input)} / ${perMTok(price.output)} per MTok`;
	return price === prices.list(model) ? text : `${text} (your pricing setting)`;
}

/** "claude-opus-5-5, $4 / $20 per MTok": a model as every picker and prompt names it. */
export function modelWithPrice(model: string, prices: PriceLookup = PRICING_TABLE): string {
	return `${model}, ${formatModelPrice(model, prices)}`;
}

/** The model a role uses when the user has set nothing: Haiku for the light commands, Opus for Ask Opus, else the chat model. */
export function defaultModelFor(role: ModelRole): string {
	return modelFor(CONFIG_DEFAULTS, role);
}

/** The first pick: every role with its current model and price; roles without their own model say they follow the chat model. */
export function roleItems(config: AssistantConfig, prices: PriceLookup = PRICING_TABLE): RoleItem[] {
	return COMMAND_NAMES.map((role) => {
		const model = modelFor(config, role);
		const follows = role !== 'chat' && config.commandModels[role] === undefined ? ' (chat model)' : '';
		return { label: ROLE_LABELS[role], description: `${model}${follows} · ${formatModelPrice(model, prices)}`, role };
	});
}

/**
 * The second pick: every priced model with its price and the role's default named. The current model comes first and
 * marked, so Enter keeps it, and it is listed even when the table does not know it (an unpriced custom model is never
 * hidden); the rest keep the table's order.
 */
export function modelItems(role: ModelRole, config: AssistantConfig, prices: PriceLookup = PRICING_TABLE): ModelItem[] {
	const current = modelFor(config, role);
	const fallback = defaultModelFor(role);
	const known = prices.models().find((m) => m === normalizeModelId(current));
	const first = known ?? current;
	return [first, ...prices.models().filter((m) => m !== first)].map((model) => {
		const isCurrent = model === first;
		const marks = [isCurrent ? 'current' : '', model === fallback ? 'default' : ''].filter(Boolean);
		return { label: model, description: [formatModelPrice(model, prices), ...marks].join(' · '), model, current: isCurrent };
	});
}

/** The setting a role's model lives in, as a user would find it in settings.json. */
export function settingKeyFor(role: ModelRole): string {
	return role === 'chat' ? 'claudeAssistant.model' : `claudeAssistant.commandModels.${role}`;
}

/**
 * The writes that make `model` the role's model. `commandModels` is one object setting, so its entry is merged into the
 * user's existing value (`userCommandModels`) rather than replacing the other roles. Chat writes `model`, and drops a
 * `commandModels.chat` entry that would otherwise keep overriding it.
 */
export function settingWrites(role: ModelRole, model: string, userCommandModels: unknown): SettingWrite[] {
	const existing = typeof userCommandModels === 'object' && userCommandModels !== null && !Array.isArray(userCommandModels)
		? userCommandModels as Record<string, unknown>
		: {};
	if (role !== 'chat') {
		return [{ key: 'commandModels', value: { ...existing, [role]: model } }];
	}
	const writes: SettingWrite[] = [{ key: 'model', value: model }];
	if ('chat' in existing) {
		const rest = { ...existing };
		delete rest.chat;
		writes.push({ key: 'commandModels', value: Object.keys(rest).length > 0 ? rest : undefined });
	}
	return writes;
}
