/**
 * The logging seam of core code. The host implements it over a LogOutputChannel; tests use a memory logger.
 * Components tag their lines so the output channel reads like a story of one request.
 */
export interface Logger {
	/** Builds the message only when tracing is on: a trace line may be expensive (a whole request's messages). */
	trace(component: string, message: () => string): void;
	debug(component: string, message: string): void;
	info(component: string, message: string): void;
	warn(component: string, message: string): void;
	error(component: string, message: string): void;
}

/** A logger that drops everything: for callers that genuinely need none. */
export const NULL_LOGGER: Logger = {
	trace: () => undefined,
	debug: () => undefined,
	info: () => undefined,
	warn: () => undefined,
	error: () => undefined,
};
