/** Number formatting shared by the status bar (host) and the chat (webview), so both show the same figures. */

/**
 * Compact token count for the status bar, where every character costs space: `340`, `1.2k`, `12k`, `1.5M`.
 * One decimal only below 10 of a unit, where it still carries information.
 */
export function formatTokens(n: number): string {
	const v = Number.isFinite(n) && n > 0 ? n : 0;
	if (v < 1000) {
		return String(Math.round(v));
	}
	if (Math.round(v / 1000) < 1000) {
		return withUnit(v / 1000, 'k');
	}
	return withUnit(v / 1_000_000, 'M');
}

function withUnit(x: number, unit: string): string {
	const text = x < 9.95 ? x.toFixed(1).replace(/\.0$/, '') : String(Math.round(x));
	return `${text}${unit}`;
}

/** Rounds half away from zero at `decimals`, after removing binary noise (12.345 → 12.35, not 12.34). */
function roundTo(x: number, decimals: number): number {
	const scaled = Number((x * 10 ** decimals).toPrecision(12));
	return Math.round(scaled) / 10 ** decimals;
}

/**
 * Dollar amount that stays meaningful for tiny requests: cents for $1 and above (`$1.23`, `$12.35`), two
 * significant digits below (`$0.04`, `$0.004`, `$0.0004`), so a cheap Haiku request does not read as `$0.00`.
 */
export function formatUsd(x: number): string {
	if (!Number.isFinite(x)) {
		return '$?';
	}
	const sign = x < 0 ? '-' : '';
	const v = Math.abs(x);
	if (v === 0) {
		return '$0.00';
	}
	if (v < 0.000001) {
		return `${sign}<$0.000001`;
	}
	if (v >= 1 || roundTo(v, 2) >= 1) {
		return `${sign}$${roundTo(v, 2).toFixed(2)}`;
	}
	const decimals = Math.min(6, Math.max(2, Math.ceil(-Math.log10(v)) + 1));
	let text = roundTo(v, decimals).toFixed(decimals);
	while (text.endsWith('0') && text.length - text.indexOf('.') - 1 > 2) {
		text = text.slice(0, -1);
	}
	return `${sign}$${text}`;
}
