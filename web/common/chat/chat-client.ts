// One conversation as the page sees it: the messages (ordered by seq, each once), the messages on
// their way to the server, the state, the other side's typing, and how the page is connected.
//
// - Sending: every message gets a client message id; a network failure (or a 5xx) retries the SAME
//   id with a backoff, so the server stores it once; after a few attempts it waits for «Повторить».
// - Live: a WebSocket subscription resumed with afterSeq = the last seq seen; while the socket is
//   down, GET ?afterSeq= every 3 s. Whatever the source, messages are merged by id.
// - The citizen's side creates the conversation on the first message, not on opening the chat.
//
// Framework-free; React reads it with useSyncExternalStore (use-chat.ts).
import { chatAttachmentTypes, MAX_CHAT_ATTACHMENT_BYTES } from '../../../shared/contracts/chat.ts';
import type { ServerFrame } from '../../../shared/ws-protocol.ts';
import { toApiError, type ApiError } from '../api.ts';
import { i18n } from '../i18n.ts';
import {
  createConversation,
  fetchConversation,
  postOperatorMessage,
  sendCitizenMessage,
  uploadAttachment,
  type ChatMessage,
  type ConversationState,
  type CreatedConversation,
} from './chat-api.ts';
import { ChatSocket } from './chat-socket.ts';
import { newClientMessageId } from './ids.ts';

export type ChatRole = 'citizen' | 'staff';
/** A message; `provisional` marks a bot reply taken from the send response before its real seq is known. */
export type ChatEntry = ChatMessage & { provisional?: boolean };
export type PendingMessage = {
  clientMessageId: string;
  text: string;
  payload?: string;
  internal: boolean;
  status: 'sending' | 'retrying' | 'failed';
  error: string | null;
  /** a file on its way: what it is and how much of it went up (0…1) */
  file?: { name: string; size: number; type: string; progress: number };
  /** refused for good (too large, wrong type): sending again would not help */
  permanent?: boolean;
};
export type LinkStatus = 'idle' | 'connecting' | 'live' | 'polling';

export type ChatSnapshot = {
  conversationId: string | null;
  loading: boolean;
  loadError: ApiError | null;
  messages: readonly ChatEntry[];
  pending: readonly PendingMessage[];
  state: ConversationState | null;
  handoffReason: string | null;
  waitingSince: string | null;
  expectedWaitMinutes: number | null;
  /** the other side is typing */
  typing: 'citizen' | 'operator' | null;
  link: LinkStatus;
};

export type ChatClientOptions = {
  role: ChatRole;
  conversationId?: string | null;
  /** the conversation token (anonymous visitors) */
  token?: string | null;
  /** staff: the operator's own name, for their messages (the socket's message frames carry no names) */
  selfName?: string;
  /** a conversation was created on the first message: keep {id, token} */
  onCreated?(created: CreatedConversation): void;
  /** the server does not know the conversation (or no longer lets this page in) */
  onGone?(): void;
  /** the session ended (401) */
  onUnauthorized?(): void;
};

const POLL_MS = 3_000;
const WAIT_REFRESH_MS = 30_000;
const TYPING_SHOWN_MS = 5_000;
const TYPING_SEND_EVERY_MS = 2_000;
const AUTO_RETRIES = 5;

const initial = (conversationId: string | null): ChatSnapshot => ({
  conversationId,
  loading: conversationId !== null,
  loadError: null,
  messages: [],
  pending: [],
  state: null,
  handoffReason: null,
  waitingSince: null,
  expectedWaitMinutes: null,
  typing: null,
  link: 'idle',
});

const sleep = (ms: number) => new Promise<void>((r) => window.setTimeout(r, ms));

export class ChatClient {
  readonly role: ChatRole;
  private snap: ChatSnapshot;
  private token: string | null;
  private readonly opts: ChatClientOptions;
  private readonly listeners = new Set<() => void>();
  private socket: ChatSocket | null = null;
  private subscribed = false;
  private running = false;
  private pollTimer: number | undefined;
  private waitTimer: number | undefined;
  private typingTimer: number | undefined;
  private creating: Promise<string> | null = null;
  private loadingNow = false;
  private loadAgain = false;
  private loadedOnce = false;
  private lastTypingSent = 0;
  /** bumped by reset(): answers to calls made before it are dropped */
  private generation = 0;
  /** the files of pending uploads, by client message id (kept for «Повторить») */
  private readonly files = new Map<string, File>();

