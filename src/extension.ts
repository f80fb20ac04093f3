import * as vscode from 'vscode';
import { createServices } from './host/services';
import { createTestHandle, type TestHandle } from './host/testHandle';

export type { TestHandle } from './host/testHandle';

/**
 * Builds the services (see createServices) and logs how long activation took, in wall time and CPU time (they differ on
 * a busy machine; `npm run bench` reads both). Exports nothing in normal use: any extension can read another's
 * exports, and ours would reach the API key and spend on it. Only when VS Code runs the extension for its own tests
 * does it return the narrow, read-mostly {@link TestHandle}.
 */
export function activate(context: vscode.ExtensionContext): TestHandle | undefined {
	const started = performance.now();
	const cpu = process.cpuUsage();
	const demoMode = process.env.CLAUDE_ASSISTANT_OFFLINE_DEMO === '1';
	const services = createServices(context, demoMode);
	const { user, system } = process.cpuUsage(cpu);
	const wall = (performance.now() - started).toFixed(1);
	services.logger.info('activate', `activated in ${wall} ms (CPU ${((user + system) / 1000).toFixed(1)} ms)${demoMode ? ' (offline demo)' : ''}`);
	return context.extensionMode === vscode.ExtensionMode.Test ? createTestHandle(services, context) : undefined;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
