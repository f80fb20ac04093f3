import * as vscode from 'vscode';
import { budgetPassedBy, evaluateBudget, type BudgetLimits, type BudgetState } from '../../core/usage/budget';
import type { ChatError } from '../../shared/protocol';
import { onDidChangeConfig, type AssistantConfig } from '../config';
import { Disposable } from '../lifecycle';
import type { LedgerSpend, UsageLedgerFile } from './usageLedgerFile';

/**
 * Spend against the daily and monthly budgets, counted from the usage ledger (every window's requests) before each
 * request. Fails closed: when a budget is set and the ledger cannot be read, a request is held with the reason and
 * "Send anyway", never sent as if nothing had been spent. Warns once per level per day (status bar colours come
 * from the state).
 */
export class BudgetService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private announced = '';

	constructor(
		private readonly ledger: UsageLedgerFile,
		private readonly getConfig: () => AssistantConfig,
		private readonly now: () => number = Date.now,
	) {
		super();
		this._register(ledger.onDidChange(() => {
			this.announce();
			this._onDidChange.fire();
		}));
		this._register(onDidChangeConfig(() => { // a new limit shows, and is announced, at once
			this.announce();
			this._onDidChange.fire();
		}));
	}

	/** Where spend stands, as of the ledger's last read. */
	state(): BudgetState {
		return this.evaluate(this.ledger.spendNow());
	}

	/**
	 * The check before a request (the session's guard): reads what every window appended, then the error a request
	 * gets instead of being sent (undefined below the limits, or when no budget is set).
	 */
	async blocking(): Promise<ChatError | undefined> {
		const spend = await this.ledger.spend();
		const s = this.evaluate(spend);
		if (s.level !== 'over') {
			return undefined;
		}
		return spend.ok
			? { kind: 'budget', message: `Budget reached: ${s.message}. Nothing was sent; "Send anyway" sends this one request.`, retryable: false }
			: { kind: 'budget', message: `${s.message}. Nothing was sent; "Send anyway" sends this one request.`, retryable: false };
	}

	/**
	 * The check before a batch is submitted, with `addUsd` the most it and the batches still running could cost: why it
	 * could pass a budget (read from every window's spend; an unreadable ledger with a budget set fails closed), or
	 * undefined when there is room.
	 */
	async wouldPass(addUsd: number): Promise<string | undefined> {
		const spend = await this.ledger.spend();
		const limits = this.limits();
		if (!spend.ok) {
			return limits.dailyUsd > 0 || limits.monthlyUsd > 0 ? `spend cannot be read from the usage ledger (${spend.reason}), so the budget cannot be checked` : undefined;
		}
		return budgetPassedBy(spend.todayUsd, spend.monthUsd, addUsd, limits);
	}

	private limits(): BudgetLimits {
		const c = this.getConfig();
		return { dailyUsd: c.dailyBudgetUsd, monthlyUsd: c.monthlyBudgetUsd, warnAt: c.budgetWarnPercent / 100 };
	}

	private evaluate(spend: LedgerSpend): BudgetState {
		const limits = this.limits();
		if (!spend.ok) {
			// Unknown spend cannot be compared with a limit: with a budget set, that is "over" until it can be read.
			return limits.dailyUsd > 0 || limits.monthlyUsd > 0
				? { level: 'over', todayUsd: 0, monthUsd: 0, message: `Spend cannot be read from the usage ledger (${spend.reason}), so the budget cannot be checked` }
				: { level: 'ok', todayUsd: 0, monthUsd: 0 };
		}
		return evaluateBudget(spend.todayUsd, spend.monthUsd, limits);
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