  constructor(opts: ChatClientOptions) {
    this.opts = opts;
    this.role = opts.role;
    this.token = opts.token ?? null;
    this.snap = initial(opts.conversationId ?? null);
  }

  // --- store ---------------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ChatSnapshot => this.snap;

  get conversationId(): string | null {
    return this.snap.conversationId;
  }

  get conversationToken(): string | null {
    return this.token;
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }

  // --- lifecycle -------------------------------------------------------------------------------

  /** Loads the conversation (if there is one yet) and keeps it live. Safe to call twice. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.waitTimer = window.setInterval(() => {
      // the expected wait changes with the queue; the citizen sees it refreshed while waiting
      if (this.role === 'citizen' && this.snap.state === 'waiting') void this.load();
    }, WAIT_REFRESH_MS);
    if (this.snap.conversationId) this.goLive();
  }

  stop(): void {
    this.running = false;
    window.clearInterval(this.waitTimer);
    this.closeTransport();
  }

  /** Forgets the conversation (a new one starts with the next message). */
  reset(): void {
    this.generation += 1;
    this.closeTransport();
    this.token = null;
    this.creating = null;
    this.files.clear();
    this.loadedOnce = false;
    this.snap = initial(null);
    this.update({ loading: false });
  }

  private goLive(): void {
    void this.load();
    this.connect();
  }

  private closeTransport(): void {
    this.socket?.stop();
    this.socket = null;
    this.subscribed = false;
    window.clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    window.clearTimeout(this.typingTimer);
    if (this.snap.link !== 'idle') this.update({ link: 'idle' });
  }

  private connect(): void {
    if (this.socket || !this.running) return;
    this.update({ link: 'connecting' });
    this.socket = new ChatSocket({
      onOpen: () => this.subscribeFrame(),
      onFrame: (f) => this.onFrame(f),
      onDown: () => {
        this.subscribed = false;
        this.update({ link: 'polling' });
        this.startPolling();
      },
    });
    this.socket.start();
  }

  private subscribeFrame(): void {
    const id = this.snap.conversationId;
    if (!id) return;
    this.socket?.send({ type: 'subscribe', conversationId: id, afterSeq: this.lastSeq(), ...(this.token ? { token: this.token } : {}) });
  }

  private startPolling(): void {
    if (this.pollTimer !== undefined) return;
    this.pollTimer = window.setInterval(() => {
      if (this.subscribed) return;
      void this.load();
    }, POLL_MS);
  }

