import { fencedBlock, formatLineRange, inlineCode, SYSTEM_PROMPT, type BuiltPrompt, type SelectionPromptInput } from './prompts';

/** One entry of `claudeAssistant.customActions`, validated: shown by its title, sent as its filled prompt. */
export interface CustomAction {
	title: string;
	/** Template with `{{selection}}`, `{{language}}` and `{{file}}` placeholders. */
	prompt: string;
}

/** The placeholders a template may use; anything else in `{{…}}` is a typo the user should hear about. */
export const CUSTOM_ACTION_PLACEHOLDERS = ['selection', 'language', 'file'] as const;

/** Longest title kept (a quick-pick label, not an essay). */
export const MAX_CUSTOM_ACTION_TITLE = 100;

const PLACEHOLDER = /\{\{\s*([\w.-]*)\s*\}\}/g;

/**
 * Reads the setting into usable actions. Bad entries (not an object, empty title or prompt, unknown keys or
 * placeholders, a title already taken) are skipped and described in `warnings`, so one typo does not hide the rest.
 */
export function parseCustomActions(raw: unknown): { actions: CustomAction[]; warnings: string[] } {
	const actions: CustomAction[] = [];
	const warnings: string[] = [];
	if (raw === undefined || raw === null) {
		return { actions, warnings };
	}
	if (!Array.isArray(raw)) {
		return { actions, warnings: ['claudeAssistant.customActions must be an array of { "title", "prompt" }'] };
	}
	raw.forEach((entry: unknown, index) => {
		const problem = entryProblem(entry, actions);
		if (problem) {
			warnings.push(`customActions[${index}]: ${problem}; skipped`);
		} else {
			const e = entry as { title: string; prompt: string };
			actions.push({ title: e.title.trim(), prompt: e.prompt });
		}
	});
	return { actions, warnings };
}

function entryProblem(entry: unknown, taken: readonly CustomAction[]): string | undefined {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
		return 'not an object with "title" and "prompt"';
	}
	const e = entry as Record<string, unknown>;
	const extra = Object.keys(e).filter((k) => k !== 'title' && k !== 'prompt');
	if (extra.length > 0) {
		return `unknown key${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`;
	}
	if (typeof e.title !== 'string' || e.title.trim() === '') {
		return 'needs a non-empty "title"';
	}
	if (e.title.trim().length > MAX_CUSTOM_ACTION_TITLE) {
		return `"title" is longer than ${MAX_CUSTOM_ACTION_TITLE} characters`;
	}
	if (typeof e.prompt !== 'string' || e.prompt.trim() === '') {
		return `"${e.title.trim()}" needs a non-empty "prompt"`;
	}
	const unknown = [...e.prompt.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !(CUSTOM_ACTION_PLACEHOLDERS as readonly string[]).includes(name));
	if (unknown.length > 0) {
		return `"${e.title.trim()}" uses unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')} (known: {{selection}}, {{language}}, {{file}})`;
	}
	const title = e.title.trim();
	if (taken.some((a) => a.title === title)) {
		return `the title "${title}" is used twice`;
	}
	return undefined;
}

/**
 * Fills a custom action's template from the selection: `{{selection}}` becomes the code in a fence its own backticks
 * cannot close (as the built-in prompts send it), `{{language}}` the language id, `{{file}}` the relative path. One
 * pass, so placeholder-like text inside the selection is never substituted. A template without `{{selection}}` still
 * gets the code, fenced after the instructions, since every custom action is about the selection.
 */
export function fillCustomAction(action: CustomAction, input: SelectionPromptInput): BuiltPrompt {
	let usedSelection = false;
	const filled = action.prompt.replace(PLACEHOLDER, (whole, name: string) => {
		switch (name) {
			case 'selection':
				usedSelection = true;
				return fencedBlock(input.code, input.languageId);
			case 'language':
				return input.languageId;
			case 'file':
				return input.file;
			default:
				return whole;
		}
	});
	const userText = usedSelection ? filled : [filled, '', fencedBlock(input.code, input.languageId)].join('\n');
	const heading = `${action.title}: ${inlineCode(input.file)} ${formatLineRange(input.startLine, input.endLine)}`;
	return { system: SYSTEM_PROMPT, userText, heading };
}
