import * as vscode from 'vscode';
import type { TestHandle } from '../../src/extension';
import type { SessionEvent } from '../../src/core/session/types';
import { FakeAnthropicServer } from '../fake-anthropic/server';

export const EXTENSION_ID = 'claude-assistant-dev.claude-assistant';
export const TEST_KEY = 'sk-ant-test-key';

/**
 * Activates the extension under test and returns its test handle: what activate() exports when VS Code runs the
 * extension for its tests (ExtensionMode.Test). It reads state; it cannot reach the key or send a request.
 */
export async function getApi(): Promise<TestHandle> {
	const ext = vscode.extensions.getExtension<TestHandle | undefined>(EXTENSION_ID);
	if (!ext) {
		throw new Error(`${EXTENSION_ID} is not installed`);
	}
	const handle = await ext.activate();
	if (!handle) {
		throw new Error(`${EXTENSION_ID} exported no test handle: is it running in ExtensionMode.Test?`);
	}
	return handle;
}

/** Stores a key the way a user does: Claude: Set API Key, answering its password box (its messages are swallowed). */
export async function setKey(key: string): Promise<string[]> {
	return runCapturing('claudeAssistant.setApiKey', { inputs: [key] });
}

/** Deletes the stored key with Claude: Clear API Key. */
export async function clearKey(): Promise<string[]> {
	return runCapturing('claudeAssistant.clearApiKey');
}

type Terminal = Extract<SessionEvent, { type: 'chat/done' | 'chat/error' }>;

/**
 * Asks a question in the open chat the way a user does from the palette (Claude: Ask…, its input box answered
 * with `text`) and resolves with the answer's terminal event. Call without awaiting to act while it streams.
 */
export function ask(api: TestHandle, text: string, timeoutMs?: number): Promise<Terminal> {
	const terminal = nextTerminal(api, timeoutMs);
	const input = answerInputBox(text);
	void Promise.resolve(vscode.commands.executeCommand('claudeAssistant.ask')).finally(() => input.restore());
	return terminal;
}

/** Stops the running answer with Claude: Stop Answer. */
export async function stopAnswer(): Promise<void> {
	await vscode.commands.executeCommand('claudeAssistant.stopAnswer');
}

/** Points the extension at the fake server (user settings, as a user would). */
export async function useBaseUrl(url: string): Promise<void> {
	await vscode.workspace.getConfiguration('claudeAssistant').update('baseUrl', url, vscode.ConfigurationTarget.Global);
}

/**
 * Mocha hooks for a suite that drives the extension against a fake Anthropic server accepting `apiKeys`: start it
 * and point claudeAssistant.baseUrl at it; afterwards clear the stored key and the base URL and stop it. The
 * returned object's fields are filled in by the `before` hook.
 */
export function useFakeServer(apiKeys: string[]): { server: FakeAnthropicServer; api: TestHandle } {
	const ctx = {} as { server: FakeAnthropicServer; api: TestHandle };
	before(async () => {
		delete process.env.ANTHROPIC_API_KEY;
		ctx.server = await FakeAnthropicServer.start({ apiKeys });
		ctx.api = await getApi();
		await useBaseUrl(ctx.server.url);
	});
	after(async () => {
		await clearKey();
		await useBaseUrl('');
		await ctx.server.close();
	});
	return ctx;
}

/**
 * {@link useFakeServer} with the test key, and before each test a fresh server log, the test key and a new chat.
 */
export function useFakeAnthropic(): { server: FakeAnthropicServer; api: TestHandle } {
	const ctx = useFakeServer([TEST_KEY]);
	beforeEach(async () => {
		await setKey(TEST_KEY); // a test may have stored another key, or none
		ctx.server.reset();
		await vscode.commands.executeCommand('claudeAssistant.newChat');
	});
	return ctx;
}

export function workspaceUri(...parts: string[]): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) {
		throw new Error('the integration tests need a workspace folder');
	}
	return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Resolves with the next terminal session event (done or error). */
export function nextTerminal(api: TestHandle, timeoutMs = 15_000): Promise<Terminal> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error('no terminal event'));
		}, timeoutMs);
		const sub = api.onSessionEvent((e) => {
			if (e.type === 'chat/done' || e.type === 'chat/error') {
				clearTimeout(timer);
				sub.dispose();
				resolve(e);
			}
		});
	});
}

type MessageFn = (message: string, ...items: unknown[]) => Thenable<unknown>;

/**
 * Records what the extension shows with show{Information,Warning,Error}Message. The tests share the extension's
 * `vscode` API object (they live inside its folder), so replacing the functions here replaces them for it.
 */
export function captureMessages(): { messages: string[]; restore(): void } {
	const w = vscode.window as unknown as Record<string, MessageFn>;
	const names = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
	const originals = names.map((n) => w[n]);
	const messages: string[] = [];
	for (const n of names) {
		w[n] = async (message: string) => {
			messages.push(message);
			return undefined;
		};
	}
	return {
		messages,
		restore: () => names.forEach((n, i) => {
			w[n] = originals[i];
		}),
	};
}

type WindowFn = (...args: unknown[]) => Thenable<unknown>;

/**
 * Replaces one `vscode.window` function (shared with the extension, see captureMessages) with `answer` and records
 * its calls; restore() puts the original back.
 */
export function stubWindow(name: string, answer: (...args: unknown[]) => unknown): { calls: unknown[][]; restore(): void } {
	const w = vscode.window as unknown as Record<string, WindowFn>;
	const original = w[name];
	const calls: unknown[][] = [];
	w[name] = async (...args: unknown[]) => {
		calls.push(args);
		return answer(...args);
	};
	return { calls, restore: () => { w[name] = original; } };
}

/** Makes the next showInputBox calls answer with these values. */
export function answerInputBox(...answers: Array<string | undefined>): { restore(): void } {
	const w = vscode.window as unknown as { showInputBox: (...a: unknown[]) => Thenable<string | undefined> };
	const original = w.showInputBox;
	w.showInputBox = async () => answers.shift();
	return { restore: () => { w.showInputBox = original; } };
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
	const start = Date.now();
	while (!(await cond())) {
		if (Date.now() - start > timeoutMs) {
			throw new Error('timed out waiting for a condition');
		}
		await new Promise((r) => setTimeout(r, 25));
	}
}

/** Runs a command, answering its input boxes with `inputs`, and returns the messages it showed. */
export async function runCapturing(id: string, opts: { args?: unknown[]; inputs?: Array<string | undefined> } = {}): Promise<string[]> {
	const input = answerInputBox(...(opts.inputs ?? []));
	const shown = captureMessages();
	try {
		await vscode.commands.executeCommand(id, ...(opts.args ?? []));
	} finally {
		input.restore();
		shown.restore();
	}
	return shown.messages;
}
