import { assertNever } from '../shared/assertNever';
import { PROTOCOL_VERSION, type AssistantTurn, type ChatTurn, type HistoryMarker, type HostToWebview, type UserTurn, type WebviewCommand } from '../shared/protocol';
import { attachmentToggle, dispatchAction, type ActionContext } from './actions';
import { ChatHeader } from './chatHeader';
import { Composer } from './composer';
import { renderChips } from './chips';
import { MentionPopup } from './mentions';
import { handleChatKeydown } from './keyboard';
import { LastExchange } from './lastExchange';
import { interceptLinkClick } from './links';
import type { HostBridge } from './hostBridge';
import type { MarkdownRenderer } from './markdown';
import { StreamRenderer, type FrameScheduler } from './render';
import { RetryCountdown, windowTicker, type Ticker } from './retryCountdown';
import { MAX_DOM_TURNS, TranscriptWindow } from './transcriptWindow';
import { parseUiState, type UiState } from './uiState';
import { createAssistantTurn, createHistoryMarker, createNotice, showNotice, createSendConfirm, createUserTurn, paintAssistantBody, queryChatDom, type ChatDom } from './view';

/** Everything the chat UI touches, injected so unit tests run it on jsdom with a fake host and fake frames. */
export interface ChatAppDeps {
	document: Document;
	bridge: HostBridge;
	markdown: MarkdownRenderer;
	frames: FrameScheduler;
	newRequestId(): string;
	clipboard?: { writeText(text: string): Promise<void> };
	/** Clock and interval timer of the retry countdown; default: the document's window and Date.now. */
	ticker?: Ticker;
}

/** Within this many pixels of the end counts as "at the bottom" (follow new text). */
const PIN_SLACK_PX = 40;

function isAtBottom(el: HTMLElement): boolean {
	return el.scrollHeight - el.scrollTop - el.clientHeight < PIN_SLACK_PX;
}


/**
 * The chat webview: mirrors the host's conversation, streams answers and sends the user's actions back. It keeps
 * no conversation state of its own beyond what is on screen: `state/init` rebuilds everything, and only the
 * draft, scroll offset and expanded attachments survive in `setState`.
 */
export class ChatApp {
	private readonly dom: ChatDom;
	private readonly ui: UiState;
	private readonly streams: StreamRenderer;
	private readonly composer: Composer;
	private readonly mentions: MentionPopup;
	private readonly countdown: RetryCountdown;
	private readonly turnEls = new Map<string, HTMLElement>();
	/** Bounds the transcript's DOM in long chats (older turns on request). */
	private readonly window: TranscriptWindow;
	/** Edit / Regenerate on the last exchange. */
	private readonly lastExchange: LastExchange;
	/** The history divider, re-placed when earlier turns come back. */
	private historyMarker: HistoryMarker | undefined;
	/** History list and model picker. */
	private readonly header: ChatHeader;
	private activeRequestId: string | undefined;
	private activeTurnId: string | undefined;
	private lastSeq = 0;
	private demoMode = false;
	private firstInit = true;

	constructor(private readonly deps: ChatAppDeps) {
		this.dom = queryChatDom(deps.document);
		this.ui = parseUiState(deps.bridge.getState());
		this.dom.prompt.value = this.ui.draft;
		this.streams = new StreamRenderer(deps.frames, (id, text, appended) => this.paint(id, text, appended));
		this.window = new TranscriptWindow(this.dom.transcript, this.turnEls);
		this.header = new ChatHeader(deps.document, deps.bridge);
		this.lastExchange = new LastExchange(deps.document, this.dom.transcript, deps.bridge, () => deps.newRequestId());
		this.countdown = new RetryCountdown(deps.document, deps.ticker ?? windowTicker(deps.document));
		this.composer = new Composer(this.dom, {
			bridge: deps.bridge,
			newRequestId: () => deps.newRequestId(),
			activeRequestId: () => this.activeRequestId,
			onDraftChanged: () => this.saveState(),
			warn: (message) => this.showNotice('warning', message),
		});
		this.mentions = new MentionPopup(deps.document, this.dom.prompt, this.dom.mentions, deps.bridge);
		this.wireEvents();
	}

