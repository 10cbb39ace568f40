// Fan-out of conversation events to every server process: a process that changes a conversation
// publishes {conversationId, kind}; each process (the publisher included) delivers it to its own
// sockets. Signals carry ids only (NOTIFY's limit is 8 KB); a socket reads the messages from the
// database, so a lost signal delays delivery until the next one or a resume, it never loses data.
// Implementations: PostgreSQL NOTIFY here (the default, PGlite included) and NATS (nats-fan-out.ts);
// fan-out-registry.ts picks one.
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
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

/** LISTEN/NOTIFY: on PGlite through pglite.listen (the one-connection pool cannot hold a listener), on PostgreSQL a dedicated client. */
export function createPgFanOut(opts: { pool: pg.Pool; pglite?: PGlite; url?: string; log: Logger }): FanOut {
  const handlers: Array<(s: ChatSignal) => void> = [];
  const deliver = (payload: string) => deliverSignal(handlers, payload, opts.log);
  let unlisten: (() => Promise<void>) | undefined;
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  // The listening connection can drop (a PostgreSQL restart, a network blip); without a new one
  // this process would silently stop delivering live events, so it reconnects with a backoff.
  async function listen(): Promise<void> {
    const { default: pgModule } = await import('pg');
    const c = new pgModule.Client({ connectionString: opts.url });
    c.on('notification', (n) => n.payload && deliver(n.payload));
    c.on('error', (err) => opts.log.error({ err }, 'chat listener failed'));
    c.on('end', () => {
      // only a connection that was listening is replaced; a failed attempt is retried by relisten
      if (client !== c) return;
      client = undefined;
      if (!stopped) relisten(1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    client = c;
  }
  function relisten(delayMs: number) {
    if (retry || stopped) return;
    retry = setTimeout(() => {
      retry = undefined;
      listen().then(
        () => opts.log.warn('chat listener reconnected'),
        (err: unknown) => {
          opts.log.error({ err }, 'chat listener reconnect failed');
          relisten(Math.min(delayMs * 2, 10_000));
        },
      );
    }, delayMs);
  }

  return {
    async publish(signal) {
      await opts.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(signal)]);
    },
    subscribe(fn) {
      handlers.push(fn);
    },
    async start() {
      stopped = false;
      if (opts.pglite) {
        unlisten = await opts.pglite.listen(CHANNEL, deliver);
        return;
      }
      await listen();
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      retry = undefined;
      await unlisten?.();
      unlisten = undefined;
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
