import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { NotifyPort } from '../../platform/notify-port.ts';
import { DELIVER_JOB, MAX_ATTEMPTS } from './deliver-notification.ts';
import { insertNotification } from './notifications-repo.ts';
import type { TransportRegistry } from './transports.ts';

/** Builds the notification port: a row plus a delivery job, both in the caller's transaction. */
export function createNotifyPort(opts: { jobs: Jobs; transports: TransportRegistry }): NotifyPort {
  return async (tx, req) => {
    const id = await insertNotification(tx, {
      channel: req.channel,
      recipient: req.to,
      subject: req.subject ?? null,
      body: req.text,
      transport: opts.transports[req.channel].name,
      dedupeKey: req.dedupeKey,
    });
    if (id) await opts.jobs.send(DELIVER_JOB, { id }, { tx });
  };
}

export const deliveryRetryLimit = MAX_ATTEMPTS;
