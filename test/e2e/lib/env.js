// Shared state between test/e2e/run.js and the specs: run.js fills it in before mocha loads the spec files.
'use strict';

/**
 * @type {{
 *   serverUrl: string,        // code-server base URL, e.g. http://127.0.0.1:41234
 *   workspaceDir: string,     // the temp copy of test/integration/fixtures/workspace that the workbench opens
 *   stateDir: string,         // code-server state (.state/e2e/server)
 *   resultsDir: string,       // test-results/ (screenshots)
 *   extensionId: string,      // claude-assistant-dev.claude-assistant
 *   fake: undefined | { url: string, requests: object[], reset(): void, enqueue(...r: object[]): void },
 *                             // the fake Anthropic server (out/test/fake-anthropic) that claudeAssistant.baseUrl points at
 *   apiKey: string,           // the key the fake server accepts
 *   pages: Set<import('playwright-core').Page>, // open workbench pages, screenshotted when a test fails
 * }}
 */
const env = {
	serverUrl: '',
	workspaceDir: '',
	stateDir: '',
	resultsDir: '',
	extensionId: 'claude-assistant-dev.claude-assistant',
	fake: undefined,
	apiKey: 'sk-ant-test-key',
	pages: new Set(),
};

module.exports = env;
