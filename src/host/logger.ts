import * as vscode from 'vscode';
import type { Logger } from '../core/log/logger';
import { redactSecrets } from '../core/anthropic/errors';

/**
 * The "Claude Assistant" LogOutputChannel behind the core Logger interface. Every line is passed through
 * redactSecrets as a last line of defence: no level ever prints a key.
 */
export class OutputChannelLogger implements Logger, vscode.Disposable {
	readonly channel = vscode.window.createOutputChannel('Claude Assistant', { log: true });

	trace(component: string, message: () => string): void {
		if (this.channel.logLevel === vscode.LogLevel.Trace) {
			this.channel.trace(this.format(component, message()));
		}
	}
	debug(component: string, message: string): void {
		this.channel.debug(this.format(component, message));
	}
	info(component: string, message: string): void {
		this.channel.info(this.format(component, message));
	}
	warn(component: string, message: string): void {
		this.channel.warn(this.format(component, message));
	}
	error(component: string, message: string): void {
		this.channel.error(this.format(component, message));
	}

	show(): void {
		this.channel.show(true);
	}

	dispose(): void {
		this.channel.dispose();
	}

	private format(component: string, message: string): string {
		return `[${component}] ${redactSecrets(message)}`;
	}
}
