import { startDashboard } from './app';

/** Provided by VS Code inside webviews; callable once per page load. */
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

/** Dashboard entry point (bundled to dist/dashboard.js): wires the browser globals into {@link startDashboard}. */
function boot(): void {
	const api = acquireVsCodeApi();
	startDashboard({ document, source: window, post: (msg) => api.postMessage(msg) });
}

boot();
