// The WebSocket at /api/chat/ws, kept open: after a drop it reconnects with exponential backoff
// (1 s, 2 s, 4 s … up to 30 s, with jitter), at once when the browser comes back online, and
// detects a silently dead connection with an application ping. Whoever uses it re-subscribes in
// onOpen (with afterSeq, so nothing is lost) and falls back to polling between onDown and onOpen.
import { serverFrameSchema, type ClientFrame, type ServerFrame } from '../../../shared/ws-protocol.ts';

export type ChatSocketHandlers = {
  onOpen(): void;
  onFrame(frame: ServerFrame): void;
  onDown(): void;
};

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 10_000;

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api/chat/ws`;
}

export class ChatSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private running = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private readonly handlers: ChatSocketHandlers;

  constructor(handlers: ChatSocketHandlers) {
    this.handlers = handlers;
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener('online', this.onOnline);
    this.open();
  }

  stop(): void {
    this.running = false;
    window.removeEventListener('online', this.onOnline);
    window.clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      ws.close(1000);
    }
  }

  send(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private open(): void {
    if (!this.running) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(socketUrl());
    } catch {
      this.handlers.onDown();
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.attempt = 0;
      this.startHeartbeat(ws);
      this.handlers.onOpen();
    };
    ws.onmessage = (e: MessageEvent) => {
      if (this.ws !== ws || typeof e.data !== 'string') return;
      let data: unknown;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      const parsed = serverFrameSchema.safeParse(data);
      if (!parsed.success) return;
      if (parsed.data.type === 'pong') window.clearTimeout(this.pongTimer);
      this.handlers.onFrame(parsed.data);
    };
    ws.onerror = () => {
      // a close event follows
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.lost();
    };
  }

  /** The connection is gone (closed, or silent past the ping deadline): report and retry later. */
  private lost(): void {
    const ws = this.ws;
    this.ws = null;
    this.stopHeartbeat();
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
    }
    this.handlers.onDown();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.running) return;
    window.clearTimeout(this.retryTimer);
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** this.attempt) * (0.8 + Math.random() * 0.4);
    this.attempt += 1;
    this.retryTimer = window.setTimeout(() => this.open(), delay);
  }

  private startHeartbeat(ws: WebSocket): void {
    this.stopHeartbeat();
    this.pingTimer = window.setInterval(() => {
      if (this.ws !== ws || ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify({ type: 'ping' } satisfies ClientFrame));
      window.clearTimeout(this.pongTimer);
      this.pongTimer = window.setTimeout(() => {
        if (this.ws === ws) this.lost();
      }, PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  private stopHeartbeat(): void {
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.pongTimer);
  }

  private readonly onOnline = () => {
    if (!this.running || this.ws) return;
    window.clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.open();
  };
}
