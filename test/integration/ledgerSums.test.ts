import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSession } from '../../src/core/session/chatSession';
import { toJsonl, type LedgerLine } from '../../src/core/usage/usageLedgerLine';
import type { OutputChannelLogger } from '../../src/host/logger';
import { UsageLedgerFile } from '../../src/host/usage/usageLedgerFile';

/** A request recorded today with `input` tokens. */
function today(input: number): LedgerLine {
	return {
		time: new Date().toISOString(), requestId: null, command: 'chat', model: 'claude-haiku-4-5',
		input, output: 10, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, costUsd: 0.001,
	};
}

/**
 * A window that starts later does not read the whole history: it restores the sums an earlier window saved beside
 * the ledger and reads only what was appended after them. Shown by editing a line the sums already cover: a reader
 * that used the sums does not see the edit; one whose saved sums no longer match the file reads it all again.
 */
describe('usage ledger: saved sums spare a new window the whole history', function () {
	this.timeout(30_000);
	let dir: string;
	let ledger: string;
	const session = { onDidRecordUsage: () => ({ dispose: () => undefined }) } as unknown as ChatSession;
	const logger = { error: () => undefined, warn: () => undefined, info: () => undefined, show: () => undefined } as unknown as OutputChannelLogger;
	const reader = () => new UsageLedgerFile(session, vscode.Uri.file(ledger), logger);

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-sums-'));
		ledger = path.join(dir, 'usage-ledger.jsonl');
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	/** Closes a window, which saves its sums at once. */
	async function close(window: UsageLedgerFile): Promise<void> {
		await window.saveSumsNow();
		window.dispose();
		const sums = JSON.parse(fs.readFileSync(path.join(dir, 'usage-ledger.sums.json'), 'utf8'));
		assert.equal(sums.offset, fs.statSync(ledger).size, 'the saved sums cover the whole ledger');
	}

	async function firstWindow(lines: LedgerLine[]): Promise<void> {
		fs.writeFileSync(ledger, toJsonl(lines));
		const first = reader();
		assert.ok((await first.spend()).ok);
		assert.equal(first.today().requests, lines.length);
		await close(first);
	}

	it('restores the sums and reads only the lines appended after them', async () => {
		await firstWindow([today(1000), today(2000), today(3000)]);
		fs.appendFileSync(ledger, toJsonl([today(4000)])); // another window's request
		// the first line, which the sums already cover, is changed in place (same length): unseen if the sums are used
		fs.writeFileSync(ledger, fs.readFileSync(ledger, 'utf8').replace('"input":1000', '"input":9000'));
		const later = reader();
		assert.ok((await later.spend()).ok);
		assert.equal(later.today().requests, 4);
		assert.equal(later.today().usage.input, 1000 + 2000 + 3000 + 4000);
		assert.equal((await later.dashboard()).totals.requests, 4);
		await close(later);
	});

	it('reads the whole ledger again when the saved sums no longer match its bytes', async () => {
		await firstWindow([today(1000), today(2000), today(3000)]);
		// the last line the sums cover is changed: the bytes before their offset differ, so they are not used
		fs.writeFileSync(ledger, fs.readFileSync(ledger, 'utf8').replace('"input":3000', '"input":7000'));
		const later = reader();
		assert.ok((await later.spend()).ok);
		assert.equal(later.today().usage.input, 1000 + 2000 + 7000);
		await close(later);
	});

	it('reads the whole ledger when the saved sums are damaged', async () => {
		await firstWindow([today(1000), today(2000)]);
		fs.writeFileSync(path.join(dir, 'usage-ledger.sums.json'), '{"offset": 10, "anchor": "x", "totals": {"version": 1}}');
		const later = reader();
		assert.ok((await later.spend()).ok);
		assert.equal(later.today().usage.input, 3000);
		await close(later);
	});
});
