import * as vscode from 'vscode';
import { PRICING_AS_OF } from '../../core/pricing/pricing';
import { statusBarText, usageTooltipMarkdown } from '../../core/usage/usageFormat';
import { CommandId } from '../commands/ids';
import { apiDestination } from '../config';
import { Disposable } from '../lifecycle';
import type { KeySource } from '../../core/settings/keyPersistence';
import type { ApiKeyStore } from '../secrets';
import type { BudgetService } from '../usage/budgetService';
import type { UsageService } from '../usage/usageService';

/**
 * The usage item: last request's tokens and the session cost, a spinner while streaming, and a tooltip that breaks
 * down last request / session / today by token kind and model. Updated from events only.
 */
export class UsageStatusBar extends Disposable {
	private readonly item = this._register(vscode.window.createStatusBarItem('claudeAssistant.usage', vscode.StatusBarAlignment.Right, 100));
	private keySource: KeySource = 'none';

	constructor(private readonly usage: UsageService, private readonly keys: ApiKeyStore, private readonly budget: BudgetService, private readonly demoMode: boolean) {
		super();
		this._register(budget.onDidChange(() => this.render()));
		this.item.name = 'Claude Usage';
		this.item.command = CommandId.showUsage;
		this._register(usage.onDidChange(() => this.render()));
		this._register(keys.onDidChange(() => void this.refreshKeySource()));
	}

	/** Renders the item for the first time and shows it (see createServices: this waits until after activation). */
	show(): void {
		this.render();
		this.item.show();
		void this.refreshKeySource();
	}

	/** What the item shows now (read by the integration tests). */
	get text(): string {
		return this.item.text;
	}

	/** The item's background theme colour id, if any (warning/error near or at a budget). */
	get background(): string | undefined {
		return (this.item.backgroundColor as vscode.ThemeColor | undefined)?.id;
	}

	get tooltip(): string {
		const t = this.item.tooltip;
		return typeof t === 'string' ? t : t?.value ?? '';
	}

	private async refreshKeySource(): Promise<void> {
		this.keySource = (await this.keys.get()).source;
		this.render();
	}

	private render(): void {
		const { thisWindow } = this.usage;
		const text = statusBarText(thisWindow.last, thisWindow.session, { streaming: this.usage.isStreaming });
		this.item.text = this.demoMode ? `${text} (offline demo)` : text;
		const source = this.keySource === 'demo' ? 'none' : this.keySource;
		const md = new vscode.MarkdownString(usageTooltipMarkdown({
			last: thisWindow.last, session: thisWindow.session, today: this.usage.today, keySource: source, keyStore: this.keys.persistence, demoMode: this.demoMode, pricingAsOf: PRICING_AS_OF,
		}));
		const destination = apiDestination();
		if (destination && !this.demoMode) {
			md.appendMarkdown(`\n\n**Requests go to:** ${destination.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)}`);
		}
		const budget = this.budget.state();
		if (budget.message) {
			md.appendMarkdown(`\n\n---\n\n**Budget:** ${budget.message}`);
		}
		// Warning colours near a limit, error colours at it: the spend is visible without opening anything.
		this.item.backgroundColor = budget.level === 'ok' ? undefined
			: new vscode.ThemeColor(budget.level === 'over' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
		md.supportThemeIcons = true;
		this.item.tooltip = md;
		this.item.accessibilityInformation = { label: `Claude usage: ${text.replace(/\$\([^)]*\)\s*/g, '')}`, role: 'button' };
	}
}
