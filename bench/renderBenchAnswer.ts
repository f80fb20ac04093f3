// The render benchmark's input: a deterministic ~100 KB markdown answer (headings, paragraphs with inline markup,
// nested and numbered lists, tables, quotes and code blocks in several languages) and its split into deltas.

/** mulberry32: seeded, so every run and machine renders the same answer in the same pieces. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = 'the parser reads each token once and keeps a small stack of open blocks so the renderer can stream output while the model is still writing the rest of the answer with care'.split(' ');

function sentence(random: () => number, i: number): string {
	const words = Array.from({ length: 8 + Math.floor(random() * 14) }, () => WORDS[Math.floor(random() * WORDS.length)]);
	const decorate = i % 4;
	if (decorate === 0) {
		words.splice(3, 0, `\`step${i}()\``);
	} else if (decorate === 1) {
		words.splice(2, 0, `**important ${i}**`);
	} else if (decorate === 2) {
		words.splice(4, 0, `[the docs](https://example.com/docs/${i})`);
	} else {
		words.splice(1, 0, `*note ${i}*`);
	}
	const text = words.join(' ');
	return text[0].toUpperCase() + text.slice(1) + '.';
}

const CODE: Array<(i: number) => string[]> = [
	(i) => ['```ts', `export function step${i}(input: readonly number[]): number {`, '\tlet total = 0;', '\tfor (const value of input) {',
		`\t\ttotal += value * ${i}; // weight by section`, '\t}', '\treturn total;', '}', '', `const result${i} = step${i}([1, 2, 3]);`, '```'],
	(i) => ['```python', `def step_${i}(values: list[int]) -> int:`, '    """Sum the values, weighted."""', '    total = 0',
		'    for value in values:', `        total += value * ${i}`, '    return total', '', `print(step_${i}([1, 2, 3]))`, '```'],
	(i) => ['```bash', 'set -euo pipefail', `for f in src/*.ts; do`, `  echo "checking $f (${i})"`, '  npx tsc --noEmit "$f"', 'done', '```'],
	(i) => ['```json', '{', `  "name": "section-${i}",`, '  "version": "1.0.0",', '  "scripts": { "build": "node esbuild.js", "test": "mocha" },',
		'  "private": true', '}', '```'],
];

/** A ~`targetBytes` markdown answer made of sections; deterministic for a given seed. */
export function benchAnswer(targetBytes = 100_000, seed = 42): string {
	const random = seededRandom(seed);
	const sections: string[] = [];
	let size = 0;
	for (let i = 0; size < targetBytes; i++) {
		const lines: string[] = [`## ${i + 1}. Section about step${i}`, '', `${sentence(random, i)} ${sentence(random, i + 1)}`, `${sentence(random, i + 2)}`, ''];
		lines.push(`- ${sentence(random, i + 3)}`, `- ${sentence(random, i + 4)}`, `  - nested ${sentence(random, i + 5)}`, `- ${sentence(random, i + 6)}`, '');
		lines.push(...CODE[i % CODE.length](i), '');
		if (i % 3 === 0) {
			lines.push(`1. ${sentence(random, i + 7)}`, `2. ${sentence(random, i + 8)}`, `3. ${sentence(random, i + 9)}`, '');
		}
		if (i % 5 === 0) {
			lines.push('| Case | Before | After |', '|------|--------|-------|', `| empty | ${i} ms | 1 ms |`, `| large | ${i * 10} ms | 2 ms |`, '');
		}
		if (i % 7 === 0) {
			lines.push(`> ${sentence(random, i + 10)}`, '');
		}
		const section = lines.join('\n') + '\n';
		sections.push(section);
		size += section.length;
	}
	return sections.join('').trimEnd() + '\n';
}

/** Splits `text` into `count` deltas of varying length (about ±50 % of the mean), in order. */
export function splitDeltas(text: string, count: number, seed = 7): string[] {
	const random = seededRandom(seed);
	const weights = Array.from({ length: count }, () => 0.5 + random());
	const sum = weights.reduce((a, b) => a + b, 0);
	const deltas: string[] = [];
	let start = 0;
	let acc = 0;
	for (let i = 0; i < count; i++) {
		acc += weights[i];
		const end = i === count - 1 ? text.length : Math.max(start + 1, Math.round((acc / sum) * text.length));
		deltas.push(text.slice(start, end));
		start = end;
	}
	return deltas;
}
