// One LISTEN on a PostgreSQL channel that survives a dropped connection. On PGlite it is
// pglite.listen (the embedded one-connection pool cannot hold a listener); on PostgreSQL a dedicated
// client, because a pooled connection would be handed to other queries. The listening connection
// can drop (a server restart, a network blip); without a new one the process would silently stop
// hearing signals, so it reconnects with a backoff doubling from 1 s to 10 s.
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../log/logger.ts';

export type ChannelListener = {
  start(): Promise<void>;
  stop(): Promise<void>;
};

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 10_000;

/** `channel` must be a plain identifier (it is written into the LISTEN statement). */
export function createChannelListener(opts: { channel: string; onPayload: (payload: string) => void; pglite?: PGlite; url?: string; log: Logger; name: string }): ChannelListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.channel)) throw new Error(`not a channel name: ${opts.channel}`);
  let unlisten: (() => Promise<void>) | undefined;
  let client: pg.Client | undefined;
  let stopped = true;
  let retry: NodeJS.Timeout | undefined;

  async function listen(): Promise<void> {
    const { default: pgModule } = await import('pg');
    const c = new pgModule.Client({ connectionString: opts.url });
    c.on('notification', (n) => n.payload && opts.onPayload(n.payload));
    c.on('error', (err) => opts.log.error({ err }, `${opts.name} listener failed`));
    c.on('end', () => {
      // only a connection that was listening is replaced; a failed attempt is retried by relisten
      if (client !== c) return;
      client = undefined;
      if (!stopped) relisten(FIRST_RETRY_MS);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${opts.channel}`);
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
        () => opts.log.warn(`${opts.name} listener reconnected`),
        (err: unknown) => {
          opts.log.error({ err }, `${opts.name} listener reconnect failed`);
          relisten(Math.min(delayMs * 2, MAX_RETRY_MS));
        },
      );
    }, delayMs);
  }

  return {
    async start() {
      stopped = false;
      if (opts.pglite) {
        unlisten = await opts.pglite.listen(opts.channel, opts.onPayload);
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
