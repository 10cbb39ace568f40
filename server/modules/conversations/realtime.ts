// Fan-out of conversation events to every server process: a process that changes a conversation
// publishes {conversationId, kind}; each process delivers it to its own sockets. The default
// transport is PostgreSQL NOTIFY (PGlite included); payloads carry ids only (NOTIFY's limit is 8 KB).
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

function parse(payload: string): ChatSignal | null {
  try {
    const s = JSON.parse(payload) as ChatSignal;
    return typeof s.conversationId === 'string' && typeof s.kind === 'string' ? s : null;
  } catch {
    return null;
  }
}

/** LISTEN/NOTIFY: on PGlite through pglite.listen (the one-connection pool cannot hold a listener), on PostgreSQL a dedicated client. */
export function createPgFanOut(opts: { pool: pg.Pool; pglite?: PGlite; url?: string; log: Logger }): FanOut {
  const handlers: Array<(s: ChatSignal) => void> = [];
  let unlisten: (() => Promise<void>) | undefined;
  let client: pg.Client | undefined;
  const deliver = (payload: string) => {
    const s = parse(payload);
    if (s) for (const h of handlers) h(s);
  };
  return {
    async publish(signal) {
      await opts.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(signal)]);
    },
    subscribe(fn) {
      handlers.push(fn);
    },
    async start() {
      if (opts.pglite) {
        unlisten = await opts.pglite.listen(CHANNEL, deliver);
        return;
      }
      const { default: pgModule } = await import('pg');
      client = new pgModule.Client({ connectionString: opts.url });
      client.on('notification', (n) => n.payload && deliver(n.payload));
      client.on('error', (err) => opts.log.error({ err }, 'chat listener failed'));
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    },
    async stop() {
      await unlisten?.();
      await client?.end().catch(() => undefined);
    },
  };
}
