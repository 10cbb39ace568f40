// Public surface of the requests module (feedback form, statuses, documents, protocol, deadlines).
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { Logger } from '../../platform/log/logger.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { escalateOverdue } from './request-actions.ts';
import { createRequestSignals } from './request-signals.ts';
import { registerRequestRoutes } from './routes.ts';
import { subscribeRequests } from './subscriptions.ts';

export { escalateOverdue } from './request-actions.ts';
export { createCitizenRequestWithDocument } from './create-request-with-document.ts';
export { listCitizenRequestPage } from './list-citizen-request-page.ts';

export const ESCALATION_SWEEP_JOB = 'requests.escalation-sweep';

/** `listen`: the database whose request signals this process hears (PGlite in embedded mode, else the PostgreSQL URL). */
export function setupRequests(opts: { jobs: Jobs; events: EventBus; deps: () => Deps; listen: { pglite?: PGlite; url?: string }; log: Logger }) {
  const signals = createRequestSignals({ ...opts.listen, log: opts.log });
  opts.jobs.define<object>({
    name: ESCALATION_SWEEP_JOB,
    retryLimit: 2,
    handler: async () => {
      await escalateOverdue({ deps: opts.deps() });
    },
  });
  opts.jobs.every(ESCALATION_SWEEP_JOB, '* * * * *');
  subscribeRequests({ events: opts.events, deps: opts.deps });
  return {
    /** the live request pages' listener: started before the jobs, stopped after them (see app.ts) */
    start: () => signals.start(),
    stop: () => signals.stop(),
    routes(app: FastifyInstance, deps: Deps) {
      registerRequestRoutes(app, deps, signals);
    },
    /** one sweep right after start (once jobs run): what fell due while the server was down is escalated now, not at the next minute */
    sweepAfterStart: () => opts.jobs.send(ESCALATION_SWEEP_JOB, {}),
  };
}
