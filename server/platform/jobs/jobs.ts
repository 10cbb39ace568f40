// Durable jobs stored in the database (pg-boss), through the application's one pool, so they
// work on embedded PGlite too. `send` with a transaction commits or rolls back with the rows.
import { CompiledQuery } from 'kysely';
import { PgBoss, fromKysely } from 'pg-boss';
import type pg from 'pg';
import type { Logger } from '../log/logger.ts';
import type { Tx } from '../db/transaction.ts';

export type JobHandler<T> = (data: T, meta: { id: string; retryCount: number }) => Promise<void>;
export type JobDefinition<T> = {
  name: string;
  handler: JobHandler<T>;
  retryLimit?: number;
  retryDelaySeconds?: number;
};

export type Jobs = {
  define<T extends object>(def: JobDefinition<T>): void;
  send<T extends object>(name: string, data: T, opts?: { tx?: Tx; startAfterSeconds?: number; singletonKey?: string }): Promise<void>;
  /** a recurring job (cron, UTC); several processes share one schedule */
  every(name: string, cron: string): void;
  start(opts: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
};

export function createJobs(opts: { pool: pg.Pool; log: Logger; pollSeconds: number }): Jobs {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => opts.pool.query(text, values) as never },
    schema: 'pgboss',
    // maintenance in its own short ticks; PGlite is one session, so keep the background load light
    superviseIntervalSeconds: 60,
  });
  boss.on('error', (err: unknown) => opts.log.error({ err }, 'job system error'));
  const defs = new Map<string, JobDefinition<object>>();
  const schedules = new Map<string, string>();
  let started = false;

  return {
    define(def) {
      defs.set(def.name, def as JobDefinition<object>);
    },
    async send(name, data, sendOpts = {}) {
      const def = defs.get(name);
      if (!def) throw new Error(`job ${name} is not defined`);
      const options = {
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelaySeconds ?? 5,
        retryBackoff: true,
        ...(sendOpts.startAfterSeconds ? { startAfter: sendOpts.startAfterSeconds } : {}),
        ...(sendOpts.singletonKey ? { singletonKey: sendOpts.singletonKey } : {}),
        ...(sendOpts.tx ? { db: fromKysely(asKyselyLike(sendOpts.tx)) } : {}),
      };
      await boss.send(name, data, options);
    },
    every(name, cron) {
      schedules.set(name, cron);
    },
    async start({ work }) {
      await boss.start();
      for (const def of defs.values()) {
        await boss.createQueue(def.name).catch((err: unknown) => {
          if (!String(err).includes('already exists')) throw err;
        });
      }
      for (const [name, cron] of schedules) await boss.schedule(name, cron, {}, { tz: 'UTC' } as never);
      if (work) {
        for (const def of defs.values()) {
          await boss.work<object>(def.name, { pollingIntervalSeconds: opts.pollSeconds, includeMetadata: true }, async (jobs) => {
            for (const job of jobs) {
              await def.handler(job.data, { id: job.id, retryCount: job.retryCount });
            }
          });
        }
      }
      started = true;
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 10_000 } as never);
      started = false;
    },
  };
}

// pg-boss's Kysely adapter needs executeQuery(CompiledQuery); a Kysely transaction has it.
function asKyselyLike(tx: Tx) {
  return {
    executeQuery: <R>(q: { sql: string; parameters: ReadonlyArray<unknown> }) =>
      tx.executeQuery<R>(CompiledQuery.raw(q.sql, [...q.parameters])),
  };
}
