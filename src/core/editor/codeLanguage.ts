/** Common fence tags that are not themselves VS Code language ids. */
const FENCE_ALIASES: Readonly<Record<string, string>> = {
	ts: 'typescript',
	tsx: 'typescriptreact',
	js: 'javascript',
	jsx: 'javascriptreact',
	mjs: 'javascript',
	cjs: 'javascript',
	py: 'python',
	rb: 'ruby',
	rs: 'rust',
	golang: 'go',
	cs: 'csharp',
	'c#': 'csharp',
	'c++': 'cpp',
	cc: 'cpp',
	hpp: 'cpp',
	h: 'c',
	kt: 'kotlin',
	sh: 'shellscript',
	bash: 'shellscript',
	zsh: 'shellscript',
	shell: 'shellscript',
	console: 'shellscript',
	ps1: 'powershell',
	pwsh: 'powershell',
	yml: 'yaml',
	md: 'markdown',
	htm: 'html',
	svg: 'xml',
	json5: 'jsonc',
	docker: 'dockerfile',
	make: 'makefile',
	mk: 'makefile',
	objc: 'objective-c',
	tex: 'latex',
	text: 'plaintext',
	txt: 'plaintext',
	plain: 'plaintext',
	proto: 'proto3',
};

/**
 * The VS Code language id for a code fence's tag (`ts` → `typescript`), so New File opens with the right mode.
 * `known` lists the installed language ids: a tag that names one is used as is, an unknown tag gives plaintext.
 */
export function languageIdForFence(tag: string, known: readonly string[]): string {
	const t = tag.trim().toLowerCase();
	if (t === '') {
		return 'plaintext';
	}
	if (known.includes(t)) {
		return t;
	}
	const alias = FENCE_ALIASES[t];
	return alias && known.includes(alias) ? alias : 'plaintext';
}
