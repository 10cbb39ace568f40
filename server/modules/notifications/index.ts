// Public surface of the notifications module.
import type { Deps } from '../../platform/deps.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { DELIVER_JOB, MAX_ATTEMPTS, deliverNotification } from './deliver-notification.ts';
import { createNotifyPort } from './queue-notification.ts';
import { createTransportRegistry, type TransportRegistry } from './transports.ts';

export { registerNotificationRoutes } from './routes.ts';
export { subscribeNotifications } from './subscriptions.ts';
export { deliverNotification } from './deliver-notification.ts';
export { channelsFor, type ChannelChoice } from './read-notification-preferences.ts';
export { createTransportRegistry, type TransportRegistry } from './transports.ts';

/** Wires the transports and the delivery job; returns the port every module uses. */
export function setupNotifications(opts: { env: Deps['env']; jobs: Jobs; deps: () => Pick<Deps, 'db' | 'log'>; transports?: TransportRegistry }) {
  const transports = opts.transports ?? createTransportRegistry(opts.env);
  opts.jobs.define<{ id: string }>({
    name: DELIVER_JOB,
    retryLimit: MAX_ATTEMPTS,
    retryDelaySeconds: 5,
    handler: async ({ id }) => {
      await deliverNotification({ deps: opts.deps(), transports, id });
    },
  });
  return {
    transports,
    notify: createNotifyPort({ jobs: opts.jobs, transports }),
    async close() {
      for (const t of Object.values(transports)) await t.close?.();
    },
  };
}
