import * as vscode from 'vscode';
import { createServices } from './host/services';
import { createTestHandle, type TestHandle } from './host/testHandle';

export type { TestHandle } from './host/testHandle';

/**
 * Builds the services (see createServices) and logs how long activation took. Exports nothing in normal use: any
 * extension can read another's exports, and ours would reach the API key and spend on it. Only when VS Code runs
 * the extension for its own tests does it return the narrow, read-mostly {@link TestHandle}.
 */
export function activate(context: vscode.ExtensionContext): TestHandle | undefined {
	const started = Date.now();
	const demoMode = process.env.CLAUDE_ASSISTANT_OFFLINE_DEMO === '1';
	const services = createServices(context, demoMode);
	services.logger.info('activate', `activated in ${Date.now() - started} ms${demoMode ? ' (offline demo)' : ''}`);
	return context.extensionMode === vscode.ExtensionMode.Test ? createTestHandle(services, context) : undefined;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
