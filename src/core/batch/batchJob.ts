import type { BatchAction, BatchEstimate } from './batchRequests';
import { formatBatchUsd, type BatchSummary } from './batchResults';

/**
 * A batch job as the extension keeps it on disk between windows: what was sent (the API's batch ids, which file each
 * custom_id stands for), where each batch stands, and once it has ended, what came of it. One job may span several
 * API batches (split at the API's limits); it ends when they all have.
 */
export interface BatchJob {
	version: typeof BATCH_JOB_VERSION;
	/** Our own id, also the job file's name. */
	id: string;
	action: BatchAction;
	/** The action's title ("Summarize", "Review", a custom action's title). */
	title: string;
	/** The usage ledger's command name for its results (batchSummarize, batchReview, batchCustomAction). */
	command: string;
	model: string;
	maxTokens: number;
	/** Epoch ms of the submission. */
	createdAt: number;
	/** custom_id → the file: its path as shown (relative to the workspace) and its URI, for links and Run Again. */
	files: Record<string, { path: string; uri: string }>;
	/** Files left out before submitting (binary, empty, too large, unreadable), each with why. */
	skipped: Array<{ path: string; reason: string }>;
	estimate: BatchEstimate;
	batches: BatchRun[];
	/** `running` until every batch has ended; `reading` while results are read; `done` once reported. */
	state: 'running' | 'reading' | 'done';
	/** The last poll's failure, shown until a poll succeeds (the job keeps being polled). */
	lastError?: string;
	/** Set when the results have been read and reported. */
	result?: BatchJobResult;
}

export const BATCH_JOB_VERSION = 1;

/** One API batch of a job, as last retrieved. */
export interface BatchRun {
	id: string;
	status: 'in_progress' | 'canceling' | 'ended';
	counts: BatchCounts;
}

/** The API's request_counts. */
export interface BatchCounts {
	processing: number;
	succeeded: number;
	errored: number;
	canceled: number;
	expired: number;
}

export interface BatchJobResult {
	summary: BatchSummary;
	/** The report's URI. */
	report: string;
	/** custom_ids of the files not done (errored, canceled, expired): what Run Again sends. */
	notDone: string[];
	/** Epoch ms when the results were read. */
	endedAt: number;
}

/** The ledger's command name for a job's results: per action, never a custom action's own words (the ledger keeps no prompts). */
export function batchCommandName(action: BatchAction): string {
	return action.kind === 'summarize' ? 'batchSummarize' : action.kind === 'review' ? 'batchReview' : 'batchCustomAction';
}

/** A job read back from disk, or undefined when it is not one (another version, damaged, hand-edited). */
export function parseBatchJob(value: unknown): BatchJob | undefined {
	const v = value as Partial<BatchJob> | null;
	const isObject = (o: unknown): o is Record<string, unknown> => typeof o === 'object' && o !== null && !Array.isArray(o);
	if (!isObject(v) || v.version !== BATCH_JOB_VERSION || typeof v.id !== 'string' || !/^[\w-]+$/.test(v.id)
		|| typeof v.title !== 'string' || typeof v.command !== 'string' || typeof v.model !== 'string'
		|| typeof v.maxTokens !== 'number' || typeof v.createdAt !== 'number' || !isObject(v.action)
		|| !isObject(v.files) || !Array.isArray(v.skipped) || !isObject(v.estimate) || !Array.isArray(v.batches)
		|| !['running', 'reading', 'done'].includes(v.state as string)) {
		return undefined;
	}
	const runsOk = v.batches.every((b) => isObject(b) && typeof b.id === 'string' && ['in_progress', 'canceling', 'ended'].includes(b.status as string) && isObject(b.counts));
	const filesOk = Object.values(v.files).every((f) => isObject(f) && typeof f.path === 'string' && typeof f.uri === 'string');
	return runsOk && filesOk && v.batches.length > 0 ? (v as BatchJob) : undefined;
}

