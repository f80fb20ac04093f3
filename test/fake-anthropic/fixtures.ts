import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitEvents } from './sse';

/**
 * The fixtures live next to the sources; tsc does not copy them to `out/`, so from the compiled file we walk back to
 * the source tree.
 */
export function defaultFixturesDir(): string {
	const candidates = [
		path.join(__dirname, 'fixtures', 'sse'),
		path.resolve(__dirname, '..', '..', '..', 'test', 'fake-anthropic', 'fixtures', 'sse'),
	];
	return candidates.find((d) => fs.existsSync(d)) ?? candidates[0];
}

/** Reads `<dir>/<name>.sse` (the extension is optional in `name`) split into events. */
export function loadFixture(dir: string, name: string): string[] {
	const file = path.join(dir, name.endsWith('.sse') ? name : `${name}.sse`);
	return splitEvents(fs.readFileSync(file, 'utf8'));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Folds fixture events into the `Message` a non-streaming request would have returned, so a fixture can also serve
 * `messages.create()` without a second copy of the data. Returns an error body when the fixture contains an error event.
 */
export function accumulateFixture(events: readonly string[]): { message?: Json; error?: Json } {
	let message: Json;
	for (const raw of events) {
		const line = raw.split(/\r?\n/).find((l) => l.startsWith('data:'));
		if (!line) {
			continue;
		}
		const ev = JSON.parse(line.slice(5));
		switch (ev.type) {
			case 'message_start':
				message = { stop_details: null, container: null, diagnostics: null, ...ev.message, content: [] };
				break;
			case 'content_block_start':
				message.content[ev.index] = { ...ev.content_block };
				break;
			case 'content_block_delta': {
				const block = message.content[ev.index];
				const d = ev.delta;
				if (d.type === 'text_delta') {
					block.text += d.text;
				} else if (d.type === 'thinking_delta') {
					block.thinking += d.thinking;
				} else if (d.type === 'signature_delta') {
					block.signature = d.signature;
				} else if (d.type === 'input_json_delta') {
					block.partial = (block.partial ?? '') + d.partial_json;
				}
				break;
			}
			case 'content_block_stop': {
				const block = message.content[ev.index];
				if ('partial' in block) {
					block.input = block.partial ? JSON.parse(block.partial) : {};
					delete block.partial;
				}
				break;
			}
			case 'message_delta':
				Object.assign(message, ev.delta);
				message.usage = { ...message.usage, ...Object.fromEntries(Object.entries(ev.usage ?? {}).filter(([, v]) => v != null)) };
				break;
			case 'error':
				return { error: ev };
		}
	}
	return { message };
}
