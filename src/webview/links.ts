import { MAX_URL_CHARS } from '../shared/protocol';
import type { HostBridge } from './hostBridge';

/**
 * Handles a click on a link in the chat: the webview never navigates itself, and VS Code's own webview link
 * handling (which would open any scheme it supports) is kept out by stopping the event here. The raw `href` goes to
 * the host, which opens http(s) only; relative links are sent as written, so they fail the host's check instead of
 * resolving against the webview's origin. A `#fragment` link does nothing. Returns true when the click was a link.
 */
export function interceptLinkClick(event: MouseEvent, bridge: Pick<HostBridge, 'post'>): boolean {
	const link = (event.target as Element | null)?.closest?.('a[href]');
	if (!link) {
		return false;
	}
	event.preventDefault();
	event.stopPropagation();
	const url = link.getAttribute('href')?.trim() ?? '';
	if (url !== '' && !url.startsWith('#') && url.length <= MAX_URL_CHARS) {
		bridge.post({ type: 'link/open', url });
	}
	return true;
}
