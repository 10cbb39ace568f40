// Public surface of the requests module (feedback form, statuses, documents, protocol, deadlines).
import type { Deps } from '../../platform/deps.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { escalateOverdue } from './request-actions.ts';
import { subscribeRequests } from './subscriptions.ts';

export { registerRequestRoutes } from './routes.ts';
export { escalateOverdue } from './request-actions.ts';
export { createCitizenRequestWithDocument } from './create-request-with-document.ts';
export { listCitizenRequestPage } from './list-citizen-request-page.ts';

export const ESCALATION_SWEEP_JOB = 'requests.escalation-sweep';

export function setupRequests(opts: { jobs: Jobs; events: EventBus; deps: () => Deps }) {
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
    /** one sweep right after start (once jobs run): what fell due while the server was down is escalated now, not at the next minute */
    sweepAfterStart: () => opts.jobs.send(ESCALATION_SWEEP_JOB, {}),
  };
}
