import type { TokenUsage } from '../../shared/protocol';
import { costUsd, promptTokens, TOKEN_KINDS, type UsageCost } from '../pricing/pricing';
import type { ModelTotals, Totals, UsageRecord } from './usage';
import { formatTokens, formatUsd } from '../../shared/numberFormat';
import { storedKeySourceNote, type KeyPersistence, type KeySource } from '../settings/keyPersistence';

export { formatTokens, formatUsd } from '../../shared/numberFormat';

/**
 * A cost as shown anywhere (status bar, tooltip, quick pick): exact, a lower bound (`$0.004+`) when some models of a
 * total have no price, or `cost unknown`, so an unpriced model never reads as free.
 */
export function costLabel(x: Totals | ModelTotals | UsageRecord): string {
	if (!('unknownCostModels' in x)) {
		return x.costUsd === undefined ? 'cost unknown' : formatUsd(x.costUsd);
	}
	if (x.unknownCostModels.length === 0) {
		return formatUsd(x.costUsd);
	}
	return x.byModel.some((m) => m.costUsd !== undefined) ? `${formatUsd(x.costUsd)}+` : 'cost unknown';
}

/**
 * Status bar text: last request's prompt tokens (↑, cache writes and reads included since they are billed)
 * and output (↓), then the SESSION cost, which is what a user watching spend cares about. A spinner while streaming.
 */
export function statusBarText(last: UsageRecord | undefined, session: Totals, opts: { streaming: boolean }): string {
	const icon = opts.streaming ? '$(sync~spin)' : '$(sparkle)';
	if (!last) {
		return `${icon} Claude`;
	}
	return `${icon} ${formatTokens(promptTokens(last.usage))}↑ ${formatTokens(last.usage.output)}↓ · ${costLabel(session)}`;
}

/** Everything the usage tooltip shows; the key itself is deliberately not part of it. */
export interface UsageTooltipState {
	last?: UsageRecord;
	session: Totals;
	today: Totals;
	/** Which key is billed (the offline demo's key shows as none). */
	keySource: Exclude<KeySource, 'demo'>;
	/** Where a key in SecretStorage lives; outside desktop VS Code the key-source line says it may not last. */
	keyStore?: KeyPersistence;
	demoMode?: boolean;
	pricingAsOf: string;
}

const KIND_LABELS: Record<keyof TokenUsage, string> = {
	input: 'Input',
	output: 'Output',
	cacheWrite5m: 'Cache write 5m',
	cacheWrite1h: 'Cache write 1h',
	cacheRead: 'Cache read',
};

const KEY_SOURCE_TEXT: Record<Exclude<KeySource, 'demo'>, string> = {
	secretStorage: 'API key: SecretStorage',
	environment: 'API key: ANTHROPIC_API_KEY environment variable',
	none: 'No API key',
};

/** Escapes text from outside (model ids, command names) so it cannot change the markdown or table layout. */
function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+!|<>$~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

