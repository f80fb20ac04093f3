import * as vscode from 'vscode';
import { describeJob, type BatchJob } from '../../core/batch/batchJob';
import { CommandId } from '../commands/ids';
import { Disposable } from '../lifecycle';
import type { BatchService } from './batchService';

/**
 * The "Batches" view in the Claude container: one row per job, newest first, with its status, progress, age and money
 * (estimated while it runs, billed once it has ended). Its `contextValue` decides the row's actions in package.json:
 * `batch.running` (Cancel), `batch.done` (Open Report, Remove) and `batch.done.notDone` (also Run These Again).
 */
export class BatchView extends Disposable implements vscode.TreeDataProvider<BatchJob> {
	static readonly viewId = 'claudeAssistant.batches';
	private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<void>());
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

	constructor(private readonly batches: BatchService, private readonly now: () => number = Date.now) {
		super();
		this._register(batches.onDidChange(() => this._onDidChangeTreeData.fire()));
	}

	getChildren(element?: BatchJob): BatchJob[] {
		return element ? [] : this.batches.list();
	}

	getTreeItem(job: BatchJob): vscode.TreeItem {
		const { label, description, tooltip } = describeJob(job, this.now());
		const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
		item.id = job.id;
		item.description = description;
		item.tooltip = tooltip;
		const notDone = (job.result?.notDone.length ?? 0) > 0;
		if (job.state === 'done') {
			item.contextValue = notDone ? 'batch.done.notDone' : 'batch.done';
			item.iconPath = new vscode.ThemeIcon(notDone ? 'warning' : 'pass');
			item.command = { command: CommandId.batchOpenReport, title: 'Open Report', arguments: [job] };
		} else {
			item.contextValue = 'batch.running';
			item.iconPath = new vscode.ThemeIcon(job.lastError ? 'error' : 'sync~spin');
		}
		return item;
	}
}
