// The only SQL on requests, request_events, request_documents and request_sla.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';
import { notifyKey } from '../../platform/realtime/key-signals.ts';
import { REQUEST_SIGNALS_CHANNEL } from './request-signals.ts';

export type RequestRow = {
  id: string;
  number: string;
  citizen_id: string | null;
  eng: string | null;
  type: string;
  description: string;
  contact_email: string | null;
  contact_phone: string | null;
  contact_name: string | null;
  service: string | null;
  status: string;
  priority: number;
  assignee_id: string | null;
  conversation_id: string | null;
  tracking_token_hash: string | null;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  first_response_at: Date | null;
  status_changed_at: Date;
  escalated_at: Date | null;
  reraised_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export async function slaFor(db: Executor, type: string) {
  return db.selectFrom('request_sla').selectAll().where('type', '=', type).executeTakeFirst();
}

export async function allSla(db: Executor) {
  return db.selectFrom('request_sla').selectAll().orderBy('type').execute();
}

export async function saveSla(db: Executor, items: Array<{ type: string; first_response_days: number; resolution_days: number }>) {
  for (const i of items) {
    await db.insertInto('request_sla').values(i).onConflict((oc) => oc.column('type').doUpdateSet({ first_response_days: i.first_response_days, resolution_days: i.resolution_days })).execute();
  }
}

export async function numberTaken(db: Executor, number: string) {
  return (await db.selectFrom('requests').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;
}

export async function insertRequest(db: Executor, r: Omit<RequestRow, 'id' | 'priority' | 'assignee_id' | 'first_response_at' | 'status_changed_at' | 'escalated_at' | 'reraised_at' | 'updated_at' | 'status'>) {
  return db.insertInto('requests').values({ id: randomUUID(), status: 'accepted', status_changed_at: r.created_at, updated_at: r.created_at, ...r }).returningAll().executeTakeFirstOrThrow() as Promise<RequestRow>;
}

export async function findRequestByNumber(db: Executor, number: string, forUpdate = false) {
  let q = db.selectFrom('requests').selectAll().where('number', '=', number);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst() as Promise<RequestRow | undefined>;
}

export async function findRequestByTracking(db: Executor, tokenHash: string) {
  return db.selectFrom('requests').selectAll().where('tracking_token_hash', '=', tokenHash).executeTakeFirst() as Promise<RequestRow | undefined>;
}

export async function updateRequest(db: Executor, id: string, set: Partial<Omit<RequestRow, 'id'>>) {
  await db.updateTable('requests').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function insertEvent(
  db: Executor,
  e: { requestId: string; kind: string; authorId?: string | null; authorRole?: string | null; fromStatus?: string | null; toStatus?: string | null; text?: string | null; visible: boolean },
) {
  const row = await db
    .insertInto('request_events')
    .values({
      id: randomUUID(),
      request_id: e.requestId,
      kind: e.kind,
      author_id: e.authorId ?? null,
      author_role: e.authorRole ?? null,
      from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null,
      text: e.text ?? null,
      visible_to_citizen: e.visible,
      // not now(): that is the transaction's start, so events written in one transaction would
      // tie and the timeline would show them in random (id) order
      created_at: sql`clock_timestamp()`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // the request's open pages read it again once this transaction commits
  await notifyKey(db, REQUEST_SIGNALS_CHANNEL, e.requestId);
  return row;
}

export async function listEvents(db: Executor, requestId: string, includeInternal: boolean) {
  let q = db.selectFrom('request_events as e').leftJoin('users as u', 'u.id', 'e.author_id').select(['e.id', 'e.kind', 'e.author_role', 'e.from_status', 'e.to_status', 'e.text', 'e.visible_to_citizen', 'e.created_at', 'u.name as author_name']).where('e.request_id', '=', requestId);
  if (!includeInternal) q = q.where('e.visible_to_citizen', '=', true);
  return q.orderBy('e.created_at').orderBy('e.id').execute();
}

export async function insertDocument(db: Executor, d: { requestId: string; filename: string; mime: string; size: number; storageKey: string; uploadedBy: string | null }) {
  return db
    .insertInto('request_documents')
    .values({ id: randomUUID(), request_id: d.requestId, filename: d.filename, mime: d.mime, size: d.size, storage_key: d.storageKey, uploaded_by: d.uploadedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listDocuments(db: Executor, requestId: string) {
  return db.selectFrom('request_documents').selectAll().where('request_id', '=', requestId).orderBy('created_at').execute();
}

export async function findDocument(db: Executor, requestId: string, id: string) {
  return db.selectFrom('request_documents').selectAll().where('request_id', '=', requestId).where('id', '=', id).executeTakeFirst();
}

export async function listCitizenRequests(db: Executor, q: { citizenId: string; status?: string; number?: string; limit: number; offset: number }) {
  let base = db.selectFrom('requests').where('citizen_id', '=', q.citizenId);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.number) base = base.where('number', 'like', `%${q.number.toUpperCase().replace(/[\\%_]/g, '')}%`);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as RequestRow[], total: Number(total.n) };
}

/** The staff queue counts its total up to this many requests. */
export const STAFF_TOTAL_CAP = 10_000;

export async function listStaffRequests(
  db: Executor,
  q: { status?: string; type?: string; overdue?: boolean; assignee?: string | null; service?: string; eng?: string; now: Date; limit: number; offset: number; totalCap?: number },
) {
  const cap = q.totalCap ?? STAFF_TOTAL_CAP;
  let base = db.selectFrom('requests');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.type) base = base.where('type', '=', q.type);
  if (q.service) base = base.where('service', '=', q.service);
  if (q.eng) base = base.where('eng', '=', q.eng);
  if (q.assignee === null) base = base.where('assignee_id', 'is', null);
  else if (q.assignee) base = base.where('assignee_id', '=', q.assignee);
  if (q.overdue === true) base = base.where('status', 'not in', ['completed', 'rejected']).where('resolution_due_at', '<', q.now);
  if (q.overdue === false) base = base.where((eb) => eb.or([eb('resolution_due_at', '>=', q.now), eb('status', 'in', ['completed', 'rejected'])]));
  // The total is counted up to a cap: an exact count over a million rows costs a second on every
  // page of the queue (bench/requests-bench.ts); past the cap the answer says «at least».
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('priority', 'desc').orderBy('created_at').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    db
      .selectFrom(base.select(sql<number>`1`.as('one')).limit(cap + 1).as('capped'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(total.n);
  return { rows: rows as RequestRow[], total: Math.min(n, cap), totalCapped: n > cap };
}

/** Open requests past their deadline and not yet escalated (first response for new ones, resolution for all). */
export async function overdueUnescalated(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('requests')
    .selectAll()
    .where('escalated_at', 'is', null)
    .where('status', 'not in', ['completed', 'rejected'])
    .where((eb) => eb.or([eb('resolution_due_at', '<', now), eb.and([eb('status', '=', 'accepted'), eb('first_response_due_at', '<', now)])]))
    .orderBy('resolution_due_at')
    .limit(limit)
    .execute() as Promise<RequestRow[]>;
}
