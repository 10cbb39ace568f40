// Transactional outbox: a use case writes its rows and an event row in one transaction; after
// commit the dispatcher hands pending events to the declared subscribers. A subscriber runs in
// its own transaction with the event's dispatch mark, so it either fully happens once or is
// retried; subscribers only write rows and enqueue jobs (durable work runs as jobs).
import { sql } from 'kysely';
import type { EventMap, EventName } from '../../../shared/events.ts';
import type { Executor, Tx } from '../db/transaction.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../log/logger.ts';

export type Subscriber<N extends EventName> = (payload: EventMap[N], ctx: { tx: Tx; eventId: number }) => Promise<void>;

export type EventBus = {
  emit<N extends EventName>(tx: Executor, name: N, payload: EventMap[N]): Promise<void>;
  subscribe<N extends EventName>(name: N, fn: Subscriber<N>): void;
  /** wakes the dispatcher (call after commit) */
  kick(): void;
  /** dispatches until nothing is pending; used by tests and at start */
  drain(): Promise<number>;
  start(pollMs?: number): void;
  stop(): Promise<void>;
};

export function createEventBus(opts: { db: Kysely<DB>; log: Logger }): EventBus {
  const subs = new Map<EventName, Array<Subscriber<EventName>>>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;

  /**
   * Dispatches the oldest due event in its own transaction. A subscriber that throws rolls back
   * only its event, which is retried later with backoff, so one bad event never blocks the rest.
   */
  async function dispatchOne(): Promise<boolean> {
    let current: { id: number; attempts: number } | undefined;
    try {
      return await opts.db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('events')
          .select(['id', 'name', 'payload', 'attempts'])
          .where('dispatched_at', 'is', null)
          .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<Date>`now()`)]))
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!row) return false;
        current = row;
        for (const fn of subs.get(row.name as EventName) ?? []) {
          await fn(row.payload as never, { tx, eventId: row.id });
        }
        await tx.updateTable('events').set({ dispatched_at: sql`now()` }).where('id', '=', row.id).execute();
        return true;
      });
    } catch (err) {
      if (!current) throw err;
      const delaySeconds = Math.min(3600, 2 ** Math.min(current.attempts + 1, 12));
      opts.log.error({ err, eventId: current.id, attempt: current.attempts + 1 }, 'event subscriber failed; will retry');
      await opts.db
        .updateTable('events')
        .set({
          attempts: current.attempts + 1,
          last_error: err instanceof Error ? err.message.slice(0, 500) : 'error',
          next_attempt_at: sql`now() + make_interval(secs => ${delaySeconds})`,
        })
        .where('id', '=', current.id)
        .execute();
      return true;
    }
  }

  async function dispatchBatch(): Promise<number> {
    let n = 0;
    while (n < 50 && (await dispatchOne())) n++;
    return n;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await dispatchBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  function run(): void {
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err: unknown) => {
        opts.log.error({ err }, 'event dispatch failed; will retry');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  }

  return {
    async emit(tx, name, payload) {
      await tx.insertInto('events').values({ name, payload: JSON.stringify(payload) }).execute();
    },
    subscribe(name, fn) {
      const list = subs.get(name) ?? [];
      list.push(fn as Subscriber<EventName>);
      subs.set(name, list);
    },
    kick: run,
    drain: async () => {
      if (running) await running;
      return drain();
    },
    start(pollMs = 1000) {
      timer = setInterval(run, pollMs);
      timer.unref();
      run();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (running) await running;
    },
  };
}
