import { MAX_CODE_CHARS } from '../shared/protocol';
import type { ActionContext } from './actions';

/** The buttons of a code block in an answer, in toolbar order; `copy` alone on attached code. */
export type CodeBlockAction = 'copy' | 'insertCode' | 'replaceCode' | 'newFile';

/**
 * Visible text stays short for a narrow sidebar; the accessible name starts with it (WCAG "label in name") and says
 * the rest, and `title` explains what happens on click.
 */
const BUTTONS: Record<CodeBlockAction, { text: string; label: string; title: string }> = {
	copy: { text: 'Copy', label: 'Copy code', title: 'Copy the code to the clipboard' },
	insertCode: { text: 'Insert', label: 'Insert at Cursor', title: 'Insert the code at the cursor of the last active editor' },
	replaceCode: { text: 'Replace', label: 'Replace Selection…', title: 'Replace the editor\'s selection with the code, after a diff preview you accept' },
	newFile: { text: 'New File', label: 'New File with this code', title: 'Open the code in a new untitled editor' },
};

const EDITOR_ACTIONS: readonly CodeBlockAction[] = ['insertCode', 'replaceCode', 'newFile'];

/** Options of {@link decorateCodeBlocks}. */
export interface DecorateOptions {
	/** Insert / Replace / New File next to Copy: true for answers, false for the user's own attached code. */
	editorActions?: boolean;
}

/** The fence tag of a `<code class="language-x">` (marked's output), or '' when the block has none. */
export function codeLanguage(code: Element | null): string {
	const cls = Array.from(code?.classList ?? []).find((c) => c.startsWith('language-'));
	return cls ? cls.slice('language-'.length) : '';
}

/**
 * Wraps every `<pre>` under `root` in a `.code-block` with a toolbar: the language label and the block's buttons.
 * Idempotent (a wrapped block is skipped), so it may run after every paint. Buttons carry `data-action` for the
 * single delegated click handler (src/webview/actions.ts); nothing here adds a listener.
 */
export function decorateCodeBlocks(root: HTMLElement, options: DecorateOptions = {}): void {
	const doc = root.ownerDocument;
	const actions: CodeBlockAction[] = ['copy', ...(options.editorActions === false ? [] : EDITOR_ACTIONS)];
	for (const pre of Array.from(root.querySelectorAll('pre'))) {
		if (pre.parentElement?.classList.contains('code-block')) {
			continue;
		}
		const language = codeLanguage(pre.querySelector('code'));
		const wrapper = doc.createElement('div');
		wrapper.className = 'code-block';
		wrapper.dataset.language = language;
		const toolbar = doc.createElement('div');
		toolbar.className = 'code-toolbar';
		toolbar.setAttribute('role', 'group');
		toolbar.setAttribute('aria-label', language ? `${language} code block` : 'Code block');
		const label = doc.createElement('span');
		label.className = 'code-lang';
		label.textContent = language;
		label.setAttribute('aria-hidden', 'true'); // the group's label says it
		toolbar.append(label, ...actions.map((a) => codeButton(doc, a)));
		pre.replaceWith(wrapper);
		wrapper.append(toolbar, pre);
	}
}

function codeButton(doc: Document, action: CodeBlockAction): HTMLButtonElement {
	const spec = BUTTONS[action];
	const button = doc.createElement('button');
	button.type = 'button';
	button.className = `code-action ${action === 'copy' ? 'copy' : action}`;
	button.dataset.action = action;
	button.textContent = spec.text;
	button.setAttribute('aria-label', spec.label);
	button.title = spec.title;
	return button;
}

/** True for the `data-action` values this file handles. */
export function isCodeBlockAction(action: string | undefined): action is CodeBlockAction {
	return action !== undefined && Object.hasOwn(BUTTONS, action);
}

/**
 * A code block button was clicked: Copy works locally (the webview's clipboard); Insert, Replace and New File go to
 * the host, which owns the editors. The code is the block's text as rendered (highlighting spans add no text).
 */
export function runCodeBlockAction(button: HTMLButtonElement, action: CodeBlockAction, ctx: ActionContext): void {
	const block = button.closest<HTMLElement>('.code-block');
	const code = block?.querySelector('pre')?.textContent ?? '';
	if (action === 'copy') {
		void copyCode(button, code, ctx);
		return;
	}
	if (code.length === 0 || code.length > MAX_CODE_CHARS) {
		return; // the host would refuse it; an empty block has nothing to insert
	}
	const language = block?.dataset.language ?? '';
	const type = action === 'insertCode' ? 'code/insert' : action === 'replaceCode' ? 'code/replace' : 'code/newFile';
	ctx.bridge.post({ type, code, language: /^[\w+#.-]{0,40}$/.test(language) ? language : '' });
}

async function copyCode(button: HTMLButtonElement, code: string, ctx: ActionContext): Promise<void> {
	const show = (text: string, label: string) => {
		button.textContent = text;
		button.setAttribute('aria-label', label);
	};
	try {
		if (!ctx.clipboard) {
			throw new Error('no clipboard');
		}
		await ctx.clipboard.writeText(code);
		show('Copied', 'Copied');
	} catch {
		show('Copy failed', 'Copy failed');
	}
	ctx.setTimeout(() => show(BUTTONS.copy.text, BUTTONS.copy.label), 1500);
}
