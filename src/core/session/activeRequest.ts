import type { AssistantTurn, ChatError } from '../../shared/protocol';
import type { ChatEnded, ConfirmEvent, RetryWait, StoredAssistantTurn } from './types';
import { shownTurn } from './conversation';
import type { SendEstimate } from '../request/prepare';
import { waitForRetry } from '../request/retry';

/**
 * The one request the session runs at a time: its abort controller, the answer it writes to, and the two ways it
 * can wait for something before (or between) attempts — a retry wait the user may skip, and a large-request
 * estimate the user must confirm. Cancel aborts the controller, which also ends either wait.
 */
export class ActiveRequest {
	readonly controller = new AbortController();
	private waiting: { event: RetryWait; until: number; skip: () => void } | undefined;
	private confirming: { estimate: SendEstimate; send: () => void } | undefined;

	constructor(readonly requestId: string, readonly turn: StoredAssistantTurn, private readonly now: () => number) { }

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	/** Marks the answer stopped (Stop, Cancel, a replacing request), keeping its text; returns its terminal event. */
	stopped(): ChatEnded {
		Object.assign(this.turn, { status: 'stopped', stopReason: 'stopped' });
		return { type: 'chat/done', requestId: this.requestId, turn: shownTurn(this.turn) as AssistantTurn };
	}

	/** Marks the answer failed with `error`, keeping any partial text; returns its terminal event. */
	failed(error: ChatError): ChatEnded {
		Object.assign(this.turn, { status: 'error', error });
		return { type: 'chat/error', requestId: this.requestId, turn: shownTurn(this.turn) as AssistantTurn, error };
	}

	/** The retry wait going on now, with the time still left (for a view that appears mid-wait). */
	retryWait(): RetryWait | undefined {
		const waiting = this.waiting;
		return waiting ? { ...waiting.event, delayMs: Math.max(0, waiting.until - this.now()) } : undefined;
	}

	/** Ends the retry wait early; false when not waiting. */
	skipWait(): boolean {
		this.waiting?.skip();
		return this.waiting !== undefined;
	}

	/** Announces a retry wait through `announce` and waits it out; false when cancelled meanwhile. */
	async waitToRetry(event: RetryWait, sleep: (ms: number, signal: AbortSignal) => Promise<void>, announce: (e: RetryWait) => void): Promise<boolean> {
		try {
			return await waitForRetry(this.signal, event.delayMs, sleep, (skip) => {
				this.waiting = { event, until: this.now() + event.delayMs, skip };
				announce(event); // a listener may already skip or cancel here
			});
		} finally {
			this.waiting = undefined;
		}
	}

	/** The estimate waiting for Send / Cancel, as its event. */
	confirmEvent(): ConfirmEvent | undefined {
		return this.confirming ? { type: 'confirm', requestId: this.requestId, ...this.confirming.estimate } : undefined;
	}

	/** Send was chosen; false when nothing waits for it. */
	confirmSend(): boolean {
		const confirming = this.confirming;
		confirming?.send();
		return confirming !== undefined;
	}

	/** Announces the estimate and waits for Send (true) or Cancel / a replacing request (false). */
	waitForConfirm(estimate: SendEstimate, announce: (e: ConfirmEvent) => void): Promise<boolean> {
		const signal = this.signal;
		return new Promise<boolean>((resolve) => {
			const done = (send: boolean) => {
				signal.removeEventListener('abort', onAbort);
				this.confirming = undefined;
				resolve(send);
			};
			const onAbort = () => done(false);
			if (signal.aborted) {
				done(false);
				return;
			}
			signal.addEventListener('abort', onAbort);
			this.confirming = { estimate, send: () => done(true) };
			announce({ type: 'confirm', requestId: this.requestId, ...estimate });
		});
	}
}
