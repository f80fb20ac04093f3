import { WEBVIEW_COMMANDS } from '../shared/protocol';
import { isCodeBlockAction, runCodeBlockAction } from './codeBlocks';
import type { HostBridge } from './hostBridge';

/** What a `data-action` button may need: the host, fresh request ids, the clipboard and a timer. */
export interface ActionContext {
	bridge: HostBridge;
	newRequestId(): string;
	clipboard?: { writeText(text: string): Promise<void> };
	setTimeout(callback: () => void, ms: number): unknown;
	/** The user skipped a retry wait (after `chat/retryNow` was posted), so the countdown can say "retrying now". */
	onRetryNow?(requestId: string): void;
	/** "Show earlier messages" was clicked: ask the host for the page before the first shown turn. */
	onLoadEarlier?(): void;
}

/**
 * Handles a click anywhere in the chat by the nearest `button[data-action]`. One delegated handler instead of
 * per-button listeners, because answers are re-rendered every frame while streaming and would leak listeners.
 */
export function dispatchAction(target: EventTarget | null, ctx: ActionContext): void {
	const button = (target as Element | null)?.closest?.<HTMLButtonElement>('button[data-action]');
	if (!button || button.disabled) {
		return;
	}
	const turnId = button.closest<HTMLElement>('.turn')?.dataset.turnId;
	switch (button.dataset.action) {
		case 'continue':
		case 'retry':
		case 'sendAnyway':
			if (turnId) {
				button.disabled = true; // one request per click; the re-rendered turn brings a fresh button
				const action = button.dataset.action;
				const type = action === 'continue' ? 'chat/continue' : action === 'sendAnyway' ? 'chat/sendAnyway' : 'chat/retry';
				ctx.bridge.post({ type, requestId: ctx.newRequestId(), turnId });
			}
			break;
		case 'retryNow':
		case 'confirmSend':
		case 'cancel': {
			const requestId = button.closest<HTMLElement>('.retry-wait, .send-confirm')?.dataset.requestId;
			if (requestId) {
				button.disabled = true;
				if (button.dataset.action === 'retryNow') {
					ctx.bridge.post({ type: 'chat/retryNow', requestId });
					ctx.onRetryNow?.(requestId);
				} else if (button.dataset.action === 'confirmSend') {
					ctx.bridge.post({ type: 'chat/confirmSend', requestId });
					button.closest('.send-confirm')?.remove();
				} else {
					ctx.bridge.post({ type: 'chat/cancel', requestId });
				}
			}
			break;
		}
		case 'command': {
			const command = WEBVIEW_COMMANDS.find((c) => c === button.dataset.command);
			if (command) {
				ctx.bridge.post({ type: 'command/run', command });
			}
			break;
		}
		case 'loadEarlier':
			button.disabled = true; // re-enabled when the page arrives
			ctx.onLoadEarlier?.();
			break;
		case 'dismiss':
			button.closest('.notice')?.remove();
			break;
		case 'attachmentOpen':
		case 'attachmentRemove': {
			const id = button.closest<HTMLElement>('.chip')?.dataset.attachmentId;
			if (id) {
				ctx.bridge.post({ type: button.dataset.action === 'attachmentOpen' ? 'attachment/open' : 'attachment/remove', id });
			}
			break;
		}
		default:
			if (isCodeBlockAction(button.dataset.action)) {
				runCodeBlockAction(button, button.dataset.action, ctx);
			}
			break;
	}
}

/** For a `toggle` event: which user turn's code attachment opened or closed, if that is what toggled. */
export function attachmentToggle(target: EventTarget | null): { turnId: string; open: boolean } | undefined {
	const details = target as HTMLDetailsElement | null;
	if (!details?.classList?.contains('code-attachment')) {
		return undefined;
	}
	const turnId = details.closest<HTMLElement>('.turn')?.dataset.turnId;
	return turnId ? { turnId, open: details.open } : undefined;
}
