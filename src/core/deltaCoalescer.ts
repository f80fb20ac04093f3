/**
 * Coalesces streamed text deltas into one flush per interval, so the webview gets a few messages a second instead of
 * one per token. The owner appends flushed text to its turn only at flush time, so a snapshot never holds text that a
 * later delta would repeat.
 */
export class DeltaCoalescer {
	private pending = '';
	private timer: ReturnType<typeof setTimeout> | undefined;
	private seq = 0;

	constructor(private readonly intervalMs: number, private readonly onFlush: (text: string, seq: number) => void) {}

	/** Buffers a delta; the first one of an interval schedules the flush. */
	push(delta: string): void {
		this.pending += delta;
		this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
	}

	/** Delivers whatever is buffered now (before a terminal event, so no text is left behind). */
	flush(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (this.pending) {
			const text = this.pending;
			this.pending = '';
			this.onFlush(text, ++this.seq);
		}
	}
}
