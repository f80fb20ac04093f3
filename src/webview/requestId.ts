/** The part of `crypto` used for ids; `randomUUID` is missing outside secure contexts (plain-http remote hosts). */
export interface RandomSource {
	randomUUID?: () => string;
	getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
}

/**
 * Makes a request id for `chat/send` / `chat/continue` / `chat/retry`. The webview creates ids so it can match
 * streamed replies to the request it made; the host accepts only `/^[\w-]+$/`, which both branches satisfy.
 */
export function createRequestId(random: RandomSource): string {
	if (typeof random.randomUUID === 'function') {
		return random.randomUUID();
	}
	const bytes = random.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
