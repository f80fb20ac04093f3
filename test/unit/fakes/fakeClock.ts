/**
 * A clock whose time moves only when a test says so, with the timer shapes the code under test takes as
 * parameters: `sleep(ms, signal)` for the chat session's retry waits, `setInterval` for the webview countdown.
 * With `autoAdvance`, every sleep moves the clock forward at once, so retries cost no real time.
 */
export class FakeClock {
	private time = 0;
	private nextId = 1;
	private readonly timers = new Map<number, { at: number; callback: () => void; every?: number }>();
	/** Every duration passed to `sleep`, in call order. */
	readonly sleeps: number[] = [];

	constructor(private readonly autoAdvance = false) { }

	readonly now = (): number => this.time;

	/** Resolves after `ms` of fake time, or at once when `signal` aborts. */
	readonly sleep = (ms: number, signal: AbortSignal): Promise<void> => {
		this.sleeps.push(ms);
		if (this.autoAdvance) {
			this.time += ms;
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			const id = this.add(ms, () => resolve());
			signal.addEventListener('abort', () => {
				this.timers.delete(id);
				resolve();
			}, { once: true });
		});
	};

	readonly setInterval = (callback: () => void, ms: number): unknown => this.add(ms, callback, ms);

	readonly clearInterval = (handle: unknown): void => {
		this.timers.delete(handle as number);
	};

	/** Timers (sleeps and intervals) still waiting. */
	get pending(): number {
		return this.timers.size;
	}

	/** Moves time forward, firing each due timer in order (intervals repeatedly). */
	advance(ms: number): void {
		const end = this.time + ms;
		for (;;) {
			const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) {
				break;
			}
			const [id, timer] = due;
			this.time = timer.at;
			if (timer.every === undefined) {
				this.timers.delete(id);
			} else {
				timer.at += timer.every;
			}
			timer.callback();
		}
		this.time = end;
	}

	private add(ms: number, callback: () => void, every?: number): number {
		const id = this.nextId++;
		this.timers.set(id, { at: this.time + Math.max(0, ms), callback, every: every === undefined ? undefined : Math.max(1, every) });
		return id;
	}
}
