import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import * as vscode from 'vscode';
import type { Connection, Connector } from '../../core/anthropic/connect';
import { briefMessage } from '../../core/anthropic/errors';
import { allEnded, BATCH_JOB_VERSION, batchCommandName, isPending, nextPollDelayMs, type BatchJob, type BatchRun } from '../../core/batch/batchJob';
import { batchActionTitle, type BatchAction, type BatchEstimate, type BatchPlan } from '../../core/batch/batchRequests';
import { batchItem, batchLedgerLine, BatchReport, formatBatchUsd } from '../../core/batch/batchResults';
import { inlineCode } from '../../core/prompts/prompts';
import type { LedgerLine } from '../../core/usage/usageLedgerLine';
import { Disposable } from '../lifecycle';
import type { OutputChannelLogger } from '../logger';
import type { UsageLedgerFile } from '../usage/usageLedgerFile';
import { announceBatchEnd } from './batchAnnouncement';
import type { BatchJobStore } from './batchJobStore';

/** What the Batch command hands over once the user has confirmed: the plan and, in the plan's order, each file's URI. */
export interface BatchSubmission {
	action: BatchAction;
	model: string;
	maxTokens: number;
	plan: BatchPlan;
	estimate: BatchEstimate;
	/** The URI of every file planned, by custom_id. */
	uris: Record<string, string>;
	skipped: Array<{ path: string; reason: string }>;
}

export interface BatchServiceDeps {
	connect: Connector;
	store: BatchJobStore;
	ledger: UsageLedgerFile;
	logger: OutputChannelLogger;
	now?: () => number;
}

/** A window that crashed while reading a job's results leaves its claim; after this long another window takes over. */
const STALE_CLAIM_MS = 10 * 60_000;

/**
 * Batch jobs from submission to report (docs/anthropic-api.md, Message Batches): submits through the SDK's batches
 * client, keeps every job on disk, looks at running batches with a growing delay (not while the window is in the
 * background: the next look waits for focus), reads the results as the SDK streams them into a Markdown report and
 * the usage ledger (at the batch price, under the job's own command), and says when a job has ended. Jobs are shared
 * by every window; the window that claims a job's results (a lock file next to it) is the only one that reads them.
 */
