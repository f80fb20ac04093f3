import type { MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches';
import type { TokenUsage } from '../../shared/protocol';
import { costBreakdownUsd, costUsd, fromApiUsage, sumCost } from '../pricing/pricing';
import { inlineCode } from '../prompts/prompts';
import { toLedgerLine, type LedgerLine } from '../usage/usageLedgerLine';

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

export function emptyBatchSummary(): BatchSummary {
	return { succeeded: 0, errored: 0, canceled: 0, expired: 0, batchUsd: 0, interactiveUsd: 0, unknownPriceModels: [] };
}

/** Adds one item to the running totals. */
export function addToSummary(s: BatchSummary, item: BatchItem): void {
	s[item.kind]++;
	if (item.kind !== 'succeeded') {
		return;
	}
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

export function summarizeBatch(items: readonly BatchItem[]): BatchSummary {
	const s = emptyBatchSummary();
	items.forEach((item) => addToSummary(s, item));
	return s;
}

/** Dollars as the report and the Batches view show them: cents from $1, four decimals below, two digits below a cent. */
export function formatBatchUsd(n: number): string {
	if (n === 0 || n >= 1) {
		return `$${n.toFixed(2)}`;
	}
	return `$${n < 0.01 ? n.toPrecision(2) : n.toFixed(4)}`;
}

/**
 * The Markdown report, built as the results stream in, so thousands of answers never sit in memory together: {@link add}
 * returns a succeeded file's section (the caller writes it out at once) and keeps only the totals and the short list of
 * files not done; {@link head} and {@link tail} are written around the sections once every line has been read.
 */
export class BatchReport {
	readonly summary = emptyBatchSummary();
	/** Files not done (errored, canceled, expired), each with why: the report's last list and what "Run these again" runs. */
	readonly notDone: Array<Exclude<BatchItem, { kind: 'succeeded' }>> = [];

	constructor(private readonly opts: { title: string; batchIds: readonly string[]; link: (path: string) => string }) {}

	/** Counts the item; the section to write for a succeeded one, '' for one not done (it is listed by {@link tail}). */
	add(item: BatchItem): string {
		addToSummary(this.summary, item);
		if (item.kind !== 'succeeded') {
			this.notDone.push(item);
			return '';
		}
		const lines = ['', `## [${inlineCode(item.path)}](${this.opts.link(item.path)})`, '', item.text.trim()];
		if (item.stopReason === 'max_tokens') {
			lines.push('', '_The answer was cut at max_tokens._');
		}
		return `${lines.join('\n')}\n`;
	}

	/** The title, the counts and the money. */
	head(): string {
		const s = this.summary;
		const files = s.succeeded + s.errored + s.canceled + s.expired;
		const usd = formatBatchUsd;
		return [
			`# ${this.opts.title}: ${files} file${files === 1 ? '' : 's'}`,
			'',
			`${s.succeeded} done, ${s.errored} failed, ${s.canceled} canceled, ${s.expired} expired. Batch ${this.opts.batchIds.join(', ')}.`,
			'',
			`Billed ${usd(s.batchUsd)} at the batch price; the same requests one by one would have cost ${usd(s.interactiveUsd)} (saved ${usd(s.interactiveUsd - s.batchUsd)}).`
				+ (s.unknownPriceModels.length ? ` No price known for ${s.unknownPriceModels.join(', ')}: not counted.` : ''),
		].join('\n') + '\n';
	}

	/** The files not done, in path order, each with why; '' when every file was done. */
	tail(): string {
		if (this.notDone.length === 0) {
			return '';
		}
		const lines = ['', '## Not done', ''];
		for (const item of [...this.notDone].sort((a, b) => a.path.localeCompare(b.path))) {
			const why = item.kind === 'errored' ? `failed: ${item.message}` : item.kind;
			lines.push(`- [${inlineCode(item.path)}](${this.opts.link(item.path)}): ${why}`);
		}
		return `${lines.join('\n')}\n`;
	}
}

/**
 * The whole report for items already in memory, sections in path order: a head with the counts and the money, a
 * section per file (linked to it), then the files that were not done, each with why, so they can be run again.
 */
export function batchReportMarkdown(opts: { title: string; batchIds: readonly string[]; items: readonly BatchItem[]; link: (path: string) => string }): string {
	const report = new BatchReport(opts);
	const sections = [...opts.items].sort((a, b) => a.path.localeCompare(b.path)).map((item) => report.add(item)).join('');
	return report.head() + sections + report.tail();
}

/** The ledger line of a succeeded item: its usage at the batch price, under the batch's own command name. */
export function batchLedgerLine(item: Extract<BatchItem, { kind: 'succeeded' }>, opts: { command: string; now: number }): LedgerLine {
	const { cost, costUsd } = batchItemCostBreakdown(item);
	return toLedgerLine({
		apiRequestId: item.apiRequestId, command: opts.command, model: item.model, usage: item.usage,
		stopReason: item.stopReason ?? undefined, cost, costUsd, serviceTier: 'batch',
	}, { now: opts.now });
}
