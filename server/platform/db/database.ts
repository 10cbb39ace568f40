// One pg.Pool in both modes: embedded PGlite (through its node-postgres adapter) or a real
// PostgreSQL. PGlite is a single session, so every subsystem (Kysely, jobs, listeners) must
// go through this one pool; inside a transaction only the transaction handle may be used.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type DatabaseMode = 'pglite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  pool: pg.Pool;
  mode: DatabaseMode;
  /** the embedded instance, for LISTEN (which cannot take a connection from the one-connection pool) */
  pglite: PGlite | undefined;
  close(): Promise<void>;
};

// timestamptz/timestamp come back as Date; bigint counts as numbers (they stay far below 2^53 here)
pg.types.setTypeParser(20, (v) => Number(v));
// a date column is a calendar day, not an instant: keep it as YYYY-MM-DD
pg.types.setTypeParser(1082, (v) => v);

export async function createPglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir ? resolve(dataDir) : undefined, { extensions: { pg_trgm } });
}

export async function openDatabase(opts: { url?: string; dataDir?: string; pglite?: PGlite }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, connectionTimeoutMillis: 15_000 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      pool,
      mode: 'postgres',
      pglite: undefined,
      async close() {
        await db.destroy();
      },
    };
  }
  const pglite = opts.pglite ?? (await createPglite(opts.dataDir));
  // max 1: PGlite is one session; connectionTimeoutMillis makes a nested pool call inside a
  // transaction fail loudly instead of waiting forever.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, connectionTimeoutMillis: 30_000 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    mode: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      // a PGlite given by the caller lives on (a test restarting a server on the same database): its
      // one session must not stay inside a transaction cut short by the close, or the next user's
      // first query fails with "current transaction is aborted" (ROLLBACK outside one only warns)
      if (opts.pglite) await pglite.query('ROLLBACK').catch(() => undefined);
      else await pglite.close();
    },
  };
}
