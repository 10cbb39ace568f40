// Saves a citizen's choice of e-mail and SMS per kind of event (both kinds at once, one transaction).
import type { z } from 'zod';
import { notificationTopics, type NotificationPreferences, type notificationPreferencesBodySchema } from '../../../shared/contracts/notifications.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { upsertPreference } from './notifications-repo.ts';
import { readNotificationPreferences } from './read-notification-preferences.ts';

export async function saveNotificationPreferences(opts: { deps: Pick<Deps, 'db' | 'now'>; userId: string; input: z.infer<typeof notificationPreferencesBodySchema> }): Promise<NotificationPreferences> {
  const { deps } = opts;
  return inTransaction(deps.db, async (tx) => {
    const at = deps.now();
    for (const topic of notificationTopics) {
      const c = opts.input.events[topic];
      await upsertPreference(tx, { userId: opts.userId, topic, email: c.email, sms: c.sms, at });
    }
    return readNotificationPreferences({ deps, userId: opts.userId, db: tx });
  });
}
