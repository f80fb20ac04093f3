import type * as vscode from 'vscode';
import { createServices, type ClaudeAssistantApi } from './host/services';

export type { ClaudeAssistantApi } from './host/services';

/** Builds the services (see createServices) and logs how long activation took. */
export function activate(context: vscode.ExtensionContext): ClaudeAssistantApi {
	const started = Date.now();
	const demoMode = process.env.CLAUDE_ASSISTANT_OFFLINE_DEMO === '1';
	const api = createServices(context, demoMode);
	api.logger.info('activate', `activated in ${Date.now() - started} ms${demoMode ? ' (offline demo)' : ''}`);
	return api;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
