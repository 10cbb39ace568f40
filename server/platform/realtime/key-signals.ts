// "Something about this key changed" between server processes: a change sends NOTIFY on a channel
// with the key (a uuid) inside the change's transaction, so it is delivered on commit and never for a
// rolled-back change; every process hears it through the platform's reconnecting listener
// (server/platform/db/listener.ts) and tells its own subscribers to read again. A lost signal only
// delays an update: the streams that use it also refresh on a timer (sse-stream.ts).
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { createChannelListener } from '../db/listener.ts';
import type { Executor } from '../db/transaction.ts';
import type { Logger } from '../log/logger.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type KeySignals = {
  /** within the transaction that made the change */
  notify(tx: Executor, key: string): Promise<void>;
  /** calls `fn` whenever the key changes; returns the unsubscribe function */
  subscribe(key: string, fn: () => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** Sends the signal without a KeySignals at hand (a repository function inside its caller's transaction). */
export async function notifyKey(tx: Executor, channel: string, key: string): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${key})`.execute(tx);
}

export function createKeySignals(opts: { channel: string; name: string; pglite?: PGlite; url?: string; log: Logger }): KeySignals {
  const listeners = new Map<string, Set<() => void>>();
  const deliver = (payload: string) => {
    if (!UUID.test(payload)) return;
    for (const fn of listeners.get(payload) ?? []) {
      try {
        fn();
      } catch (err) {
        opts.log.error({ err, signals: opts.name }, 'signal handler failed');
      }
    }
  };
  const listener = createChannelListener({ channel: opts.channel, onPayload: deliver, pglite: opts.pglite, url: opts.url, log: opts.log, name: opts.name });

  return {
    notify: (tx, key) => notifyKey(tx, opts.channel, key),
    subscribe(key, fn) {
      const set = listeners.get(key) ?? new Set();
      set.add(fn);
      listeners.set(key, set);
      return () => {
        set.delete(fn);
        if (set.size === 0) listeners.delete(key);
      };
    },
    start: () => listener.start(),
    stop: () => listener.stop(),
  };
}
