/*
 * Per-language conventions named in the Write Tests and Add Docs prompts, keyed by VS Code languageId. A hint, not a
 * rule: the prompt also asks the model to follow what the code itself shows (imports, existing comments).
 */

const TEST_FRAMEWORKS: Readonly<Record<string, string>> = {
	typescript: 'Vitest, Jest or Mocha (whichever the imports or file suggest; otherwise Vitest)',
	typescriptreact: 'Vitest or Jest with Testing Library',
	javascript: 'Vitest, Jest or Mocha (whichever the imports or file suggest; otherwise Vitest)',
	javascriptreact: 'Vitest or Jest with Testing Library',
	python: 'pytest',
	go: 'the standard `testing` package (table-driven tests)',
	rust: 'a `#[cfg(test)] mod tests` with `#[test]` functions',
	java: 'JUnit 5',
	kotlin: 'JUnit 5 or kotlin.test',
	csharp: 'xUnit',
	ruby: 'RSpec',
	php: 'PHPUnit',
	swift: 'XCTest',
	c: 'a small assert-based test or Unity',
	cpp: 'GoogleTest',
	dart: 'package:test',
	elixir: 'ExUnit',
	shellscript: 'bats',
};

const DOC_CONVENTIONS: Readonly<Record<string, string>> = {
	typescript: 'TSDoc/JSDoc `/** … */` comments',
	typescriptreact: 'TSDoc/JSDoc `/** … */` comments',
	javascript: 'JSDoc `/** … */` comments with @param and @returns',
	javascriptreact: 'JSDoc `/** … */` comments',
	python: 'PEP 257 docstrings',
	go: 'Go doc comments (`// Name …` right above each declaration)',
	rust: 'rustdoc `///` comments',
	java: 'Javadoc `/** … */` comments',
	kotlin: 'KDoc `/** … */` comments',
	csharp: 'XML documentation comments (`/// <summary>`)',
	ruby: 'YARD comments',
	php: 'PHPDoc `/** … */` comments',
	swift: 'Swift `///` documentation comments',
	c: 'Doxygen `/** … */` comments',
	cpp: 'Doxygen `/** … */` comments',
	dart: 'Dart `///` doc comments',
	elixir: '`@doc` and `@moduledoc` attributes',
	shellscript: '`#` comment blocks above each function',
};

function lookup(table: Readonly<Record<string, string>>, languageId: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(table, languageId) ? table[languageId] : undefined;
}

/** The test framework a project in this language most likely uses, or a neutral fallback. */
export function testFrameworkHint(languageId: string): string {
	return lookup(TEST_FRAMEWORKS, languageId) ?? `the test framework most common for ${languageId}`;
}

/** The documentation-comment convention of this language, or a neutral fallback. */
export function docConventionHint(languageId: string): string {
	return lookup(DOC_CONVENTIONS, languageId) ?? `the usual documentation-comment style of ${languageId}`;
}
