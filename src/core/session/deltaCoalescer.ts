/**
 * Coalesces streamed text deltas into one flush per interval, so the webview gets a few messages a second instead of
 * one per token. The stream's first delta is delivered at once: the wait for the first word is what users feel, and
 * holding it for an interval would add the whole interval to it. The owner appends flushed text to its turn only at
 * flush time, so a snapshot never holds text that a later delta would repeat.
 */
export class DeltaCoalescer {
	private pending = '';
	private timer: ReturnType<typeof setTimeout> | undefined;
	private seq = 0;

	constructor(private readonly intervalMs: number, private readonly onFlush: (text: string, seq: number) => void) {}

	/** Delivers the stream's first delta now; buffers later ones, the first of an interval scheduling the flush. */
	push(delta: string): void {
		this.pending += delta;
		if (this.seq === 0 && this.timer === undefined) {
			this.flush();
			return;
		}
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
