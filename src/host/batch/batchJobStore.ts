import * as vscode from 'vscode';
import { parseBatchJob, type BatchJob } from '../../core/batch/batchJob';
import { JsonFileStore } from '../jsonFileStore';

/**
 * Batch jobs on disk, one JSON file per job in `<global storage>/batches/`, next to each job's report: a job survives a
 * window reload or a restart, and every window of this VS Code sees the same jobs. Global, not per workspace, because
 * a batch is paid for once and its results must be read wherever the user is.
 */
export class BatchJobStore {
	private readonly files = new Map<string, JsonFileStore>();

	constructor(readonly folder: vscode.Uri) {}

	/** Every job that reads back as one; a damaged file is left alone and skipped. */
	async readAll(): Promise<BatchJob[]> {
		let entries: Array<[string, vscode.FileType]>;
		try {
			entries = await vscode.workspace.fs.readDirectory(this.folder);
		} catch {
			return []; // no batch yet
		}
		const jobs = await Promise.all(entries
			.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.json'))
			.map(async ([name]) => parseBatchJob(await this.file(name.slice(0, -'.json'.length)).read())));
		return jobs.filter((j): j is BatchJob => j !== undefined);
	}

	write(job: BatchJob): Promise<void> {
		return this.file(job.id).write(job);
	}

	/** Forgets a job: its file and its report. */
	async delete(job: BatchJob): Promise<void> {
		await this.file(job.id).delete();
		await Promise.resolve(vscode.workspace.fs.delete(this.reportUri(job.id), { useTrash: false })).catch(() => undefined);
	}

	/** Where a job's Markdown report is written. */
	reportUri(id: string): vscode.Uri {
		return vscode.Uri.joinPath(this.folder, `${id}.md`);
	}

	private file(id: string): JsonFileStore {
		let f = this.files.get(id);
		if (!f) {
			f = new JsonFileStore(vscode.Uri.joinPath(this.folder, `${id}.json`));
			this.files.set(id, f);
		}
		return f;
	}
}
