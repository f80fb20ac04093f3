import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chatSession';
import type { Logger } from '../../core/logger';
import { costUsd } from '../../core/pricing';
import { parseLedger, toJsonl, toLedgerLine, type LedgerLine } from '../../core/usageLedgerLine';
import { Disposable } from '../lifecycle';

/**
 * Every request's usage, appended to a JSONL file as it happens, so spend can be audited and exported long after the
 * in-memory totals (session, today) are gone. Appends are serialized: lines never interleave, and {@link read} sees
 * every line recorded before it was called.
 */
export class UsageLedgerFile extends Disposable {
	private queue: Promise<void> = Promise.resolve();
	private checkedTail = false;

	constructor(session: ChatSession, readonly uri: vscode.Uri, private readonly logger: Logger, private readonly now: () => number = Date.now) {
		super();
		const unsubscribe = session.onEvent((e) => {
			if (e.type === 'usage') {
				void this.append(toJsonl([toLedgerLine(e.usage, { now: this.now(), costUsd })]));
			}
		});
		this._register({ dispose: unsubscribe });
	}

	/** All readable lines, oldest first; an empty list when nothing was recorded yet. */
	async read(): Promise<LedgerLine[]> {
		await this.queue;
		try {
			return parseLedger(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri)));
		} catch {
			return [];
		}
	}

	private append(text: string): Promise<void> {
		this.queue = this.queue.then(async () => {
			// A line cut short by a crash would swallow the next one; start on a fresh line once per activation.
			const prefix = !this.checkedTail && !(await this.endsWithNewline()) ? '\n' : '';
			this.checkedTail = true;
			await this.write(prefix + text);
		}).catch((err: unknown) => {
			this.logger.warn('usageLedger', `append failed: ${err instanceof Error ? err.message : String(err)}`);
		});
		return this.queue;
	}

	/** Local disk: a real O_APPEND (no rewrite of a growing file). Other schemes: read, concatenate, write. */
	private async write(text: string): Promise<void> {
		await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
		if (this.uri.scheme === 'file') {
			await fs.appendFile(this.uri.fsPath, text, 'utf8');
			return;
		}
		const old = await this.readBytes();
		const add = new TextEncoder().encode(text);
		const bytes = new Uint8Array(old.length + add.length);
		bytes.set(old);
		bytes.set(add, old.length);
		await vscode.workspace.fs.writeFile(this.uri, bytes);
	}

	private async endsWithNewline(): Promise<boolean> {
		const bytes = await this.readBytes();
		return bytes.length === 0 || bytes[bytes.length - 1] === 0x0a;
	}

	private async readBytes(): Promise<Uint8Array> {
		try {
			return await vscode.workspace.fs.readFile(this.uri);
		} catch {
			return new Uint8Array();
		}
	}
}
