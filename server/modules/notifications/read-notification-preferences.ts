// A citizen's notification preferences: per kind of event (status change, reply), e-mail and SMS
// on or off; the account (the request's timeline) is always on. No stored row means every
// channel on, so a citizen who never opened the settings is told everything.
import { notificationTopics, type NotificationPreferences, type NotificationTopic } from '../../../shared/contracts/notifications.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { unauthenticated } from '../../platform/errors.ts';
import { findUserById } from '../identity/index.ts';
import { findPreference, findPreferences } from './notifications-repo.ts';

export type ChannelChoice = { email: boolean; sms: boolean };
const everything: ChannelChoice = { email: true, sms: true };

/** The channels a user wants for one kind of event (used by the modules that notify). */
export async function channelsFor(db: Executor, userId: string, topic: NotificationTopic): Promise<ChannelChoice> {
  const row = await findPreference(db, userId, topic);
  return row ? { email: row.email, sms: row.sms } : everything;
}

export async function readNotificationPreferences(opts: { deps: Pick<Deps, 'db'>; userId: string; db?: Executor }): Promise<NotificationPreferences> {
  const db = opts.db ?? opts.deps.db;
  const user = await findUserById(db, opts.userId);
  if (!user) throw unauthenticated();
  const rows = await findPreferences(db, opts.userId);
  const events = Object.fromEntries(
    notificationTopics.map((topic) => {
      const row = rows.find((r) => r.topic === topic);
      return [topic, { account: true as const, email: row?.email ?? true, sms: row?.sms ?? true }];
    }),
  ) as NotificationPreferences['events'];
  const updated = rows.reduce<Date | null>((a, r) => (a && a > r.updated_at ? a : r.updated_at), null);
  return { events, reachable: { email: Boolean(user.email), sms: Boolean(user.phone) }, updatedAt: updated ? updated.toISOString() : null };
}
