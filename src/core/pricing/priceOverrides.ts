import type { ModelPrice, PriceRates } from './pricing';

/** What a user may write in `claudeAssistant.pricing`: $/MTok per model; cache prices default from input. */
export type PriceOverrideSetting = Record<string, Partial<PriceRates>>;

function rate(v: unknown): number | undefined {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * Turns the setting into validated prices. An entry for a listed model may change only some rates (the rest stay);
 * a new model needs at least input and output, and its cache rates default to the standard multipliers
 * (1.25× / 2× / 0.1× input). Invalid entries are reported, not half-applied.
 */
export function parsePriceOverrides(raw: unknown, base: (model: string) => ModelPrice | undefined): { prices: Record<string, ModelPrice>; errors: string[] } {
	const prices: Record<string, ModelPrice> = {};
	const errors: string[] = [];
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return { prices, errors: raw === undefined ? [] : ['claudeAssistant.pricing must be an object of model → prices'] };
	}
	for (const [model, value] of Object.entries(raw as Record<string, unknown>)) {
		const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
		const known = base(model);
		const input = rate(v.input) ?? known?.input;
		const output = rate(v.output) ?? known?.output;
		const bad = Object.entries(v).filter(([k, x]) => !['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'].includes(k) || rate(x) === undefined);
		if (input === undefined || output === undefined || bad.length > 0) {
			errors.push(`${model}: ${bad.length > 0 ? `invalid ${bad.map(([k]) => k).join(', ')}` : 'needs input and output prices'}`);
			continue;
		}
		const defaults = known && rate(v.input) === undefined ? known : { cacheWrite5m: input * 1.25, cacheWrite1h: input * 2, cacheRead: input * 0.1 };
		prices[model.trim().toLowerCase().replace(/-\d{8}$/, '')] = {
			...known,
			input,
			output,
			cacheWrite5m: rate(v.cacheWrite5m) ?? defaults.cacheWrite5m,
			cacheWrite1h: rate(v.cacheWrite1h) ?? defaults.cacheWrite1h,
			cacheRead: rate(v.cacheRead) ?? defaults.cacheRead,
			longContext: undefined,
			note: 'from the claudeAssistant.pricing setting',
		};
	}
	return { prices, errors };
}
