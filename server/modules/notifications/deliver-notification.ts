import type { Deps } from '../../platform/deps.ts';
import { maskPersonalData } from '../../platform/log/mask.ts';
import { claimNotification, markNotification } from './notifications-repo.ts';
import type { TransportRegistry } from './transports.ts';

export const DELIVER_JOB = 'notification.deliver';
export const MAX_ATTEMPTS = 6;
const STALE_CLAIM_MS = 5 * 60_000;

/**
 * Job handler: sends one notification at most once. The claim is an atomic status change, so a
 * replayed or duplicated job finds nothing to send. A failure puts it back to `queued` and throws
 * (the job system retries with backoff); after MAX_ATTEMPTS it is marked `failed`.
 */
export async function deliverNotification(opts: { deps: Pick<Deps, 'db' | 'log'>; transports: TransportRegistry; id: string }): Promise<'sent' | 'skipped' | 'failed'> {
  const { db, log } = opts.deps;
  const row = await claimNotification(db, opts.id, STALE_CLAIM_MS);
  if (!row) return 'skipped';
  const transport = opts.transports[row.channel as 'email' | 'sms'];
  try {
    await transport.send({ id: row.id, channel: row.channel as 'email' | 'sms', to: row.recipient, subject: row.subject, text: row.body });
    await markNotification(db, row.id, { status: 'sent' });
    return 'sent';
  } catch (err) {
    const message = maskPersonalData(err instanceof Error ? err.message : String(err)).slice(0, 500);
    const final = row.attempts >= MAX_ATTEMPTS;
    await markNotification(db, row.id, { status: final ? 'failed' : 'queued', lastError: message });
    log.warn({ notificationId: row.id, attempt: row.attempts, final }, 'notification delivery failed');
    if (final) return 'failed';
    throw new Error(`delivery of ${row.id} failed: ${message}`);
  }
}
