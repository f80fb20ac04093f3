import type { Logger } from '../../../src/core/log/logger';

/** A Logger that keeps lines in memory so tests can assert on what was (and was not) logged. */
export class MemoryLogger implements Logger {
	readonly lines: string[] = [];
	/** Whether trace lines are kept (and built): off, a trace message is never built, as in VS Code below Trace. */
	tracing = true;
	trace(c: string, m: () => string): void {
		if (this.tracing) {
			this.lines.push(`trace [${c}] ${m()}`);
		}
	}
	debug(c: string, m: string): void { this.lines.push(`debug [${c}] ${m}`); }
	info(c: string, m: string): void { this.lines.push(`info [${c}] ${m}`); }
	warn(c: string, m: string): void { this.lines.push(`warn [${c}] ${m}`); }
	error(c: string, m: string): void { this.lines.push(`error [${c}] ${m}`); }
	at(level: string): string[] {
		return this.lines.filter((l) => l.startsWith(`${level} `));
	}
}
