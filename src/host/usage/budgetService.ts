import * as vscode from 'vscode';
import { evaluateBudget, localMonthKey, monthCostFromLedger, type BudgetState } from '../../core/budget';
import type { ChatSession } from '../../core/chatSession';
import type { ChatError } from '../../shared/protocol';
import { costUsd } from '../../core/pricing';
import { onDidChangeConfig, type AssistantConfig } from '../config';
import { Disposable } from '../lifecycle';
import type { UsageLedgerFile } from './usageLedgerFile';
import type { UsageService } from './usageService';

/**
 * Spend against the daily and monthly budgets. Today's cost comes from the usage totals; the month's from the usage
 * ledger read once at start-up plus every request since. Warns once per level per day (status bar colours come from
 * the state), and answers `state()` for the send path's hard stop.
 */
export class BudgetService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private monthUsd = 0;
	private month: string;
	private announced = '';

	constructor(
		private readonly usage: UsageService,
		ledger: UsageLedgerFile,
		session: ChatSession,
		private readonly getConfig: () => AssistantConfig,
		private readonly now: () => number = Date.now,
	) {
		super();
		this.month = localMonthKey(now());
		const loaded = ledger.read().then((lines) => {
			this.monthUsd += monthCostFromLedger(lines, this.now());
			this._onDidChange.fire();
		}).catch(() => undefined);
		const unsubscribe = session.onEvent((e) => {
			if (e.type === 'usage') {
				void loaded.then(() => {
					this.rollMonth();
					this.monthUsd += costUsd(e.usage.model, e.usage.usage) ?? 0;
					this.announce();
					this._onDidChange.fire();
				});
			}
		});
		this._register({ dispose: unsubscribe });
		this._register(usage.onDidChange(() => this._onDidChange.fire()));
		this._register(onDidChangeConfig(() => this._onDidChange.fire())); // a new limit shows at once
	}

	/** Where spend stands now. */
	state(): BudgetState {
		this.rollMonth();
		const c = this.getConfig();
		return evaluateBudget(this.usage.ledger.today.costUsd, this.monthUsd, {
			dailyUsd: c.dailyBudgetUsd, monthlyUsd: c.monthlyBudgetUsd, warnAt: c.budgetWarnPercent / 100,
		});
	}

	/** The hard stop at 100%: the error a request gets instead of being sent (undefined below the limits). */
	blocking(): ChatError | undefined {
		const s = this.state();
		return s.level === 'over'
			? { kind: 'budget', message: `Budget reached: ${s.message}. Nothing was sent; "Send anyway" sends this one request.`, retryable: false }
			: undefined;
	}

	private rollMonth(): void {
		const month = localMonthKey(this.now());
		if (month !== this.month) {
			this.month = month;
			this.monthUsd = 0;
		}
	}

	private announce(): void {
		const s = this.state();
		const key = `${new Date(this.now()).toDateString()}:${s.level}`;
		if (s.level === 'ok' || key === this.announced) {
			return;
		}
		this.announced = key;
		const text = s.level === 'over' ? `Claude budget: ${s.message}. New requests wait for "Send anyway".` : `Claude budget: ${s.message}.`;
		void vscode.window.showWarningMessage(text, 'Open Settings').then((c) => {
			if (c) {
				void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeAssistant budget');
			}
		});
	}
}