export class BatchService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** Fires when a job was added, changed or removed (also after every look, so ages stay current). */
	readonly onDidChange = this._onDidChange.event;
	private readonly jobs = new Map<string, BatchJob>();
	private timer: ReturnType<typeof setTimeout> | undefined;
	/** Looks in a row that found nothing new: the next one waits longer (see nextPollDelayMs). */
	private unchangedPolls = 0;
	/** A look came due while the window was in the background: it runs when the window gets focus. */
	private pollDue = false;
	private polling: Promise<void> | undefined;
	private readonly now: () => number;
	/** The jobs on disk have been read (see {@link start}). */
	private loaded: Promise<void> | undefined;

	constructor(private readonly deps: BatchServiceDeps) {
		super();
		this.now = deps.now ?? Date.now;
		this._register({ dispose: () => clearTimeout(this.timer) });
		this._register(vscode.window.onDidChangeWindowState((s) => {
			if (s.focused && this.pollDue) {
				void this.refresh();
			}
		}));
	}

	/**
	 * Reads the jobs kept on disk and goes on polling those still running: a job submitted before a reload or a restart
	 * resumes here. Separate from the constructor so that activation reads no files.
	 */
	start(): Promise<void> {
		this.loaded ??= this.reload().then(() => {
			this.schedule();
			this._onDidChange.fire();
		});
		return this.loaded;
	}

	/** Every job, newest first. */
	list(): BatchJob[] {
		return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
	}

	get(id: string): BatchJob | undefined {
		return this.jobs.get(id);
	}

	/** The most the jobs still running could cost (their estimates' upper bounds): counted by the budget check. */
	pendingUpToUsd(): number {
		return this.list().filter(isPending).reduce((sum, j) => sum + (j.estimate.batchUsd?.upTo ?? 0), 0);
	}

	/**
	 * Creates the plan's batches (one per part) and keeps the job. The first create that fails stops here with the
	 * reason and nothing kept; a later part that fails leaves its files out of the job, listed with the reason. A create
	 * is never retried by the SDK: one that timed out may have been created, and a second would be paid twice.
	 */
	async submit(s: BatchSubmission): Promise<{ job: BatchJob } | { error: string }> {
		const connected = await this.deps.connect({ maxRetries: 0 });
		if (!connected.ok) {
			return { error: connected.message };
		}
		const { client, sdk, apiKey } = connected.connection;
		const batches: BatchRun[] = [];
		const skipped = [...s.skipped];
		const files: BatchJob['files'] = {};
		for (const part of s.plan.parts) {
			try {
				const b = await client.messages.batches.create({ requests: part.requests });
				batches.push({ id: b.id, status: b.processing_status, counts: { ...b.request_counts } });
				for (const r of part.requests) {
					files[r.custom_id] = { path: s.plan.paths[r.custom_id], uri: s.uris[r.custom_id] };
				}
			} catch (err) {
				const reason = briefMessage(err, sdk, apiKey);
				this.deps.logger.error('batch', `create failed (${part.requests.length} requests): ${reason}`);
				if (batches.length === 0) {
					return { error: `The batch was not submitted: ${reason}` };
				}
				skipped.push(...part.requests.map((r) => ({ path: s.plan.paths[r.custom_id], reason: `not submitted: ${reason}` })));
			}
		}
		skipped.push(...s.plan.tooLarge.map((path) => ({ path, reason: 'too large for one batch request' })));
		const job: BatchJob = {
			version: BATCH_JOB_VERSION,
			id: `${this.now().toString(36)}-${randomUUID().slice(0, 8)}`,
			action: s.action,
			title: batchActionTitle(s.action),
			command: batchCommandName(s.action),
			model: s.model,
			maxTokens: s.maxTokens,
			createdAt: this.now(),
			files,
			skipped,
			estimate: s.estimate,
			batches,
			state: 'running',
		};
		this.jobs.set(job.id, job);
		await this.deps.store.write(job);
		this.deps.logger.info('batch', `submitted ${job.id}: ${Object.keys(files).length} requests in ${batches.map((b) => b.id).join(', ')}`);
		this._onDidChange.fire();
		this.unchangedPolls = 0;
		this.schedule();
		return { job };
	}

	/** Looks at every running job now (the view's Refresh, and the timer); resolves when the look is over. */
	refresh(): Promise<void> {
		this.polling ??= this.poll().finally(() => {
			this.polling = undefined;
			this.schedule();
			this._onDidChange.fire();
		});
		return this.polling;
	}

	/** Asks the API to cancel the job's batches that have not ended; what was already answered is still reported. */
	async cancel(id: string): Promise<string | undefined> {
		const job = this.jobs.get(id);
		if (!job || job.state !== 'running') {
			return undefined;
		}
		const connected = await this.deps.connect();
		if (!connected.ok) {
			return connected.message;
		}
		const { client, sdk, apiKey } = connected.connection;
		try {
			for (const run of job.batches.filter((b) => b.status === 'in_progress')) {
				const b = await client.messages.batches.cancel(run.id);
				Object.assign(run, { status: b.processing_status, counts: { ...b.request_counts } });
			}
		} catch (err) {
			return `Could not cancel: ${briefMessage(err, sdk, apiKey)}`;
		} finally {
			await this.deps.store.write(job);
			this._onDidChange.fire();
		}
		this.unchangedPolls = 0;
		this.schedule();
		return undefined;
	}

	/**
	 * Forgets a job: its file and its report (the ledger keeps its usage). A running job's batches go on at Anthropic
	 * and are billed; the command asks first. For a job whose batches the API no longer knows, this is the way out.
	 */
	async remove(id: string): Promise<void> {
		const job = this.jobs.get(id);
		if (job) {
			this.jobs.delete(id);
			await this.deps.store.delete(job);
			this._onDidChange.fire();
		}
	}

	private async reload(): Promise<void> {
		for (const job of await this.deps.store.readAll()) {
			this.jobs.set(job.id, job);
		}
	}

	private schedule(): void {
		clearTimeout(this.timer);
		if (!this.list().some(isPending)) {
			return;
		}
		this.timer = setTimeout(() => {
			if (!vscode.window.state.focused) {
				this.pollDue = true;
				return;
			}
			void this.refresh();
		}, nextPollDelayMs(this.unchangedPolls));
	}

	private async poll(): Promise<void> {
		clearTimeout(this.timer);
		this.pollDue = false;
		await this.reload(); // what other windows submitted or finished
		const pending = this.list().filter(isPending);
		if (pending.length === 0) {
			return;
		}
		const connected = await this.deps.connect();
		if (!connected.ok) {
			pending.forEach((job) => { job.lastError = connected.message; });
			this.unchangedPolls++;
			return;
		}
		let changed = false;
		for (const job of pending) {
			if (job.state === 'running') {
				changed = (await this.check(job, connected.connection)) || changed;
			}
			if (allEnded(job)) {
				await this.readResults(job, connected.connection);
				changed = true;
			}
		}
		this.unchangedPolls = changed ? 0 : this.unchangedPolls + 1;
	}

	/** Retrieves the job's batches that have not ended; whether anything changed. */
	private async check(job: BatchJob, { client, sdk, apiKey }: Connection): Promise<boolean> {
		let changed = false;
		try {
			for (const run of job.batches.filter((b) => b.status !== 'ended')) {
				const b = await client.messages.batches.retrieve(run.id);
				const next = { status: b.processing_status, counts: { ...b.request_counts } };
				if (JSON.stringify(next) !== JSON.stringify({ status: run.status, counts: run.counts })) {
					Object.assign(run, next);
					changed = true;
				}
			}
			changed ||= job.lastError !== undefined;
			delete job.lastError;
		} catch (err) {
			job.lastError = briefMessage(err, sdk, apiKey);
			this.deps.logger.warn('batch', `checking ${job.id} failed: ${job.lastError}`);
		}
		if (changed || job.lastError) {
			await this.deps.store.write(job);
		}
		return changed;
	}

	/**
	 * Reads an ended job's results line by line as the SDK streams them: each succeeded answer's section goes straight
	 * to disk, so only the totals and the list of files not done stay in memory. Then the report (head, sections, what
	 * was not done or skipped), the ledger lines, the notification.
	 */
	private async readResults(job: BatchJob, connection: Connection): Promise<void> {
		const claim = await this.claim(job);
		if (!claim) {
			return; // another window is reading them
		}
		const reportUri = this.deps.store.reportUri(job.id);
		const bodyPath = `${reportUri.fsPath}.part`;
		try {
			job.state = 'reading';
			await this.deps.store.write(job);
			this._onDidChange.fire();
			const uriOf = new Map(Object.values(job.files).map((f) => [f.path, f.uri]));
			const report = new BatchReport({ title: job.title, batchIds: job.batches.map((b) => b.id), link: (path) => uriOf.get(path) ?? path });
			const paths = Object.fromEntries(Object.entries(job.files).map(([id, f]) => [id, f.path]));
			const lines: LedgerLine[] = [];
			const body = await fsp.open(bodyPath, 'w');
			try {
				for (const run of job.batches) {
					for await (const line of await connection.client.messages.batches.results(run.id)) {
						const item = batchItem(line, paths);
						if (!item) {
							continue;
						}
						const section = report.add(item);
						if (section) {
							await body.write(section);
						}
						if (item.kind === 'succeeded') {
							lines.push(batchLedgerLine(item, { command: job.command, now: this.now() }));
						}
					}
				}
			} finally {
				await body.close();
			}
			await writeReport(reportUri.fsPath, report.head(), bodyPath, report.tail() + skippedList(job));
			await this.deps.ledger.appendLines(lines);
			job.result = { summary: report.summary, report: reportUri.toString(), notDone: report.notDone.map((i) => i.customId), endedAt: this.now() };
			job.state = 'done';
			delete job.lastError;
			await this.deps.store.write(job);
			this.deps.logger.info('batch', `${job.id} ended: ${lines.length} answers, billed ${formatBatchUsd(report.summary.batchUsd)}`);
			await announceBatchEnd(job, this.deps.logger);
		} catch (err) {
			job.state = 'running'; // read again at the next look
			job.lastError = `Reading the results failed: ${briefMessage(err, connection.sdk, connection.apiKey)}`;
			this.deps.logger.error('batch', `${job.id}: ${job.lastError}`);
			await this.deps.store.write(job);
		} finally {
			await fsp.rm(bodyPath, { force: true });
			await claim.release();
		}
	}

	/** Takes the job's results for this window (an exclusive lock file); undefined when another window has them. */
	private async claim(job: BatchJob): Promise<{ release(): Promise<void> } | undefined> {
		const lock = `${this.deps.store.reportUri(job.id).fsPath}.lock`;
		await fsp.mkdir(this.deps.store.folder.fsPath, { recursive: true });
		const take = async () => (await fsp.open(lock, 'wx')).close();
		try {
			await take();
		} catch {
			const age = await fsp.stat(lock).then((s) => this.now() - s.mtimeMs, () => 0);
			if (age < STALE_CLAIM_MS) {
				return undefined;
			}
			await fsp.rm(lock, { force: true });
			try {
				await take();
			} catch {
				return undefined;
			}
		}
		return { release: () => fsp.rm(lock, { force: true }) };
	}

}

/** The report file: the head, then the sections as they were written, then the tail, without reading the sections into memory. */
async function writeReport(path: string, head: string, bodyPath: string, tail: string): Promise<void> {
	await fsp.writeFile(path, head, 'utf8');
	await pipeline(createReadStream(bodyPath), createWriteStream(path, { flags: 'a' }));
	await fsp.appendFile(path, tail, 'utf8');
}

/** The files left out before submitting, for the end of the report. */
function skippedList(job: BatchJob): string {
	if (job.skipped.length === 0) {
		return '';
	}
	return `\n## Skipped before sending\n\n${job.skipped.map((s) => `- ${inlineCode(s.path)}: ${s.reason}`).join('\n')}\n`;
}
