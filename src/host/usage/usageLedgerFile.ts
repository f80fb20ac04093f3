import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/session/chatSession';
import { LedgerTotals } from '../../core/usage/ledgerTotals';
import type { OutputChannelLogger } from '../logger';
import type { Totals } from '../../core/usage/usage';
import { parseLedger, toJsonl, toLedgerLine, type LedgerLine } from '../../core/usage/usageLedgerLine';
import type { DashboardData } from '../../shared/dashboardProtocol';
import { Disposable } from '../lifecycle';

/** Spend as the ledger says, or why it cannot be said. */
export type LedgerSpend =
	| { ok: true; todayUsd: number; monthUsd: number }
	| { ok: false; reason: string };

/**
 * Every request's usage, appended to one JSONL file in global storage as it happens: the single source of truth for
 * spend. Every window of this VS Code appends to the same file (each line one `O_APPEND` write, so lines from two
 * windows never interleave) and reads what the others added incrementally, from where it stopped, into
 * {@link LedgerTotals}: today's and this month's spend are the sum over all windows.
 *
 * A line that cannot be written is kept in memory, counted in this window's spend, retried with the next append,
 * logged, and the user is told once. A ledger that cannot be read makes {@link spend} say so, so a budget can fail
 * closed instead of counting from zero.
 */
