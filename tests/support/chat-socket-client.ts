// A test client for the chat WebSocket (/api/chat/ws) over a real TCP connection: keeps every
// frame it received, so a test can wait for one that matches or assert that none arrived.
import WebSocket from 'ws';
import type { ChatMessage } from '../../shared/contracts/chat.ts';
import type { ClientFrame, ServerFrame } from '../../shared/ws-protocol.ts';

export type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

export class ChatSocketClient {
  readonly frames: ServerFrame[] = [];
  private waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw: Buffer) => {
      this.frames.push(JSON.parse(raw.toString('utf8')) as ServerFrame);
      for (const w of [...this.waiters]) w();
    });
    ws.on('close', () => {
      for (const w of [...this.waiters]) w();
    });
  }

  /** Connects to `baseUrl` (http://host:port); `cookie` is sent in the upgrade request. */
  static async open(baseUrl: string, opts: { cookie?: string } = {}): Promise<ChatSocketClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/chat/ws`, { headers: opts.cookie ? { cookie: opts.cookie } : {} });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return new ChatSocketClient(ws);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: ClientFrame | Record<string, unknown> | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (already received or still to come) of `type` that matches `pred`. */
  async next<T extends ServerFrame['type']>(type: T, pred: (f: FrameOf<T>) => boolean = () => true, timeoutMs = 10_000): Promise<FrameOf<T>> {
    const find = () => this.frames.find((f): f is FrameOf<T> => f.type === type && pred(f as FrameOf<T>));
    const hit = find();
    if (hit) return hit;
    return new Promise((resolve, reject) => {
      const check = () => {
        const f = find();
        if (f) {
          done();
          resolve(f);
        } else if (!this.open) {
          done();
          reject(new Error(`the socket closed before a ${type} frame arrived; frames: ${JSON.stringify(this.frames)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching ${type} frame within ${timeoutMs} ms; frames: ${JSON.stringify(this.frames).slice(0, 2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Subscribes and resolves with the answer: `subscribed` or an `error`. */
  async subscribe(conversationId: string, opts: { token?: string; afterSeq?: number } = {}): Promise<FrameOf<'subscribed'> | FrameOf<'error'>> {
    const before = this.frames.length;
    this.send({ type: 'subscribe', conversationId, afterSeq: opts.afterSeq ?? 0, ...(opts.token ? { token: opts.token } : {}) });
    const isAnswer = (f: ServerFrame, i: number) => i >= before && ((f.type === 'subscribed' && f.conversationId === conversationId) || f.type === 'error');
    for (let i = 0; i < 200; i++) {
      const idx = this.frames.findIndex(isAnswer);
      if (idx >= 0) return this.frames[idx] as FrameOf<'subscribed'> | FrameOf<'error'>;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no answer to subscribe within 10 s; frames: ${JSON.stringify(this.frames.slice(before))}`);
  }

  /** Messages received for one conversation, in arrival order. */
  messages(conversationId: string): ChatMessage[] {
    return this.frames.flatMap((f) => (f.type === 'message' && f.conversationId === conversationId ? [f.message] : []));
  }

  /** Waits until a message with `seq` >= the given one has arrived for the conversation. */
  async seq(conversationId: string, seq: number, timeoutMs?: number): Promise<ChatMessage> {
    return (await this.next('message', (f) => f.conversationId === conversationId && f.message.seq >= seq, timeoutMs)).message;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
