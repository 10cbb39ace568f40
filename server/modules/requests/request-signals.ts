// Live request pages: every change to a request writes a timeline event (requests-repo.ts
// insertEvent), and that signals the request's id on `svyaz_requests` in the same transaction; the
// open pages of that request (the citizen's and staff's) read it again (routes.ts, the events stream).
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../../platform/log/logger.ts';
import { createKeySignals, type KeySignals } from '../../platform/realtime/key-signals.ts';

export const REQUEST_SIGNALS_CHANNEL = 'svyaz_requests';
export type RequestSignals = KeySignals;

export function createRequestSignals(opts: { pglite?: PGlite; url?: string; log: Logger }): RequestSignals {
  return createKeySignals({ channel: REQUEST_SIGNALS_CHANNEL, name: 'requests', ...opts });
}
