/**
 * Bundle entry for dist/anthropic-sdk.js: the SDK on its own, so the extension loads it on the first
 * request rather than at activation (see esbuild.js, plugin lazy-sdk).
 */
export * from '@anthropic-ai/sdk';
export { default } from '@anthropic-ai/sdk';