	/** Subscribes to the host and sends `ready` (the host's ready gate answers with `state/init`). */
	start(): () => void {
		const unsubscribe = this.deps.bridge.onMessage((msg) => this.handle(msg));
		this.deps.bridge.post({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
		return unsubscribe;
	}

	/** Applies one host message. Exhaustive: a new protocol message does not compile until handled here. */
	handle(msg: HostToWebview): void {
		switch (msg.type) {
			case 'state/init':
				this.demoMode = msg.demoMode;
				this.setKeyBanner(msg.hasApiKey);
				this.init(msg.snapshot.turns, msg.busy, msg.snapshot.omitted ?? 0);
				this.setHistoryMarker(msg.snapshot.historyMarker);
				break;
			case 'key/changed':
				this.setKeyBanner(msg.hasApiKey);
				break;
			case 'chat/started':
				this.started(msg.requestId, msg.assistant, msg.user);
				break;
			case 'chat/delta':
				this.delta(msg.requestId, msg.seq, msg.text);
				break;
			case 'chat/done':
				this.finished(msg.requestId, msg.turn);
				break;
			case 'chat/error':
				this.finished(msg.requestId, { ...msg.turn, status: 'error', error: msg.turn.error ?? msg.error });
				break;
			case 'chat/retrying':
				this.retrying(msg);
				break;
			case 'chat/confirm':
				this.confirm(msg.requestId, msg.text);
				break;
			case 'chat/history':
				this.setHistoryMarker(msg.marker);
				break;
			case 'chat/earlier':
				this.earlier(msg.beforeTurnId, msg.turns, msg.omitted);
				break;
			case 'composer/focus':
				this.composer.focus();
				break;
			case 'attachments/changed':
				renderChips(this.deps.document, this.dom.attachments, msg.items, true);
				break;
			case 'mention/results':
				this.mentions.results(msg.queryId, msg.items, msg.complete);
				break;
			case 'conversations/list':
				this.header.showConversations(msg.items, msg.currentId);
				break;
			case 'models/list':
				this.header.showModels(msg.models, msg.selected);
				break;
			case 'notice':
				this.composer.restore();
				this.showNotice(msg.level, msg.message, msg.action);
				break;
			default:
				assertNever(msg);
		}
	}

	private init(all: ChatTurn[], busy: boolean, omitted: number): void {
		this.countdown.clear();
		this.streams.clear();
		this.turnEls.clear();
		this.dom.transcript.replaceChildren();
		const turns = all.slice(-MAX_DOM_TURNS);
		turns.forEach((turn) => this.upsert(turn));
		this.window.reset(omitted + all.length - turns.length);
		const last = turns.at(-1);
		this.activeRequestId = undefined;
		this.lastSeq = 0;
		this.activeTurnId = busy && last?.role === 'assistant' && last.status === 'streaming' ? last.id : undefined;
		if (last && this.activeTurnId) {
			this.streams.reset(last.id, last.text);
		}
		this.setBusy(busy);
		const t = this.dom.transcript;
		t.scrollTop = this.firstInit && !this.ui.pinned ? this.ui.scrollTop : t.scrollHeight;
		this.firstInit = false;
	}

	private started(requestId: string, assistant: AssistantTurn, user: UserTurn | undefined): void {
		this.countdown.clear();
		this.composer.acknowledge(requestId);
		this.activeRequestId = requestId;
		this.activeTurnId = assistant.id;
		this.lastSeq = 0;
		this.keepScrolled(() => {
			if (user) {
				this.upsert(user);
			}
			this.upsert(assistant);
		});
		if (isAtBottom(this.dom.transcript)) {
			this.window.trim(); // a reader scrolled back keeps the turns they are reading
		}
		this.streams.reset(assistant.id, assistant.text);
		this.setBusy(true);
	}

	/**
	 * Whether a streaming message belongs to the running request. A request we stopped or replaced must not touch
	 * the current answer; after a busy `state/init`, the host's `chat/started` names the request that is running.
	 */
	private isActiveRequest(requestId: string): boolean {
		return requestId === this.activeRequestId;
	}

	/** The answer element `requestId` streams into, if it is the running request. */
	private activeAnswerEl(requestId: string): HTMLElement | undefined {
		return this.isActiveRequest(requestId) && this.activeTurnId !== undefined ? this.turnEls.get(this.activeTurnId) : undefined;
	}

	private delta(requestId: string, seq: number, text: string): void {
		if (!this.isActiveRequest(requestId) || seq <= this.lastSeq || this.activeTurnId === undefined) {
			return; // stale, duplicate or out of order
		}
		this.lastSeq = seq;
		this.countdown.clear();
		this.streams.append(this.activeTurnId, text);
	}

	/** The host waits before retrying the running request: show the countdown with Retry Now and Cancel. */
	private retrying(msg: Extract<HostToWebview, { type: 'chat/retrying' }>): void {
		const node = this.activeAnswerEl(msg.requestId);
		if (node) {
			this.keepScrolled(() => this.countdown.show(node, msg));
		}
	}

	/** A large request waits for Send / Cancel: show its estimate inside the answer. */
	private confirm(requestId: string, text: string): void {
		const node = this.activeAnswerEl(requestId);
		if (node) {
			this.keepScrolled(() => {
				node.querySelector('.send-confirm')?.remove();
				node.append(createSendConfirm(this.deps.document, requestId, text));
			});
		}
	}

	/** Moves the "N earlier messages summarized" divider before the turn where the sent history begins. */
	private setHistoryMarker(marker: HistoryMarker | undefined): void {
		this.historyMarker = marker;
		this.dom.transcript.querySelector('.history-marker')?.remove();
		const before = marker ? this.turnEls.get(marker.beforeTurnId) : undefined;
		if (marker && before?.isConnected) {
			before.before(createHistoryMarker(this.deps.document, marker.text));
		}
	}

	/** A terminal message: the final turn replaces whatever was streamed, even for a request already replaced. */
	private finished(requestId: string, turn: AssistantTurn): void {
		const isActive = requestId === this.activeRequestId;
		if (isActive) {
			this.countdown.clear();
			this.activeRequestId = undefined;
			this.activeTurnId = undefined;
			this.setBusy(false);
		}
		this.composer.restore(requestId);
		this.streams.finish(turn.id);
		this.keepScrolled(() => this.upsert(turn));
	}

	/** A page of earlier turns arrived: put it above the first shown turn, where the reader is looking. */
	private earlier(beforeTurnId: string, turns: ChatTurn[], omitted: number): void {
		if (beforeTurnId !== this.window.firstTurnId()) {
			return; // the transcript changed meanwhile (new chat, reload)
		}
		const nodes = turns.map((turn) => {
			const node = this.buildTurn(turn);
			this.turnEls.set(turn.id, node);
			return node;
		});
		this.window.prepend(nodes, omitted);
		this.setHistoryMarker(this.historyMarker);
	}

	private buildTurn(turn: ChatTurn): HTMLElement {
		const { document, markdown } = this.deps;
		return turn.role === 'user'
			? createUserTurn(document, turn, markdown, this.ui.expanded.includes(turn.id))
			: createAssistantTurn(document, turn, markdown, this.turnEls.get(turn.id)); // a streamed body is kept
	}

	/** Replaces a turn's element in place (Continue and Retry reuse the turn id) or appends a new one. */
	private upsert(turn: ChatTurn): void {
		const node = this.buildTurn(turn);
		const old = this.turnEls.get(turn.id);
		if (node === old) {
			// A streamed answer that finished was updated in place (its body stays in the DOM): no transcript child
			// changed, so tell LastExchange, which otherwise follows turns being added or replaced.
			this.lastExchange.refresh();
		} else if (old?.isConnected) {
			old.replaceWith(node);
		} else {
			this.dom.transcript.append(node);
		}
		this.turnEls.set(turn.id, node);
		this.dom.empty.hidden = true;
	}

	private paint(turnId: string, text: string, appended: string | undefined): void {
		const node = this.turnEls.get(turnId);
		if (node) {
			this.keepScrolled(() => paintAssistantBody(node, this.deps.markdown, text, appended));
		}
	}

	/** Runs a DOM change and keeps the transcript pinned to the bottom if it was there; reading older turns is not disturbed. */
	private keepScrolled(change: () => void): void {
		const t = this.dom.transcript;
		const atBottom = isAtBottom(t);
		change();
		if (atBottom) {
			t.scrollTop = t.scrollHeight;
		}
	}

	private setBusy(busy: boolean): void {
		this.composer.setBusy(busy);
		// Not aria-busy on the transcript: the streaming answer is its own busy live region (view.ts), so settling
		// does not re-announce the whole conversation.
		this.dom.empty.hidden = this.turnEls.size > 0;
	}

	private setKeyBanner(hasApiKey: boolean): void {
		this.dom.demoBanner.hidden = !this.demoMode;
		this.dom.noKey.hidden = this.demoMode || hasApiKey;
	}

	private showNotice(level: 'info' | 'warning' | 'error', message: string, action?: WebviewCommand): void {
		showNotice(this.dom.notices, createNotice(this.deps.document, level, message, action));
	}

	private saveState(): void {
		this.ui.draft = this.dom.prompt.value;
		this.ui.scrollTop = this.dom.transcript.scrollTop;
		this.ui.pinned = isAtBottom(this.dom.transcript);
		this.deps.bridge.setState(this.ui);
	}

	private wireEvents(): void {
		const { transcript, root } = this.dom;
		transcript.addEventListener('scroll', () => this.saveState(), { passive: true });
		// 'toggle' does not bubble: listen in the capture phase for every attachment's <details>.
		transcript.addEventListener('toggle', (e) => {
			const toggled = attachmentToggle(e.target);
			if (toggled) {
				this.ui.expanded = this.ui.expanded.filter((id) => id !== toggled.turnId);
				if (toggled.open) {
					this.ui.expanded.push(toggled.turnId);
				}
				this.saveState();
			}
		}, true);
		const win = this.deps.document.defaultView;
		const ctx: ActionContext = {
			bridge: this.deps.bridge,
			newRequestId: () => this.deps.newRequestId(),
			clipboard: this.deps.clipboard,
			setTimeout: (cb, ms) => win?.setTimeout(cb, ms),
			onRetryNow: (requestId) => this.countdown.skip(requestId),
			onLoadEarlier: () => {
				const beforeTurnId = this.window.firstTurnId();
				if (beforeTurnId) {
					this.deps.bridge.post({ type: 'chat/loadEarlier', beforeTurnId });
				}
			},
		};
		root.addEventListener('click', (e) => {
			if (!interceptLinkClick(e, this.deps.bridge)) {
				dispatchAction(e.target, ctx);
			}
		});
		root.addEventListener('keydown', (e) => handleChatKeydown(e, () => this.composer.stop()));
	}
}
