// Embedded PGlite runs no autovacuum (no background workers), so rows that are updated often —
// the search vocabulary's counts, conversations, job rows — leave dead versions behind that every
// scan and index lookup then steps over. A recurring job vacuums and analyzes the whole embedded
// database; PostgreSQL does this by itself.
import type pg from 'pg';
import type { Jobs } from '../jobs/jobs.ts';
import type { Logger } from '../log/logger.ts';
import type { DatabaseMode } from './database.ts';

export const VACUUM_JOB = 'db.embedded-vacuum';
/** every hour, at a minute no other schedule uses */
export const VACUUM_CRON = '17 * * * *';

/** VACUUM (ANALYZE) of the whole database; it cannot run in a transaction, so it takes the pool. */
export async function vacuumEmbedded(pool: pg.Pool, log: Logger): Promise<void> {
  const t0 = performance.now();
  await pool.query('VACUUM (ANALYZE)');
  log.info({ ms: Math.round(performance.now() - t0) }, 'embedded database vacuumed');
}

export function scheduleEmbeddedMaintenance(opts: { jobs: Jobs; pool: pg.Pool; mode: DatabaseMode; log: Logger }): void {
  if (opts.mode !== 'pglite') return;
  opts.jobs.define<Record<string, never>>({ name: VACUUM_JOB, handler: () => vacuumEmbedded(opts.pool, opts.log), retryLimit: 1 });
  opts.jobs.every(VACUUM_JOB, VACUUM_CRON);
}
