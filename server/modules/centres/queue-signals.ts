// Live queue updates between server processes: a change to a centre's queue sends NOTIFY on
// `svyaz_queue` with the centre's id, inside the change's transaction (so it is delivered on
// commit, never for a rolled-back change); every process hears it and tells its own open streams
// to read the queue again. The conversations' fan-out carries chat signals only (its channel and
// payload are the chat's), so the queue listens on its own channel through the same database:
// the platform's reconnecting listener (server/platform/db/listener.ts). A lost signal only delays an update:
// the streams also refresh on a timer.
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';
import { createChannelListener } from '../../platform/db/listener.ts';
import type { Logger } from '../../platform/log/logger.ts';

const CHANNEL = 'svyaz_queue';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type QueueSignals = {
  /** within the transaction that changed the centre's queue */
  notify(tx: Executor, centreId: string): Promise<void>;
  /** calls `fn` whenever the centre's queue changes; returns the unsubscribe function */
  subscribe(centreId: string, fn: () => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export function createQueueSignals(opts: { pglite?: PGlite; url?: string; log: Logger }): QueueSignals {
  const listeners = new Map<string, Set<() => void>>();
  const deliver = (payload: string) => {
    if (!UUID.test(payload)) return;
    for (const fn of listeners.get(payload) ?? []) {
      try {
        fn();
      } catch (err) {
        opts.log.error({ err }, 'queue signal handler failed');
      }
    }
  };
  const listener = createChannelListener({ channel: CHANNEL, onPayload: deliver, pglite: opts.pglite, url: opts.url, log: opts.log, name: 'queue' });

  return {
    async notify(tx, centreId) {
      await sql`SELECT pg_notify(${CHANNEL}, ${centreId})`.execute(tx);
    },
    subscribe(centreId, fn) {
      const set = listeners.get(centreId) ?? new Set();
      set.add(fn);
      listeners.set(centreId, set);
      return () => {
        set.delete(fn);
        if (set.size === 0) listeners.delete(centreId);
      };
    },
    start: () => listener.start(),
    stop: () => listener.stop(),
  };
}
