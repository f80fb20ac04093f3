import { countBreakpoints } from './usage';

/**
 * The API version whose removals (temperature, top_p, top_k) the fake enforces (docs/anthropic-api.md, Requests and
 * authentication).
 */
export const VERSION_2026 = '2026-10-21';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function isObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Checks shared by messages, count_tokens and batch entries: model, messages, removed params, breakpoints, thinking. */
function validateCommon(body: Json, version: string): string | undefined {
	if (!isObject(body)) {
		return 'Request body must be a JSON object.';
	}
	if (typeof body.model !== 'string' || body.model.length === 0) {
		return 'model: Field required';
	}
	if (!Array.isArray(body.messages)) {
		return 'messages: Field required';
	}
	if (body.messages.length === 0) {
		return 'messages: at least one message is required';
	}
	for (const [i, m] of body.messages.entries()) {
		if (!isObject(m) || !['user', 'assistant', 'system'].includes(String(m.role))) {
			return `messages.${i}.role: Input should be 'user', 'assistant' or 'system'`;
		}
		if (typeof m.content !== 'string' && !Array.isArray(m.content)) {
			return `messages.${i}.content: Field required`;
		}
	}
	if (version >= VERSION_2026) {
		for (const removed of ['temperature', 'top_p', 'top_k']) {
			if (removed in body) {
				return `${removed}: Extra inputs are not permitted`;
			}
		}
	}
	const breakpoints = countBreakpoints(body);
	if (breakpoints > 4) {
		return `A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`;
	}
	return undefined;
}

/**
 * The API's 400 checks for `POST /v1/messages` (docs/anthropic-api.md, Messages API). Returns the error message, or
 * undefined when the body is acceptable. Messages mimic the real API's wording where it is known.
 */
export function validateMessages(body: Json, version: string): string | undefined {
	const common = validateCommon(body, version);
	if (common) {
		return common;
	}
	if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 0) {
		return 'max_tokens: Field required';
	}
	const thinking = body.thinking;
	if (isObject(thinking) && thinking.type === 'enabled') {
		const budget = thinking.budget_tokens;
		if (typeof budget !== 'number' || budget < 1024) {
			return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
		}
		if (budget >= body.max_tokens) {
			return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
		}
	}
	return undefined;
}

/** 400 checks for `POST /v1/messages/count_tokens` (no max_tokens there). */
export function validateCountTokens(body: Json, version: string): string | undefined {
	return validateCommon(body, version);
}
