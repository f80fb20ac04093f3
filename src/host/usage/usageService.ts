import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chatSession';
import { UsageLedger, type DayTotals } from '../../core/usage';
import type { JsonFileStore } from '../jsonFileStore';
import { Disposable } from '../lifecycle';

/**
 * Usage of every request, fed by the session. Keeps the ledger, persists today's totals across reloads (numbers only;
 * never prompts or keys) and fires onDidChange so the status bar updates from events, not polling.
 */
export class UsageService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private _ledger: UsageLedger;
	private streaming = false;
	/** Resolves once today's stored totals are loaded. */
	readonly ready: Promise<void>;

	constructor(private readonly file: JsonFileStore, session: ChatSession, private readonly now: () => number = Date.now) {
		super();
		this._ledger = new UsageLedger({ now });
		this.ready = file.read().then((stored) => {
			if (stored && this._ledger.session.requests === 0) {
				this._ledger = new UsageLedger({ now: this.now, initialDay: stored as DayTotals });
				this._onDidChange.fire();
			}
		});
		const unsubscribe = session.onEvent((e) => {
			if (e.type === 'usage') {
				this._ledger.record({ model: e.usage.model, usage: e.usage.usage, command: e.usage.command, requestId: e.usage.requestId });
				void this.file.write(this._ledger.toDayTotals());
				this._onDidChange.fire();
			} else if (e.type === 'started' || e.type === 'done' || e.type === 'error') {
				this.streaming = session.busy;
				this._onDidChange.fire();
			}
		});
		this._register({ dispose: unsubscribe });
	}

	/** Where today's totals are stored. */
	get storageFile(): vscode.Uri {
		return this.file.uri;
	}

	get ledger(): UsageLedger {
		return this._ledger;
	}

	/** True while an answer streams (the status bar shows a spinner). */
	get isStreaming(): boolean {
		return this.streaming;
	}
}
