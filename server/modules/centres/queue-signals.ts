// Live queue updates between server processes: a change to a centre's queue signals the centre's id
// on `svyaz_queue` (the platform's key signals, server/platform/realtime/key-signals.ts); every
// process tells its own open streams to read the queue again. The conversations' fan-out carries
// chat signals only, so the queue has its own channel through the same database.
import type { PGlite } from '@electric-sql/pglite';
import { createKeySignals, type KeySignals } from '../../platform/realtime/key-signals.ts';
import type { Logger } from '../../platform/log/logger.ts';

export type QueueSignals = KeySignals;

export function createQueueSignals(opts: { pglite?: PGlite; url?: string; log: Logger }): QueueSignals {
  return createKeySignals({ channel: 'svyaz_queue', name: 'queue', ...opts });
}