  private stopPolling(): void {
    window.clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  // --- incoming --------------------------------------------------------------------------------

  private onFrame(frame: ServerFrame): void {
    const id = this.snap.conversationId;
    switch (frame.type) {
      case 'subscribed':
        if (frame.conversationId !== id) return;
        this.subscribed = true;
        this.stopPolling();
        if (frame.state !== this.snap.state && this.snap.state !== null) {
          this.update({ link: 'live', state: frame.state });
          if (this.role === 'citizen') void this.load();
        } else {
          this.update({ link: 'live', state: frame.state });
        }
        return;
      case 'message':
        if (frame.conversationId === id) this.merge([frame.message]);
        return;
      case 'state':
        if (frame.conversationId !== id) return;
        this.update({ state: frame.state, ...(frame.expectedWaitMinutes !== null ? { expectedWaitMinutes: frame.expectedWaitMinutes } : {}) });
        // the frame carries no wait estimate or handover reason: the citizen's view asks for them
        if (this.role === 'citizen') void this.load();
        return;
      case 'typing':
        if (frame.conversationId !== id) return;
        if ((this.role === 'citizen' && frame.author !== 'operator') || (this.role === 'staff' && frame.author !== 'citizen')) return;
        window.clearTimeout(this.typingTimer);
        this.update({ typing: frame.author });
        this.typingTimer = window.setTimeout(() => this.update({ typing: null }), TYPING_SHOWN_MS);
        return;
      case 'error':
        // a subscription refused (the conversation is gone, or the token no longer fits): REST says which
        if (frame.code === 'CONVERSATION_NOT_FOUND') void this.load();
        return;
      default:
        return;
    }
  }

  private lastSeq(): number {
    let max = 0;
    for (const m of this.snap.messages) if (!m.provisional && m.seq > max) max = m.seq;
    return max;
  }

  /** Adds messages by id (a real message replaces a provisional one); pending sends they confirm disappear. */
  private merge(incoming: readonly ChatEntry[]): void {
    const byId = new Map(this.snap.messages.map((m) => [m.id, m] as const));
    let changed = false;
    let typing = this.snap.typing;
    for (const m of incoming) {
      const old = byId.get(m.id);
      if (old && m.provisional) continue;
      if (!m.provisional && typing && m.author === typing) typing = null;
      if (old && !old.provisional && old.seq === m.seq && old.text === m.text && old.internal === m.internal && (m.authorName ?? old.authorName) === old.authorName) continue;
      byId.set(m.id, old ? { ...m, authorName: m.authorName ?? old.authorName } : m);
      changed = true;
    }
    if (!changed && typing === this.snap.typing) return;
    const messages = [...byId.values()].sort((a, b) => a.seq - b.seq || Number(Boolean(a.provisional)) - Number(Boolean(b.provisional)));
    const confirmed = new Set(messages.map((m) => m.clientMessageId).filter((x): x is string => Boolean(x)));
    const pending = this.snap.pending.filter((p) => !confirmed.has(p.clientMessageId));
    this.update({ messages, pending, typing });
  }

  /** GET the conversation (after the last seen seq once something is loaded) and merge it. */
  async load(): Promise<void> {
    const id = this.snap.conversationId;
    if (!id) return;
    if (this.loadingNow) {
      this.loadAgain = true;
      return;
    }
    this.loadingNow = true;
    const gen = this.generation;
    try {
      const after = this.loadedOnce ? this.lastSeq() : 0;
      const c = await fetchConversation(id, this.token, after > 0 ? after : undefined);
      if (gen !== this.generation) return;
      this.loadedOnce = true;
      this.merge(c.messages);
      this.update({
        loading: false,
        loadError: null,
        state: c.state,
        handoffReason: c.handoffReason,
        waitingSince: c.waitingSince,
        expectedWaitMinutes: c.expectedWaitMinutes,
      });
    } catch (err) {
      if (gen !== this.generation) return;
      const e = toApiError(err);
      // a network hiccup while polling keeps what is shown; only a failed first load is an error
      if (!this.loadedOnce || e.status === 404) this.update({ loading: false, loadError: e });
      if (e.status === 401) this.opts.onUnauthorized?.();
      if (e.status === 404) {
        this.closeTransport();
        this.opts.onGone?.();
      }
    } finally {
      this.loadingNow = false;
      if (this.loadAgain && gen === this.generation) {
        this.loadAgain = false;
        void this.load();
      }
    }
  }

  // --- outgoing --------------------------------------------------------------------------------

  /** Sends a message (a citizen's, with a bot button's payload; or the operator's reply or note). */
  send(text: string, opts: { payload?: string; internal?: boolean } = {}): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    const p: PendingMessage = { clientMessageId: newClientMessageId(), text: trimmed, payload: opts.payload, internal: opts.internal ?? false, status: 'sending', error: null };
    this.update({ pending: [...this.snap.pending, p] });
    void this.deliver(p.clientMessageId);
  }

  /** Sends a failed message again, with the same client message id. */
  retry(clientMessageId: string): void {
    const p = this.snap.pending.find((x) => x.clientMessageId === clientMessageId);
    if (!p || p.status !== 'failed' || p.permanent) return;
    this.patchPending(clientMessageId, { status: 'sending', error: null });
    void this.deliver(clientMessageId);
  }

  /**
   * Sends a file (an image or a PDF up to 10 MB) as a message. A file that is plainly too large or
   * of another type is refused here, with the reason; the server judges the content itself.
   */
  sendFile(file: File): string | null {
    if (file.size > MAX_CHAT_ATTACHMENT_BYTES) return i18n.t('chat.attachment.tooLarge', { name: file.name });
    if (file.type && !(chatAttachmentTypes as readonly string[]).includes(file.type)) return i18n.t('chat.attachment.wrongType', { name: file.name });
    const p: PendingMessage = {
      clientMessageId: newClientMessageId(),
      text: '',
      internal: false,
      status: 'sending',
      error: null,
      file: { name: file.name, size: file.size, type: file.type, progress: 0 },
    };
    this.files.set(p.clientMessageId, file);
    this.update({ pending: [...this.snap.pending, p] });
    void this.deliver(p.clientMessageId);
    return null;
  }

  discard(clientMessageId: string): void {
    this.files.delete(clientMessageId);
    this.update({ pending: this.snap.pending.filter((p) => p.clientMessageId !== clientMessageId) });
  }

