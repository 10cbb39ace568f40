// Public surface of the service centres module: the centres directory (search, administration,
// import) and the electronic visit queue with its live updates.
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { Logger } from '../../platform/log/logger.ts';
import { registerQueueRoutes } from './queue-routes.ts';
import { createQueueSignals } from './queue-signals.ts';
import { registerCentreRoutes } from './routes.ts';

export { seedCentres, sampleCentres } from './seed-centres.ts';
export { importCentres } from './import-centres.ts';
export { searchCentres } from './search-centres.ts';

export function setupCentres(opts: { pglite?: PGlite; databaseUrl?: string; log: Logger }) {
  const signals = createQueueSignals({ pglite: opts.pglite, url: opts.databaseUrl, log: opts.log });
  return {
    signals,
    start: () => signals.start(),
    stop: () => signals.stop(),
    routes(app: FastifyInstance, deps: Deps) {
      registerCentreRoutes(app, deps);
      registerQueueRoutes(app, deps, signals);
    },
  };
}
