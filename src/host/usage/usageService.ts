import * as vscode from 'vscode';
import type { ChatSession } from '../../core/session/chatSession';
import { WindowUsage, type Totals } from '../../core/usage/usage';
import { Disposable } from '../lifecycle';
import type { UsageLedgerFile } from './usageLedgerFile';

/**
 * Usage of every request, fed by the session: this window's last request and session totals in memory, and today's
 * totals (every window) from the usage ledger file. Fires onDidChange so the status bar updates from events, not
 * polling.
 */
export class UsageService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private readonly _thisWindow: WindowUsage;
	private streaming = false;

	constructor(private readonly file: UsageLedgerFile, session: ChatSession, now: () => number = Date.now) {
		super();
		this._thisWindow = new WindowUsage({ now });
		this._register(session.onDidRecordUsage(({ model, usage, command, apiRequestId, cost }) => {
			this._thisWindow.record({ model, usage, command, apiRequestId, cost });
			this._onDidChange.fire();
		}));
		const busyChanged = () => {
			this.streaming = session.busy;
			this._onDidChange.fire();
		};
		this._register(session.onDidStart(busyChanged));
		this._register(session.onDidEnd(busyChanged));
		this._register(file.onDidChange(() => this._onDidChange.fire()));
	}

	/** This window's requests: the last one and the session's totals. */
	get thisWindow(): WindowUsage {
		return this._thisWindow;
	}

	/** Today's requests in every window, from the usage ledger. */
	get today(): Totals {
		return this.file.today();
	}

	/** True while an answer streams (the status bar shows a spinner). */
	get isStreaming(): boolean {
		return this.streaming;
	}
}
