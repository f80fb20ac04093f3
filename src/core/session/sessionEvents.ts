import type { TokenUsage } from '../../shared/protocol';
import type { ChatDelta, ChatEnded, ChatStarted, ConfirmEvent, HistoryEvent, RetryWait, SessionEvent, Subscription, UsageEvent } from './types';
import type { Logger } from '../log/logger';
import { usageReport } from './usageLogLine';

/**
 * The chat session's events, each with its own typed subscription: every event reaches every listener (one that
 * throws is logged, not allowed to stop the others), and each request's usage is logged once and announced for the
 * status bar and the ledger.
 */
export class SessionEvents {
	private readonly listeners = new Set<(e: SessionEvent) => void>();

	constructor(private readonly logger: Logger) {}

	/** Every event, in order (tests, and the test handle, follow the whole story). */
	onEvent(listener: (e: SessionEvent) => void): Subscription {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	/** A request began: its answer is shown, empty until text arrives. */
	onDidStart(listener: (m: ChatStarted) => void): Subscription {
		return this.only((e): e is ChatStarted => e.type === 'chat/started', listener);
	}

	/** Streamed text of the running answer. */
	onDidStream(listener: (m: ChatDelta) => void): Subscription {
		return this.only((e): e is ChatDelta => e.type === 'chat/delta', listener);
	}

	/** An answer ended: done (complete, truncated, stopped, refused…) or failed. */
	onDidEnd(listener: (m: ChatEnded) => void): Subscription {
		return this.only((e): e is ChatEnded => e.type === 'chat/done' || e.type === 'chat/error', listener);
	}

	/** An attempt failed before any text (or pacing holds the first one): the next comes after a visible wait. */
	onDidWaitToRetry(listener: (e: RetryWait) => void): Subscription {
		return this.only((e): e is RetryWait => e.type === 'retrying', listener);
	}

	/** A large request waits for Send or Cancel. */
	onDidAskToConfirm(listener: (e: ConfirmEvent) => void): Subscription {
		return this.only((e): e is ConfirmEvent => e.type === 'confirm', listener);
	}

	/** The history cut moved: older messages are summarized or no longer sent. */
	onDidMoveHistory(listener: (e: HistoryEvent) => void): Subscription {
		return this.only((e): e is HistoryEvent => e.type === 'history', listener);
	}

	/** A request's usage was recorded (whether it finished, was stopped or failed mid-way). */
	onDidRecordUsage(listener: (usage: UsageEvent) => void): Subscription {
		return this.onEvent((e) => e.type === 'usage' && listener(e.usage));
	}

	/** The conversation changed (persist it). */
	onDidChange(listener: () => void): Subscription {
		return this.onEvent((e) => e.type === 'changed' && listener());
	}

	private only<E extends SessionEvent>(is: (e: SessionEvent) => e is E, listener: (e: E) => void): Subscription {
		return this.onEvent((e) => is(e) && listener(e));
	}

	emit(e: SessionEvent): void {
		for (const l of [...this.listeners]) {
			try {
				l(e);
			} catch (err) {
				this.logger.error('session', `listener failed: ${err instanceof Error ? err.message : String(err)}`);
			}
		}
	}

	/** Logs one request's usage line and emits its usage event; undefined when the API reported none. */
	usage(report: Parameters<typeof usageReport>[0]): { usage: TokenUsage; cost?: number } | undefined {
		const { line, event, cost } = usageReport(report);
		this.logger.info('request', line);
		if (event) {
			this.emit({ type: 'usage', usage: event });
		}
		return event && { usage: event.usage, cost };
	}
}
