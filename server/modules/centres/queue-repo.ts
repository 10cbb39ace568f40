// The only SQL on queue_tickets and queue_counters (the visit queue).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';

export type TicketRow = {
  id: string;
  seq: number;
  centre_id: string;
  day: string;
  number: string;
  service: string;
  status: string;
  source: string;
  citizen_id: string | null;
  desk: string | null;
  clerk_id: string | null;
  note: string | null;
  created_at: Date;
  called_at: Date | null;
  finished_at: Date | null;
  resolved_at: Date | null;
};

const cols = ['id', 'seq', 'centre_id', 'day', 'number', 'service', 'status', 'source', 'citizen_id', 'desk', 'clerk_id', 'note', 'created_at', 'called_at', 'finished_at', 'resolved_at'] as const;

/** The next number of a prefix for a centre and day (atomic: the row lock serializes takers). */
export async function nextNumber(tx: Executor, centreId: string, day: string, prefix: string): Promise<number> {
  const r = await tx
    .insertInto('queue_counters')
    .values({ centre_id: centreId, day, prefix, last: 1 })
    .onConflict((oc) => oc.columns(['centre_id', 'day', 'prefix']).doUpdateSet({ last: sql`queue_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export async function insertTicket(tx: Executor, t: { centreId: string; day: string; number: string; service: string; source: 'citizen' | 'clerk'; citizenId: string | null; clerkId: string | null; at: Date }): Promise<TicketRow> {
  return tx
    .insertInto('queue_tickets')
    .values({ id: randomUUID(), centre_id: t.centreId, day: t.day, number: t.number, service: t.service, status: 'waiting', source: t.source, citizen_id: t.citizenId, clerk_id: t.clerkId, created_at: t.at })
    .returning(cols)
    .executeTakeFirstOrThrow() as Promise<TicketRow>;
}

export async function findTicket(db: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<TicketRow | undefined> {
  let q = db.selectFrom('queue_tickets').select(cols).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst() as Promise<TicketRow | undefined>;
}

export async function activeTicketOf(db: Executor, centreId: string, day: string, citizenId: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('queue_tickets')
    .select(cols)
    .where('centre_id', '=', centreId)
    .where('day', '=', day)
    .where('citizen_id', '=', citizenId)
    .where('status', 'in', ['waiting', 'called'])
    .executeTakeFirst() as Promise<TicketRow | undefined>;
}

/** Waiting tickets of the same centre and day taken before this one. */
export async function aheadOf(db: Executor, t: TicketRow): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM queue_tickets
    WHERE centre_id = ${t.centre_id} AND day = ${t.day}::date AND status = 'waiting' AND seq < ${t.seq}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Average minutes from call to finish of today's visits, and the desks that called in the last hour. */
export async function serviceStats(db: Executor, centreId: string, day: string, since: Date): Promise<{ avgMinutes: number | null; desks: number }> {
  const r = await sql<{ avg: number | null; desks: number }>`
    SELECT (SELECT avg(extract(epoch FROM finished_at - called_at)) / 60 FROM queue_tickets
             WHERE centre_id = ${centreId} AND day = ${day}::date AND status IN ('served','follow_up') AND called_at IS NOT NULL AND finished_at IS NOT NULL) AS avg,
           (SELECT count(DISTINCT desk)::int FROM queue_tickets WHERE centre_id = ${centreId} AND called_at >= ${since}) AS desks`.execute(db);
  const row = r.rows[0];
  return { avgMinutes: row?.avg === null || row?.avg === undefined ? null : Number(row.avg), desks: Number(row?.desks ?? 0) };
}

export async function ticketsOfDay(db: Executor, centreId: string, day: string): Promise<TicketRow[]> {
  return db.selectFrom('queue_tickets').select(cols).where('centre_id', '=', centreId).where('day', '=', day).orderBy('seq').execute() as Promise<TicketRow[]>;
}

/** The first waiting ticket (optionally of one service), locked; another clerk skips it. */
export async function firstWaiting(tx: Executor, centreId: string, day: string, service?: string): Promise<TicketRow | undefined> {
  let q = tx.selectFrom('queue_tickets').select(cols).where('centre_id', '=', centreId).where('day', '=', day).where('status', '=', 'waiting');
  if (service) q = q.where('service', '=', service);
  return q.orderBy('seq').limit(1).forUpdate().skipLocked().executeTakeFirst() as Promise<TicketRow | undefined>;
}

export async function updateTicket(
  tx: Executor,
  id: string,
  set: Partial<{ status: string; desk: string | null; clerk_id: string | null; note: string | null; called_at: Date; finished_at: Date; resolved_at: Date; resolved_by: string }>,
): Promise<TicketRow> {
  return tx.updateTable('queue_tickets').set(set).where('id', '=', id).returning(cols).executeTakeFirstOrThrow() as Promise<TicketRow>;
}

/** Visits not resolved and taken before `before` (candidates for the supervisor's list). */
export async function unresolvedBefore(db: Executor, before: Date, limit = 500) {
  return db
    .selectFrom('queue_tickets')
    .innerJoin('centres', 'centres.id', 'queue_tickets.centre_id')
    .select([...cols.map((c) => `queue_tickets.${c}` as const), 'centres.name as centre_name'])
    .where('queue_tickets.resolved_at', 'is', null)
    .where('queue_tickets.status', 'in', ['waiting', 'called', 'follow_up'])
    .where('queue_tickets.created_at', '<', before)
    .orderBy('queue_tickets.created_at')
    .limit(limit)
    .execute() as Promise<Array<TicketRow & { centre_name: string }>>;
}
