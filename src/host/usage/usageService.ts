import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chatSession';
import { UsageLedger } from '../../core/usage';
import { Disposable } from '../lifecycle';

/** globalState key of today's usage totals (numbers only; never prompts or keys). */
export const DAY_TOTALS_STATE_KEY = 'claudeAssistant.usage.today';

/**
 * Usage of every request, fed by the session. Keeps the ledger, persists today's totals across reloads and
 * fires onDidChange so the status bar updates from events, not polling.
 */
export class UsageService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	readonly ledger: UsageLedger;
	private streaming = false;

	constructor(private readonly state: vscode.Memento, session: ChatSession, now: () => number = Date.now) {
		super();
		this.ledger = new UsageLedger({ now, initialDay: state.get(DAY_TOTALS_STATE_KEY) });
		const unsubscribe = session.onEvent((e) => {
			if (e.type === 'usage') {
				this.ledger.record({ model: e.usage.model, usage: e.usage.usage, command: e.usage.command, requestId: e.usage.requestId });
				void this.state.update(DAY_TOTALS_STATE_KEY, this.ledger.toDayTotals());
				this._onDidChange.fire();
			} else if (e.type === 'started' || e.type === 'done' || e.type === 'error') {
				this.streaming = session.busy;
				this._onDidChange.fire();
			}
		});
		this._register({ dispose: unsubscribe });
	}

	/** True while an answer streams (the status bar shows a spinner). */
	get isStreaming(): boolean {
		return this.streaming;
	}
}
