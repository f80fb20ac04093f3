import type { TokenUsage } from '../../shared/protocol';
import type { SessionEvent } from './types';
import type { Logger } from '../log/logger';
import { usageReport } from './usageLogLine';

/**
 * The chat session's listeners: every event reaches every listener (one that throws is logged, not allowed to stop
 * the others), and each request's usage is logged once and announced for the status bar and the ledger.
 */
export class SessionEvents {
	private readonly listeners = new Set<(e: SessionEvent) => void>();

	constructor(private readonly logger: Logger) {}

	/** Subscribes; returns the unsubscribe function. */
	on(listener: (e: SessionEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
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
