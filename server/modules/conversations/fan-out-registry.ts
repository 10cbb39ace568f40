// The one place that picks the fan-out implementation: NATS when NATS_URL is set (large installs),
// otherwise PostgreSQL LISTEN/NOTIFY on the application's own database (PGlite included).
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../../platform/log/logger.ts';
import { createNatsFanOut } from './nats-fan-out.ts';
import { createPgFanOut, type FanOut } from './realtime.ts';

export type FanOutKind = 'nats' | 'postgres';

export const fanOutKind = (opts: { natsUrl?: string }): FanOutKind => (opts.natsUrl ? 'nats' : 'postgres');

export function createFanOut(opts: { natsUrl?: string; pool: pg.Pool; pglite?: PGlite; databaseUrl?: string; log: Logger }): FanOut {
  const factories: Record<FanOutKind, () => FanOut> = {
    nats: () => createNatsFanOut({ url: opts.natsUrl as string, log: opts.log }),
    postgres: () => createPgFanOut({ pool: opts.pool, pglite: opts.pglite, url: opts.databaseUrl, log: opts.log }),
  };
  return factories[fanOutKind(opts)]();
}