  /** Tells the other side that this one is typing (at most every 2 s). */
  typing(): void {
    const id = this.snap.conversationId;
    if (!id || !this.subscribed) return;
    // while the bot answers there is nobody to tell
    if (this.role === 'citizen' && this.snap.state !== 'waiting' && this.snap.state !== 'operator') return;
    const now = Date.now();
    if (now - this.lastTypingSent < TYPING_SEND_EVERY_MS) return;
    this.lastTypingSent = now;
    this.socket?.send({ type: 'typing', conversationId: id });
  }

  private patchPending(clientMessageId: string, patch: Partial<PendingMessage>): void {
    this.update({ pending: this.snap.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, ...patch } : p)) });
  }

  private ensureConversation(): Promise<string> {
    const id = this.snap.conversationId;
    if (id) return Promise.resolve(id);
    if (this.role === 'staff') return Promise.reject(new Error('no conversation'));
    if (!this.creating) {
      const gen = this.generation;
      this.creating = createConversation()
        .then((c) => {
          if (gen !== this.generation) throw new Error('reset');
          this.token = c.token;
          this.loadedOnce = true; // nothing to load yet: the socket delivers from seq 0
          this.update({ conversationId: c.id, loading: false, state: c.state });
          this.opts.onCreated?.(c);
          if (this.running) this.connect();
          return c.id;
        })
        .finally(() => {
          this.creating = null;
        });
    }
    return this.creating;
  }

  private async deliver(clientMessageId: string): Promise<void> {
    const gen = this.generation;
    for (let attempt = 0; ; attempt++) {
      const p = this.snap.pending.find((x) => x.clientMessageId === clientMessageId);
      if (!p || gen !== this.generation) return;
      try {
        const id = await this.ensureConversation();
        const file = this.files.get(clientMessageId);
        if (p.file && file) {
          const r = await uploadAttachment(id, this.token, { file, clientMessageId }, (fraction) => {
            const cur = this.snap.pending.find((x) => x.clientMessageId === clientMessageId);
            if (cur?.file && gen === this.generation) this.patchPending(clientMessageId, { file: { ...cur.file, progress: fraction } });
          });
          if (gen !== this.generation) return;
          this.files.delete(clientMessageId);
          this.merge([this.role === 'staff' ? { ...r.message, authorName: r.message.authorName ?? this.opts.selfName ?? null } : r.message]);
          const changed = r.state !== this.snap.state;
          this.update({ state: r.state });
          if (this.role === 'citizen' && (changed || !this.subscribed)) void this.load();
        } else if (this.role === 'staff') {
          const m = await postOperatorMessage(id, { text: p.text, clientMessageId: p.clientMessageId, internal: p.internal });
          if (gen !== this.generation) return;
          this.merge([{ ...m, authorName: m.authorName ?? this.opts.selfName ?? null }]);
        } else {
          const r = await sendCitizenMessage(id, this.token, { text: p.text, clientMessageId: p.clientMessageId, ...(p.payload ? { payload: p.payload } : {}) });
          if (gen !== this.generation) return;
          const replies: ChatEntry[] = r.replies.map((x, i) => ({
            ...x,
            seq: r.message.seq + i + 1,
            authorName: null,
            internal: false,
            createdAt: new Date().toISOString(),
            clientMessageId: null,
            attachment: null,
            provisional: true,
          }));
          this.merge([r.message, ...replies]);
          const changed = r.state !== this.snap.state;
          this.update({ state: r.state });
          // handed over: the wait estimate and the reason come with the conversation
          if (changed || !this.subscribed) void this.load();
        }
        // confirmed by the answer even if the socket has not delivered it yet
        this.update({ pending: this.snap.pending.filter((x) => x.clientMessageId !== clientMessageId) });
        return;
      } catch (err) {
        if (gen !== this.generation) return;
        const e = toApiError(err);
        if (e.status === 401) this.opts.onUnauthorized?.();
        const retryable = e.status === 0 || e.status >= 500 || e.status === 429;
        if (retryable && attempt < AUTO_RETRIES) {
          this.patchPending(clientMessageId, { status: 'retrying' });
          await sleep(Math.min(8_000, 1_000 * 2 ** attempt));
          continue;
        }
        // a file refused by its size or content stays refused
        this.patchPending(clientMessageId, { status: 'failed', error: e.message, permanent: e.status === 413 || e.status === 415 });
        return;
      }
    }
  }
}
