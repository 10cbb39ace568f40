// Fan-out of conversation events to every server process: a process that changes a conversation
// publishes {conversationId, kind}; each process (the publisher included) delivers it to its own
// sockets. Signals carry ids only (NOTIFY's limit is 8 KB); a socket reads the messages from the
// database, so a lost signal delays delivery until the next one or a resume, it never loses data.
// Implementations: PostgreSQL NOTIFY here (the default, PGlite included) and NATS (nats-fan-out.ts);
// fan-out-registry.ts picks one.
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { createChannelListener } from '../../platform/db/listener.ts';
import type { Logger } from '../../platform/log/logger.ts';

export type ChatSignal = { conversationId: string; kind: 'message' | 'state' | 'typing' | 'queue'; author?: 'citizen' | 'operator'; origin?: string };

export type FanOut = {
  publish(signal: ChatSignal): Promise<void>;
  subscribe(fn: (signal: ChatSignal) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const CHANNEL = 'svyaz_chat';
const kinds: ReadonlySet<string> = new Set(['message', 'state', 'typing', 'queue']);

/** A signal from the wire, or null for anything else (another version's payload, garbage). */
export function parseChatSignal(payload: string): ChatSignal | null {
  try {
    const s = JSON.parse(payload) as ChatSignal;
    return s && typeof s.conversationId === 'string' && kinds.has(s.kind) ? s : null;
  } catch {
    return null;
  }
}

/** Calls every handler; one that throws does not keep the signal from the others. */
export function deliverSignal(handlers: ReadonlyArray<(s: ChatSignal) => void>, payload: string, log: Logger): void {
  const s = parseChatSignal(payload);
  if (!s) return;
  for (const h of handlers) {
    try {
      h(s);
    } catch (err) {
      log.error({ err }, 'chat signal handler failed');
    }
  }
}

/** LISTEN/NOTIFY through the platform's reconnecting listener (PGlite's listen, or a dedicated PostgreSQL client). */
export function createPgFanOut(opts: { pool: pg.Pool; pglite?: PGlite; url?: string; log: Logger }): FanOut {
  const handlers: Array<(s: ChatSignal) => void> = [];
  const listener = createChannelListener({ channel: CHANNEL, onPayload: (payload) => deliverSignal(handlers, payload, opts.log), pglite: opts.pglite, url: opts.url, log: opts.log, name: 'chat' });
  return {
    async publish(signal) {
      await opts.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(signal)]);
    },
    subscribe(fn) {
      handlers.push(fn);
    },
    start: () => listener.start(),
    stop: () => listener.stop(),
  };
}