/** The job's counts over all of its batches. */
export function jobCounts(job: BatchJob): BatchCounts {
	const sum: BatchCounts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
	for (const b of job.batches) {
		for (const k of Object.keys(sum) as Array<keyof BatchCounts>) {
			sum[k] += b.counts[k];
		}
	}
	return sum;
}

/** Whether every batch of the job has ended (results can be read). */
export function allEnded(job: BatchJob): boolean {
	return job.batches.every((b) => b.status === 'ended');
}

/** A job whose batches still run: polled, and counted against the budgets at its estimate's upper bound. */
export function isPending(job: BatchJob): boolean {
	return job.state !== 'done';
}

/**
 * How long to wait before the next look at a job's batches: 5 s after submitting, then half again as long each time
 * nothing changed, up to 5 minutes (a batch usually ends within an hour, and at most in 24). A change starts over.
 */
export function nextPollDelayMs(unchangedPolls: number): number {
	return Math.min(5_000 * 1.5 ** Math.max(0, unchangedPolls), 5 * 60_000);
}

/** "3 min", "2 h", "1 d": how long ago, for the Batches view. */
export function formatAge(ms: number): string {
	const s = Math.max(0, Math.round(ms / 1000));
	if (s < 60) {
		return `${s} s`;
	}
	if (s < 3600) {
		return `${Math.round(s / 60)} min`;
	}
	return s < 86_400 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86_400)} d`;
}

/** What the Batches view shows for a job: its label, a one-line status and a tooltip with the money. */
export function describeJob(job: BatchJob, now: number): { label: string; description: string; tooltip: string } {
	const files = Object.keys(job.files).length;
	const c = jobCounts(job);
	const age = formatAge(now - job.createdAt);
	const est = job.estimate.batchUsd ? `est. ${formatBatchUsd(job.estimate.batchUsd.input)}–${formatBatchUsd(job.estimate.batchUsd.upTo)}` : 'no price known';
	let status: string;
	if (job.result) {
		const s = job.result.summary;
		status = `${s.succeeded} done${s.errored + s.canceled + s.expired > 0 ? `, ${s.errored + s.canceled + s.expired} not done` : ''} · ${formatBatchUsd(s.batchUsd)} (saved ${formatBatchUsd(s.interactiveUsd - s.batchUsd)})`;
	} else if (job.state === 'reading') {
		status = 'reading results…';
	} else {
		const done = c.succeeded + c.errored + c.canceled + c.expired;
		const phase = job.batches.some((b) => b.status === 'canceling') ? 'canceling' : 'in progress';
		status = `${phase} · ${done}/${files} · ${est}`;
	}
	const lines = [
		`${job.title}: ${files} file${files === 1 ? '' : 's'} on ${job.model}, submitted ${age} ago`,
		`Batch ${job.batches.map((b) => b.id).join(', ')}`,
		`Estimate: ${job.estimate.inputTokens.toLocaleString('en-US')} input tokens; ${est} at the batch price`
			+ (job.estimate.interactiveUsd ? ` (interactive ${formatBatchUsd(job.estimate.interactiveUsd.input)}–${formatBatchUsd(job.estimate.interactiveUsd.upTo)})` : ''),
	];
	if (job.result) {
		lines.push(`Billed ${formatBatchUsd(job.result.summary.batchUsd)}; interactively ${formatBatchUsd(job.result.summary.interactiveUsd)}`);
	}
	if (job.skipped.length > 0) {
		lines.push(`Skipped ${job.skipped.length}: ${job.skipped.slice(0, 5).map((s) => s.path).join(', ')}${job.skipped.length > 5 ? ', …' : ''}`);
	}
	if (job.lastError) {
		lines.push(`Last check failed: ${job.lastError}`);
	}
	return { label: `${job.title} · ${files} file${files === 1 ? '' : 's'}`, description: `${status} · ${age}`, tooltip: lines.join('\n') };
}
