import type { MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches';
import type { TokenUsage } from '../../shared/protocol';
import { costBreakdownUsd, costUsd, fromApiUsage, sumCost } from '../pricing/pricing';
import { inlineCode } from '../prompts/prompts';

/** What became of one file's request, read from a line of the batch's results. */
export type BatchItem =
	| { path: string; customId: string; kind: 'succeeded'; text: string; model: string; stopReason: string | null; usage: TokenUsage; apiRequestId?: string }
	| { path: string; customId: string; kind: 'errored'; message: string }
	| { path: string; customId: string; kind: 'canceled' | 'expired' };

/** One results line as a {@link BatchItem}; undefined for a custom_id this plan did not send. */
export function batchItem(line: MessageBatchIndividualResponse, paths: Readonly<Record<string, string>>): BatchItem | undefined {
	const path = Object.hasOwn(paths, line.custom_id) ? paths[line.custom_id] : undefined;
	if (path === undefined) {
		return undefined;
	}
	const base = { path, customId: line.custom_id };
	const result = line.result;
	switch (result.type) {
		case 'succeeded': {
			const m = result.message;
			const text = m.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
			return { ...base, kind: 'succeeded', text, model: m.model, stopReason: m.stop_reason, usage: fromApiUsage(m.usage), apiRequestId: m.id };
		}
		case 'errored': {
			const e = result.error.error;
			return { ...base, kind: 'errored', message: `${e.type}: ${e.message}` };
		}
		default:
			return { ...base, kind: result.type };
	}
}

/** A succeeded item's cost at the batch price, next to what the same tokens cost interactively. */
export function batchItemCost(item: Extract<BatchItem, { kind: 'succeeded' }>): { batchUsd?: number; interactiveUsd?: number } {
	return { batchUsd: costUsd(item.model, item.usage, { batch: true }), interactiveUsd: costUsd(item.model, item.usage) };
}

/** The cost of a succeeded item split by token kind at the batch price, for the ledger (undefined: unknown price). */
export function batchItemCostBreakdown(item: Extract<BatchItem, { kind: 'succeeded' }>): { cost: ReturnType<typeof costBreakdownUsd>; costUsd?: number } {
	const cost = costBreakdownUsd(item.model, item.usage, { batch: true });
	return { cost, costUsd: cost ? sumCost(cost) : undefined };
}

/** Totals of a finished batch, for the report's head and the notification. */
export interface BatchSummary {
	succeeded: number;
	errored: number;
	canceled: number;
	expired: number;
	/** What was billed (batch price) and what the same tokens would have cost interactively; known prices only. */
	batchUsd: number;
	interactiveUsd: number;
	unknownPriceModels: string[];
}

export function summarizeBatch(items: readonly BatchItem[]): BatchSummary {
	const s: BatchSummary = { succeeded: 0, errored: 0, canceled: 0, expired: 0, batchUsd: 0, interactiveUsd: 0, unknownPriceModels: [] };
	for (const item of items) {
		s[item.kind]++;
		if (item.kind === 'succeeded') {
			const { batchUsd, interactiveUsd } = batchItemCost(item);
			if (batchUsd === undefined || interactiveUsd === undefined) {
				if (!s.unknownPriceModels.includes(item.model)) {
					s.unknownPriceModels.push(item.model);
				}
			} else {
				s.batchUsd += batchUsd;
				s.interactiveUsd += interactiveUsd;
			}
		}
	}
	return s;
}

/**
 * The Markdown report: a head with the counts and the money, a section per file (linked to it, in path order), then
 * the files that were not done, each with why, so they can be run again.
 */
export function batchReportMarkdown(opts: { title: string; batchIds: readonly string[]; items: readonly BatchItem[]; link: (path: string) => string }): string {
	const items = [...opts.items].sort((a, b) => a.path.localeCompare(b.path));
	const s = summarizeBatch(items);
	const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;
	const lines = [
		`# ${opts.title}: ${items.length} file${items.length === 1 ? '' : 's'}`,
		'',
		`${s.succeeded} done, ${s.errored} failed, ${s.canceled} canceled, ${s.expired} expired. Batch ${opts.batchIds.join(', ')}.`,
		'',
		`Billed ${usd(s.batchUsd)} at the batch price; the same requests one by one would have cost ${usd(s.interactiveUsd)} (saved ${usd(s.interactiveUsd - s.batchUsd)}).`
			+ (s.unknownPriceModels.length ? ` No price known for ${s.unknownPriceModels.join(', ')}: not counted.` : ''),
	];
	for (const item of items.filter((i): i is Extract<BatchItem, { kind: 'succeeded' }> => i.kind === 'succeeded')) {
		lines.push('', `## [${inlineCode(item.path)}](${opts.link(item.path)})`, '', item.text.trim());
		if (item.stopReason === 'max_tokens') {
			lines.push('', '_The answer was cut at max_tokens._');
		}
	}
	const notDone = items.filter((i) => i.kind !== 'succeeded');
	if (notDone.length > 0) {
		lines.push('', '## Not done', '');
		for (const item of notDone) {
			const why = item.kind === 'errored' ? `failed: ${item.message}` : item.kind;
			lines.push(`- [${inlineCode(item.path)}](${opts.link(item.path)}): ${why}`);
		}
	}
	return `${lines.join('\n')}\n`;
}
