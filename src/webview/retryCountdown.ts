import type { HostToWebview } from '../shared/protocol';
import { retryingText } from './format';
import { createRetryWait } from './view';

/** Clock and interval timer, injectable so tests move time by hand. */
export interface Ticker {
	now(): number;
	setInterval(callback: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
}

type RetryingMessage = Extract<HostToWebview, { type: 'chat/retrying' }>;

/** How often the countdown is redrawn. */
const TICK_MS = 1000;

/**
 * The live "retrying in N s (attempt a/m)" line inside the streaming answer. At most one exists (only the active
 * request retries); its time is counted from when `chat/retrying` arrived, and redrawn once a second from the
 * deadline, so a late timer never makes the count drift. It goes away as soon as text streams in or the answer ends.
 */
export class RetryCountdown {
	private current: { requestId: string; msg: RetryingMessage; deadline: number; wait: HTMLElement; turnEl: HTMLElement; timer?: unknown } | undefined;

	constructor(private readonly doc: Document, private readonly ticker: Ticker) { }

	/** Shows (or replaces) the countdown in the answer element `turnEl`. */
	show(turnEl: HTMLElement, msg: RetryingMessage): void {
		this.clear();
		const deadline = this.ticker.now() + msg.delayMs;
		const wait = createRetryWait(this.doc, msg.requestId, retryingText(msg, msg.delayMs), msg.hold);
		let status = turnEl.querySelector<HTMLElement>('.turn-status');
		if (!status) {
			status = this.doc.createElement('div');
			status.className = 'turn-status';
			turnEl.append(status);
		}
		status.append(wait);
		turnEl.dataset.retrying = 'waiting';
		this.current = { requestId: msg.requestId, msg, deadline, wait, turnEl };
		this.current.timer = this.ticker.setInterval(() => this.tick(), TICK_MS);
		this.tick();
	}

	/** Retry Now was clicked for this request: the next attempt starts at once. */
	skip(requestId: string): void {
		if (this.current?.requestId === requestId) {
			this.current.deadline = this.ticker.now();
			this.tick();
		}
	}

	/** Removes the countdown (text arrived, the answer ended, or the transcript was rebuilt). */
	clear(): void {
		const current = this.current;
		if (!current) {
			return;
		}
		this.current = undefined;
		this.stopTimer(current);
		current.wait.remove();
		delete current.turnEl.dataset.retrying;
	}

	private tick(): void {
		const current = this.current;
		if (!current) {
			return;
		}
		const remaining = current.deadline - this.ticker.now();
		const text = current.wait.querySelector('.retry-text');
		if (text) {
			text.textContent = retryingText(current.msg, remaining);
		}
		if (remaining <= 0) {
			// The attempt is under way: nothing left to skip; Cancel (like Stop) still ends it.
			this.stopTimer(current);
			current.wait.querySelector('.retry-now')?.remove();
			current.turnEl.dataset.retrying = 'attempting';
		}
	}

	private stopTimer(current: NonNullable<RetryCountdown['current']>): void {
		if (current.timer !== undefined) {
			this.ticker.clearInterval(current.timer);
			current.timer = undefined;
		}
	}
}

/** The real clock and timers of the webview's window. */
export function windowTicker(doc: Document): Ticker {
	const win = doc.defaultView;
	return {
		now: () => Date.now(),
		setInterval: (cb, ms) => win?.setInterval(cb, ms),
		clearInterval: (handle) => win?.clearInterval(handle as number),
	};
}
