import * as assert from 'node:assert/strict';
import { DeltaCoalescer } from '../../../../src/core/session/deltaCoalescer';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeltaCoalescer', () => {
	it('delivers the first delta at once, so the first word waits for no interval', () => {
		const flushed: Array<[string, number]> = [];
		const c = new DeltaCoalescer(1000, (text, seq) => flushed.push([text, seq]));
		c.push('Hel');
		assert.deepEqual(flushed, [['Hel', 1]]);
		c.flush();
	});

	it('coalesces the later deltas of an interval into one flush, in order, with increasing seq', async () => {
		const flushed: Array<[string, number]> = [];
		const c = new DeltaCoalescer(30, (text, seq) => flushed.push([text, seq]));
		c.push('a');
		c.push('b');
		c.push('c');
		assert.deepEqual(flushed, [['a', 1]]);
		await tick(60);
		assert.deepEqual(flushed, [['a', 1], ['bc', 2]]);
		c.push('d');
		assert.deepEqual(flushed.length, 2, 'only the stream\'s first delta skips the interval');
		await tick(60);
		assert.deepEqual(flushed, [['a', 1], ['bc', 2], ['d', 3]]);
	});

	it('flush() delivers what is buffered at once and cancels the pending interval', async () => {
		const flushed: string[] = [];
		const c = new DeltaCoalescer(30, (text) => flushed.push(text));
		c.push('a');
		c.push('b');
		c.flush();
		c.flush();
		await tick(60);
		assert.deepEqual(flushed, ['a', 'b']);
	});
});
