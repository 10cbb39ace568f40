// The only SQL on notifications.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';

export async function insertNotification(
  db: Executor,
  n: { channel: 'email' | 'sms'; recipient: string; subject: string | null; body: string; transport: string; dedupeKey?: string },
): Promise<string | null> {
  const row = await db
    .insertInto('notifications')
    .values({
      id: randomUUID(),
      channel: n.channel,
      recipient: n.recipient,
      subject: n.subject,
      body: n.body,
      transport: n.transport,
      status: 'queued',
      dedupe_key: n.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Claims a queued notification for sending: one atomic update, so two workers (or a replayed
 * job) can never both send it. A claim older than `staleMs` (a worker died mid-send) may be retaken.
 */
export async function claimNotification(db: Executor, id: string, staleMs: number) {
  return db
    .updateTable('notifications')
    .set({ status: 'sending', attempts: sql`attempts + 1`, sent_at: sql`now()` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'sending'), eb('sent_at', '<', sql<Date>`now() - make_interval(secs => ${staleMs / 1000})`)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function markNotification(db: Executor, id: string, set: { status: 'sent' | 'queued' | 'failed'; lastError?: string | null }) {
  await db
    .updateTable('notifications')
    .set({
      status: set.status,
      last_error: set.lastError ?? null,
      ...(set.status === 'sent' ? { sent_at: sql`now()` } : { sent_at: null }),
    })
    .where('id', '=', id)
    .execute();
}

export async function queryNotifications(db: Executor, q: { channel?: string; status?: string; limit: number; offset: number }) {
  let base = db.selectFrom('notifications');
  if (q.channel) base = base.where('channel', '=', q.channel);
  if (q.status) base = base.where('status', '=', q.status);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findPreferences(db: Executor, userId: string) {
  return db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).execute();
}

export async function findPreference(db: Executor, userId: string, topic: string) {
  return db.selectFrom('notification_preferences').select(['email', 'sms']).where('user_id', '=', userId).where('topic', '=', topic).executeTakeFirst();
}

export async function upsertPreference(db: Executor, p: { userId: string; topic: string; email: boolean; sms: boolean; at: Date }) {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: p.userId, topic: p.topic, email: p.email, sms: p.sms, updated_at: p.at })
    .onConflict((oc) => oc.columns(['user_id', 'topic']).doUpdateSet({ email: p.email, sms: p.sms, updated_at: p.at }))
    .execute();
}