export class UsageLedgerFile extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** Fires when the totals changed: a line of ours was written, or another window's line was read. */
	readonly onDidChange = this._onDidChange.event;
	private queue: Promise<unknown> = Promise.resolve();
	private checkedTail = false;
	private totals: LedgerTotals;
	/** The saved sums beside the ledger: restored before the first read, saved a while after reads that added lines. */
	private readonly sumsUri: vscode.Uri;
	private sumsRestored = false;
	private sumsTimer: ReturnType<typeof setTimeout> | undefined;
	/** The last bytes read (up to {@link ANCHOR_BYTES}): saved with the sums, so a restore can tell the file is the same. */
	private anchor: Uint8Array = new Uint8Array();
	/** Lines that could not be written yet (oldest first), and their totals. */
	private unwritten: string[] = [];
	private unwrittenTotals: LedgerTotals;
	private offset = 0;
	private decoder = new TextDecoder();
	private readError: string | undefined;
	private writeFailureShown = false;

	constructor(session: ChatSession, readonly uri: vscode.Uri, private readonly logger: OutputChannelLogger, private readonly now: () => number = Date.now) {
		super();
		this.totals = new LedgerTotals(now);
		this.unwrittenTotals = new LedgerTotals(now);
		this.sumsUri = vscode.Uri.joinPath(uri, '..', SUMS_FILE);
		this._register({ dispose: () => this.sumsTimer !== undefined && void this.saveSumsNow() });
		this._register(session.onDidRecordUsage((usage) => void this.append(toJsonl([toLedgerLine(usage, { now: this.now() })]))));
	}

	/**
	 * Reads the ledger and follows what other windows append: their lines are read when the file changes and when this
	 * window gets focus (and before every budget check, see {@link spend}). Separate from the constructor so that
	 * activation does not wait for the file watcher.
	 */
	watch(): void {
		const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(this.uri, '..'), '*.jsonl')));
		this._register(watcher.onDidChange(() => void this.refresh()));
		this._register(watcher.onDidCreate(() => void this.refresh()));
		this._register(vscode.window.onDidChangeWindowState((s) => s.focused && void this.refresh()));
		void this.refresh();
	}

	/** All readable lines, oldest first; an empty list when nothing was recorded yet. */
	async read(): Promise<LedgerLine[]> {
		await this.queue.catch(() => undefined);
		try {
			return parseLedger(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri)));
		} catch {
			return [];
		}
	}

	/** What the usage dashboard draws, from the running sums after reading what was appended since the last read. */
	async dashboard(): Promise<DashboardData> {
		await this.refresh();
		return this.totals.dashboard();
	}

	/** Today's requests in every window (as far as read; call {@link refresh} first for the latest). */
	today(): Totals {
		return this.totals.today();
	}

	/**
	 * Reads what was appended since the last read (by any window) and returns the spend: today's and this month's, plus
	 * this window's lines that could not be written yet. Not ok when the file exists but cannot be read.
	 */
	async spend(): Promise<LedgerSpend> {
		await this.refresh();
		return this.spendNow();
	}

	/** The spend as of the last read, without reading. */
	spendNow(): LedgerSpend {
		if (this.readError !== undefined) {
			return { ok: false, reason: this.readError };
		}
		return {
			ok: true,
			todayUsd: this.totals.today().costUsd + this.unwrittenTotals.today().costUsd,
			monthUsd: this.totals.monthUsd() + this.unwrittenTotals.monthUsd(),
		};
	}

	/** Reads the lines appended since the last read into the totals. */
	refresh(): Promise<void> {
		const run = this.queue.then(() => this.readNew());
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async readNew(): Promise<void> {
		if (!this.sumsRestored) {
			this.sumsRestored = true;
			await this.restoreSums();
		}
		let text: string;
		try {
			text = await this.readFrom();
		} catch (err) {
			const reason = describe(err);
			if (this.readError !== reason) {
				this.logger.error('usageLedger', `cannot read ${this.uri.fsPath}: ${reason}`);
			}
			this.readError = reason;
			this._onDidChange.fire();
			return;
		}
		const hadError = this.readError !== undefined;
		this.readError = undefined;
		if (text || hadError) {
			this.totals.push(text);
			this._onDidChange.fire();
			this.sumsTimer ??= setTimeout(() => void this.saveSums(), SUMS_SAVE_DELAY_MS);
		}
	}

	/**
	 * Starts from the sums saved beside the ledger when they still describe its beginning (the bytes before their
	 * offset are the ones they were saved with): then only what came after is read, not the whole history.
	 */
	private async restoreSums(): Promise<void> {
		if (this.uri.scheme !== 'file' || this.offset !== 0) {
			return;
		}
		try {
			const saved = JSON.parse(await fs.readFile(this.sumsUri.fsPath, 'utf8')) as { offset?: unknown; anchor?: unknown; totals?: unknown };
			const { offset, anchor } = saved;
			if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset <= 0 || typeof anchor !== 'string') {
				return;
			}
			const expected = Buffer.from(anchor, 'base64');
			const handle = await fs.open(this.uri.fsPath, 'r');
			try {
				const actual = Buffer.alloc(expected.length);
				const { bytesRead } = await handle.read(actual, 0, actual.length, offset - expected.length);
				if (bytesRead !== expected.length || !actual.equals(expected) || (await handle.stat()).size < offset) {
					return;
				}
			} finally {
				await handle.close();
			}
			const totals = LedgerTotals.restore(saved.totals, this.now);
			if (totals) {
				this.totals = totals;
				this.offset = offset;
				this.anchor = new Uint8Array(expected);
			}
		} catch {
			// no saved sums, or unreadable: read the ledger from the start
		}
	}

	/** Saves the sums now if a save is due (as when the window closes); resolves once they are on disk. */
	saveSumsNow(): Promise<void> {
		if (this.sumsTimer === undefined) {
			return Promise.resolve();
		}
		clearTimeout(this.sumsTimer);
		return this.saveSums();
	}

	/** Saves the sums with the offset they cover (written whole, then renamed into place, so a reader never sees half). */
	private async saveSums(): Promise<void> {
		this.sumsTimer = undefined;
		if (this.uri.scheme !== 'file' || this.readError !== undefined || this.anchor.length === 0) {
			return;
		}
		const snapshot = this.totals.snapshot();
		if (snapshot.rest !== '') {
			return; // a line is still being written: save once it is whole
		}
		const text = JSON.stringify({ offset: this.offset, anchor: Buffer.from(this.anchor).toString('base64'), totals: snapshot });
		const temp = `${this.sumsUri.fsPath}.${process.pid}.tmp`;
		try {
			await fs.writeFile(temp, text, 'utf8');
			await fs.rename(temp, this.sumsUri.fsPath);
		} catch (err) {
			this.logger.warn('usageLedger', `could not save the ledger's sums (the next window reads the whole ledger): ${describe(err)}`);
			await fs.rm(temp, { force: true });
		}
	}

	/** The text after {@link offset}; starts over when the file shrank (replaced or truncated). Missing = empty. */
	private async readFrom(): Promise<string> {
		let bytes: Uint8Array;
		if (this.uri.scheme === 'file') {
			// Before every request (the budget check): one stat when nothing was appended since the last read.
			const unchanged = this.readError === undefined
				&& await fs.stat(this.uri.fsPath).then((s) => s.isFile() && s.size === this.offset, () => false);
			if (unchanged) {
				return '';
			}
			let handle: fs.FileHandle;
			try {
				handle = await fs.open(this.uri.fsPath, 'r');
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
					this.startOver(0);
					return '';
				}
				throw err;
			}
			try {
				const { size } = await handle.stat();
				if (size < this.offset) {
					this.startOver(0);
				}
				bytes = new Uint8Array(size - this.offset);
				let read = 0;
				while (read < bytes.length) {
					const r = await handle.read(bytes, read, bytes.length - read, this.offset + read);
					if (r.bytesRead === 0) {
						break;
					}
					read += r.bytesRead;
				}
				bytes = bytes.subarray(0, read);
			} finally {
				await handle.close();
			}
		} else {
			let all: Uint8Array;
			try {
				all = await vscode.workspace.fs.readFile(this.uri);
			} catch (err) {
				if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') {
					this.startOver(0);
					return '';
				}
				throw err;
			}
			if (all.length < this.offset) {
				this.startOver(0);
			}
			bytes = all.subarray(this.offset);
		}
		this.offset += bytes.length;
		if (bytes.length > 0) {
			const joined = Buffer.concat([this.anchor, bytes.subarray(-ANCHOR_BYTES)]);
			this.anchor = joined.subarray(Math.max(0, joined.length - ANCHOR_BYTES));
		}
		return this.decoder.decode(bytes, { stream: true });
	}

	private startOver(offset: number): void {
		if (this.offset !== offset) {
			this.totals.reset();
		}
		this.offset = offset;
		this.decoder = new TextDecoder();
		this.anchor = new Uint8Array();
	}

	/** Appends usage that did not stream through this window's session (a batch's results), counted like any other. */
	appendLines(lines: readonly LedgerLine[]): Promise<void> {
		return lines.length > 0 ? this.append(toJsonl(lines)) : Promise.resolve();
	}

	private append(text: string): Promise<void> {
		const run = this.queue.then(async () => {
			const pending = [...this.unwritten, text];
			try {
				// A line cut short by a crash would swallow the next one; start on a fresh line once per activation.
				const prefix = !this.checkedTail && !(await this.endsWithNewline()) ? '\n' : '';
				this.checkedTail = true;
				await this.write(prefix + pending.join(''));
				this.setUnwritten([]);
			} catch (err) {
				this.setUnwritten(pending);
				this.writeFailed(err);
			}
			await this.readNew();
		});
		this.queue = run.catch(() => undefined);
		return run;
	}

	private setUnwritten(lines: string[]): void {
		this.unwritten = lines;
		this.unwrittenTotals = new LedgerTotals(this.now);
		this.unwrittenTotals.push(lines.join(''));
	}

	private writeFailed(err: unknown): void {
		const reason = describe(err);
		this.logger.error('usageLedger', `append to ${this.uri.fsPath} failed (${this.unwritten.length} line(s) kept in memory): ${reason}`);
		if (this.writeFailureShown) {
			return;
		}
		this.writeFailureShown = true;
		void vscode.window.showWarningMessage(
			`Claude could not write its usage ledger (${reason}). This window's spend is still counted against your budgets, but only until it closes; other windows cannot see it.`,
			'Show Logs',
		).then((choice) => choice && this.logger.show());
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

	/** Whether the file is empty or ends with a newline; on local disk only its last byte is read. */
	private async endsWithNewline(): Promise<boolean> {
		if (this.uri.scheme === 'file') {
			const handle = await fs.open(this.uri.fsPath, 'r').catch(() => undefined);
			if (!handle) {
				return true;
			}
			try {
				const { size } = await handle.stat();
				const last = new Uint8Array(1);
				return size === 0 || ((await handle.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] === 0x0a);
			} finally {
				await handle.close();
			}
		}
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

/** The file beside the ledger that holds its saved sums. */
const SUMS_FILE = 'usage-ledger.sums.json';
/** How many of the bytes before the saved offset must match for the saved sums to be used. */
const ANCHOR_BYTES = 256;
/** Reads that added lines are saved this long after the first of them (and when the window closes). */
const SUMS_SAVE_DELAY_MS = 2_000;

function describe(err: unknown): string {
	const e = err as NodeJS.ErrnoException | undefined;
	return e?.code ? `${e.code}: ${e.message}` : err instanceof Error ? err.message : String(err);
}
