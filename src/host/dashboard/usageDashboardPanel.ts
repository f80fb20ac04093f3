import * as vscode from 'vscode';
import type { ChatSession } from '../../core/session/chatSession';
import type { Logger } from '../../core/log/logger';
import { assertNever } from '../../shared/assertNever';
import { isDashboardMessage, type DashboardExportFormat, type DashboardHostToWebview } from '../../shared/dashboardProtocol';
import { createNonce } from '../chat/webviewHtml';
import { Disposable } from '../lifecycle';
import type { UsageLedgerFile } from '../usage/usageLedgerFile';
import { getDashboardHtml } from './dashboardHtml';

/** What the dashboard needs, passed explicitly (no globals). */
export interface UsageDashboardDeps {
	extensionUri: vscode.Uri;
	ledger: Pick<UsageLedgerFile, 'dashboard'>;
	session: Pick<ChatSession, 'onDidRecordUsage'>;
	logger: Logger;
	/** Runs Export Usage with the chosen format (the command owns the save dialog and the file writing). */
	exportUsage(format: DashboardExportFormat): Thenable<unknown>;
}

/**
 * The usage dashboard (Show Usage): one editor-area WebviewPanel, "Claude Usage", drawing the usage ledger as charts.
 * The host reads and aggregates the ledger; the page only draws what it is sent. Nothing is posted before the page
 * says `ready` (a hidden panel's page is discarded, since retainContextWhenHidden is off, and says `ready` again when
 * shown); after that, every recorded request's usage re-sends the data. Everything the page sends is validated.
 * Each instance owns one panel; disposing either disposes both, and all listeners go with them.
 */
export class UsageDashboardPanel extends Disposable {
	/** The panel's view type (no serializer: a reload drops the panel, and Show Usage opens a fresh one). */
	static readonly viewType = 'claudeAssistant.usageDashboard';
	private ready = false;
	/** Bumped per refresh, so a slow ledger read never overwrites newer data. */
	private generation = 0;
	private disposed = false;
	private readonly _onDidDispose = this._register(new vscode.EventEmitter<void>());
	/** Fires once, when the panel is closed or the instance disposed. */
	readonly onDidDispose = this._onDidDispose.event;

	/** Opens a new dashboard panel in the active editor column. */
	static create(deps: UsageDashboardDeps): UsageDashboardPanel {
		const dist = vscode.Uri.joinPath(deps.extensionUri, 'dist');
		const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
		const panel = vscode.window.createWebviewPanel(UsageDashboardPanel.viewType, 'Claude Usage', vscode.ViewColumn.Active, {
			enableScripts: true,
			localResourceRoots: [dist, media],
		});
		return new UsageDashboardPanel(panel, deps);
	}

	private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: UsageDashboardDeps) {
		super();
		const { webview } = panel;
		webview.html = getDashboardHtml({
			cspSource: webview.cspSource,
			scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'dashboard.js')).toString(),
			styleUri: webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'media', 'dashboard.css')).toString(),
			nonce: createNonce(),
		});
		this._register(webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)));
		this._register(panel.onDidChangeViewState(() => {
			if (!panel.visible) {
				this.ready = false; // the page is discarded while hidden; it posts `ready` again when shown
			}
		}));
		this._register(deps.session.onDidRecordUsage(() => void this.refresh()));
		this._register(panel.onDidDispose(() => this.dispose()));
	}

	/** Brings the panel to the front (Show Usage while it is already open). */
	reveal(): void {
		this.panel.reveal();
	}

	/** Reads the ledger and sends fresh data, if the page is ready for it. Never rejects: failures are logged. */
	async refresh(): Promise<void> {
		if (!this.ready) {
			return;
		}
		const generation = ++this.generation;
		try {
			const data = await this.deps.ledger.dashboard(); // reads what was appended, after the appends queued before it
			if (generation === this.generation && this.ready && !this.disposed) {
				this.post({ type: 'dashboard/data', data });
			}
		} catch (err) {
			this.deps.logger.error('dashboard', `refresh failed: ${err instanceof Error ? err.message : String(err)}`);
		}
	}

	override dispose(): void {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		this.ready = false;
		this._onDidDispose.fire();
		super.dispose();
		this.panel.dispose();
	}

	private post(msg: DashboardHostToWebview): void {
		void this.panel.webview.postMessage(msg);
	}

	private onMessage(raw: unknown): void {
		if (!isDashboardMessage(raw)) {
			this.deps.logger.warn('dashboard', `dropped an invalid message: ${JSON.stringify(raw)?.slice(0, 200)}`);
			return;
		}
		switch (raw.type) {
			case 'ready':
				this.ready = true;
				void this.refresh();
				break;
			case 'dashboard/export':
				void Promise.resolve(this.deps.exportUsage(raw.format)).catch((err: unknown) => this.deps.logger.error('dashboard', `export failed: ${String(err)}`));
				break;
			default:
				assertNever(raw);
		}
	}
}
