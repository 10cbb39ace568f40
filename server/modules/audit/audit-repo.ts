// The only SQL on audit_log.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';

export type AuditInput = {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
};

export async function insertAudit(db: Executor, e: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      actor_id: e.actorId,
      actor_role: e.actorRole,
      action: e.action,
      subject_id: e.subjectId ?? null,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

export async function queryAudit(
  db: Executor,
  q: { action?: string; actorId?: string; subjectId?: string; from?: string; to?: string; limit: number; offset: number },
) {
  let base = db
    .selectFrom('audit_log as a')
    .leftJoin('users as actor', 'actor.id', 'a.actor_id')
    .leftJoin('users as subject', 'subject.id', 'a.subject_id');
  if (q.action) base = base.where('a.action', '=', q.action);
  if (q.actorId) base = base.where('a.actor_id', '=', q.actorId);
  if (q.subjectId) base = base.where('a.subject_id', '=', q.subjectId);
  // dates are calendar days in Moscow time, inclusive at both ends
  if (q.from) base = base.where('a.at', '>=', sql<Date>`(${q.from}::date)::timestamp AT TIME ZONE 'Europe/Moscow'`);
  if (q.to) base = base.where('a.at', '<', sql<Date>`((${q.to}::date) + 1)::timestamp AT TIME ZONE 'Europe/Moscow'`);
  const [rows, total] = await Promise.all([
    base
      .select(['a.id', 'a.at', 'a.actor_id', 'a.actor_role', 'a.action', 'a.subject_id', 'a.details', 'actor.name as actor_name', 'subject.name as subject_name'])
      .orderBy('a.at', 'desc')
      .orderBy('a.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
