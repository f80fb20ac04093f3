import { assertNever } from '../../shared/assertNever';
import { isDashboardHostMessage, type DashboardWebviewToHost } from '../../shared/dashboardProtocol';
import { renderDashboard } from './render';

/** What the dashboard page needs from its surroundings; real browser globals in main.ts, jsdom in tests. */
export interface DashboardEnv {
	document: Document;
	/** Where host messages arrive (`window`). */
	source: Pick<Window, 'addEventListener'>;
	/** `acquireVsCodeApi().postMessage`, typed by the dashboard protocol. */
	post(msg: DashboardWebviewToHost): void;
}

/**
 * Starts the dashboard page: draws every well-formed `dashboard/data` message, turns the Export buttons into
 * `dashboard/export` requests, then posts `ready` (the host sends nothing before it).
 */
export function startDashboard(env: DashboardEnv): void {
	const { document: doc, post } = env;
	env.source.addEventListener('message', (e: MessageEvent) => {
		const msg: unknown = e.data;
		if (!isDashboardHostMessage(msg)) {
			return;
		}
		switch (msg.type) {
			case 'dashboard/data':
				renderDashboard(doc, msg.data);
				break;
			default:
				assertNever(msg.type);
		}
	});
	for (const button of Array.from(doc.querySelectorAll<HTMLButtonElement>('button[data-format]'))) {
		button.addEventListener('click', () => {
			const format = button.dataset.format;
			if (format === 'csv' || format === 'jsonl') {
				post({ type: 'dashboard/export', format });
			}
		});
	}
	post({ type: 'ready' });
}
