import * as vscode from 'vscode';
import { addAttachment, chipOf, isAttachment, type Attachment } from '../../core/context/attachment';
import { attachmentTokens } from '../../core/request/shape';
import type { Logger } from '../../core/log/logger';
import { assertNever } from '../../shared/assertNever';
import type { HostToWebview, WebviewToHost } from '../../shared/protocol';
import { LastEditorTracker } from '../code/lastEditor';
import { Disposable } from '../lifecycle';
import type { SourceResult } from './attachmentSources';
import { MentionSearch } from './mentions';
import { WorkspaceFiles } from './workspaceFiles';

type ContextMessage = Extract<WebviewToHost, { type: 'mention/query' | 'mention/pick' | 'attachment/remove' | 'attachment/open' }>;

export interface ChatContextDeps {
	logger: Logger;
	/** Says why something was not attached, in the chat. */
	notify(message: string, level: 'info' | 'warning'): void;
	/** An attachment of a question already sent (its chip in the transcript), by id. */
	sentAttachment(id: string): Attachment | undefined;
	/** Where the waiting attachments are kept, so a window reload does not lose them (the workspace's state). */
	waitingStore: vscode.Memento;
}

/** The waiting attachments' key in {@link ChatContextDeps.waitingStore}. */
export const WAITING_ATTACHMENTS_KEY = 'claudeAssistant.waitingAttachments';

/**
 * What goes with the next question: the attachments waiting in the composer (chips), added by Add to Chat and by
 * @-mentions, taken by the next `chat/send`. Also opens an attachment's location when its chip is clicked.
 */
export class ChatContext extends Disposable {
	private pending: Attachment[];
	private nextId = 1;
	readonly editors = this._register(new LastEditorTracker());
	private readonly files: WorkspaceFiles;
	private readonly mentions: MentionSearch;
	private readonly _onDidPost = this._register(new vscode.EventEmitter<HostToWebview>());
	/** Messages for the chat webview: the chips and the mention suggestions. */
	readonly onDidPost = this._onDidPost.event;

	constructor(private readonly deps: ChatContextDeps) {
		super();
		const saved = deps.waitingStore.get<unknown>(WAITING_ATTACHMENTS_KEY);
		this.pending = Array.isArray(saved) ? saved.filter(isAttachment) : [];
		this.files = this._register(new WorkspaceFiles(deps.logger));
		this.mentions = new MentionSearch(this.files, this.editors);
	}

	/** The chips waiting now (for a webview that was just loaded). */
	initMessages(): HostToWebview[] {
		return [this.chipsMessage()];
	}

	/** The attachments waiting now, in the order they were added. */
	get attachments(): readonly Attachment[] {
		return this.pending;
	}

	/** The attachments for the question being sent: they leave the composer (and go with the user's turn). */
	take(): Attachment[] {
		const taken = this.pending;
		if (taken.length) {
			this.setPending([]);
		}
		return taken;
	}

	/**
	 * Adds what a source read (refusals and skipped files are said in the chat); resolves to the number of
	 * attachments added.
	 */
	async attach(source: Promise<SourceResult> | SourceResult): Promise<number> {
		const started = performance.now();
		const result = await source;
		if (!result.ok) {
			this.deps.notify(result.message, 'warning');
			return 0;
		}
		const refused: string[] = [...result.skipped];
		let added = 0;
		let list = this.pending;
		for (const item of result.items) {
			const outcome = addAttachment(list, { ...item, id: `a${Date.now().toString(36)}${this.nextId++}`, tokens: attachmentTokens(item) });
			if (outcome.added) {
				list = outcome.list;
				added++;
			} else {
				refused.push(outcome.reason);
			}
		}
		if (refused.length) {
			const shown = refused.slice(0, 5).join(' ');
			this.deps.notify(`${added ? `Attached ${added}; not attached: ` : ''}${shown}${refused.length > 5 ? ` (and ${refused.length - 5} more)` : ''}`, added ? 'info' : 'warning');
		}
		if (added) {
			this.setPending(list);
			this.deps.logger.info('attach', `${added} attached in ${(performance.now() - started).toFixed(1)} ms; ${this.pending.length} waiting`);
		}
		return added;
	}

	/** Handles the webview's mention and chip messages (validated by the chat view first). */
	async handle(msg: ContextMessage): Promise<void> {
		switch (msg.type) {
			case 'mention/query': {
				const answer = await this.mentions.query(msg.queryId, msg.query);
				this.post({ type: 'mention/results', queryId: msg.queryId, items: answer.items, complete: !answer.symbols });
				if (answer.symbols) {
					this.post({ type: 'mention/results', queryId: msg.queryId, items: await answer.symbols, complete: true });
				}
				break;
			}
			case 'mention/pick': {
				const source = this.mentions.pick(msg.queryId, msg.itemId);
				if (source) {
					await this.attach(source);
				}
				break;
			}
			case 'attachment/remove':
				if (this.pending.some((a) => a.id === msg.id)) {
					this.setPending(this.pending.filter((a) => a.id !== msg.id));
				}
				break;
			case 'attachment/open':
				await this.open(this.pending.find((a) => a.id === msg.id) ?? this.deps.sentAttachment(msg.id));
				break;
			default:
				assertNever(msg);
		}
	}

	/** Shows where an attachment came from: its file at its lines, or the Problems or Source Control view. */
	private async open(a: Attachment | undefined): Promise<void> {
		if (!a) {
			return;
		}
		if (a.kind === 'problems') {
			await vscode.commands.executeCommand('workbench.actions.view.problems');
			return;
		}
		if (a.kind === 'changes') {
			await vscode.commands.executeCommand('workbench.view.scm');
			return;
		}
		const uri = vscode.Uri.parse(a.uri);
		const selection = a.startLine !== undefined ? new vscode.Range(a.startLine - 1, 0, (a.endLine ?? a.startLine) - 1, 0) : undefined;
		try {
			await vscode.window.showTextDocument(uri, { selection, preview: true });
		} catch {
			this.deps.notify(`${a.file ?? a.label} cannot be opened (was it moved or deleted?).`, 'warning');
		}
	}

	/** The waiting attachments change: the chips are redrawn and the list is kept for the next window. */
	private setPending(list: Attachment[]): void {
		this.pending = list;
		this.post(this.chipsMessage());
		this.deps.waitingStore.update(WAITING_ATTACHMENTS_KEY, list.length ? list : undefined).then(undefined, (err: unknown) => {
			this.deps.logger.warn('attach', `the waiting attachments could not be kept for the next window: ${String(err)}`);
		});
	}

	private chipsMessage(): HostToWebview {
		return { type: 'attachments/changed', items: this.pending.map(chipOf) };
	}

	private post(msg: HostToWebview): void {
		this._onDidPost.fire(msg);
	}
}