function formatCount(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

function kindTable(tokens: TokenUsage, cost: UsageCost | undefined, partial: boolean): string[] {
	const costCell = (x: number | undefined): string => (x === undefined ? 'unknown' : `${formatUsd(x)}${partial ? '+' : ''}`);
	const rows = ['| | Tokens | Cost |', '|---|---:|---:|'];
	let totalTokens = 0;
	let totalCost = 0;
	for (const kind of TOKEN_KINDS) {
		totalTokens += tokens[kind];
		totalCost += cost ? cost[kind] : 0;
		rows.push(`| ${KIND_LABELS[kind]} | ${formatCount(tokens[kind])} | ${costCell(cost?.[kind])} |`);
	}
	rows.push(`| **Total** | **${formatCount(totalTokens)}** | **${costCell(cost ? totalCost : undefined)}** |`);
	return rows;
}

function modelTable(models: readonly ModelTotals[]): string[] {
	const rows = ['| Model | Requests | Input (incl. cache) | Output | Cost |', '|---|---:|---:|---:|---:|'];
	for (const m of models) {
		rows.push(`| ${escapeMarkdown(m.model)} | ${formatCount(m.requests)} | ${formatCount(promptTokens(m.usage))} | ${formatCount(m.usage.output)} | ${costLabel(m)} |`);
	}
	return rows;
}

/**
 * What prompt caching did for a total: the share of prompt tokens read from the cache, and the dollars saved against
 * the same requests sent uncached (every cache read and write billed as plain input). Models without a price are
 * left out of the savings rather than guessed.
 */
export function cacheSavings(t: Pick<Totals, 'byModel'>): { hitRate: number; savedUsd: number } {
	let prompt = 0;
	let read = 0;
	let saved = 0;
	for (const m of t.byModel) {
		const u = m.usage;
		prompt += promptTokens(u);
		read += u.cacheRead;
		const uncached = costUsd(m.model, { ...u, input: promptTokens(u), cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 });
		const actual = costUsd(m.model, u);
		if (uncached !== undefined && actual !== undefined) {
			saved += uncached - actual;
		}
	}
	return { hitRate: prompt > 0 ? read / prompt : 0, savedUsd: saved };
}

function totalsSection(title: string, t: Totals): string[] {
	if (t.requests === 0) {
		return [`**${title}**: no requests yet`];
	}
	const anyKnown = t.byModel.some((m) => m.costUsd !== undefined);
	const partial = t.unknownCostModels.length > 0;
	const lines = [
		`**${title}** · ${formatCount(t.requests)} request${t.requests === 1 ? '' : 's'} · ${costLabel(t)}`,
		'',
		...kindTable(t.usage, anyKnown ? t.cost : undefined, partial),
		'',
		...modelTable(t.byModel),
	];
	const cache = cacheSavings(t);
	if (cache.hitRate > 0 || t.usage.cacheWrite5m + t.usage.cacheWrite1h > 0) {
		const verdict = cache.savedUsd >= 0 ? `saved ${formatUsd(cache.savedUsd)}` : `cost ${formatUsd(-cache.savedUsd)} extra so far (writes pay off on later reads)`;
		lines.push('', `Prompt cache: ${(cache.hitRate * 100).toFixed(0)}% of prompt tokens read from the cache; ${verdict} against the same requests uncached.`);
	}
	if (partial) {
		lines.push('', `No price known for: ${t.unknownCostModels.map(escapeMarkdown).join(', ')} (their cost is not included).`);
	}
	return lines;
}

/**
 * Markdown for the status bar tooltip: token kinds with cost for the last request, the session and today, a
 * per-model breakdown, where the key comes from (never the key) and how old the prices are.
 */
export function usageTooltipMarkdown(state: UsageTooltipState): string {
	const lines: string[] = ['**Claude usage**', ''];
	if (state.demoMode) {
		lines.push('Offline demo: no requests reach the Anthropic API.', '');
	}
	if (state.last) {
		const l = state.last;
		lines.push(
			`**Last request** · ${escapeMarkdown(l.model)} · ${escapeMarkdown(l.command)}${l.batch ? ' · batch' : ''} · ${costLabel(l)}`,
			'',
			...kindTable(l.usage, l.cost, false),
			'',
		);
	} else {
		lines.push('**Last request**: none yet', '');
	}
	lines.push(...totalsSection('Session', state.session), '', ...totalsSection('Today', state.today), '', '---', '');
	const storeNote = state.keySource === 'secretStorage' && state.keyStore ? storedKeySourceNote(state.keyStore) : undefined;
	lines.push(storeNote ? `${KEY_SOURCE_TEXT.secretStorage}, ${escapeMarkdown(storeNote)}` : KEY_SOURCE_TEXT[state.keySource], '');
	lines.push(`Estimated from list prices as of ${escapeMarkdown(state.pricingAsOf)}; your invoice is authoritative.`);
	return lines.join('\n');
}
