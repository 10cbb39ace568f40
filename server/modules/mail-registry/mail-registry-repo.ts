// The only SQL on letters.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../platform/db/transaction.ts';

export type LetterRow = {
  id: string;
  sender_name: string;
  account_number: string | null;
  eng: string | null;
  citizen_id: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  summary: string | null;
  tracking_number: string;
  received_on: string;
  reply_due_on: string;
  status: string;
  reply_kind: string | null;
  reply_tracking_number: string | null;
  replied_on: string | null;
  reply_text: string | null;
  created_at: Date;
};

export async function insertLetter(
  db: Executor,
  l: Omit<LetterRow, 'id' | 'status' | 'reply_kind' | 'reply_tracking_number' | 'replied_on' | 'reply_text' | 'created_at'> & { registered_by: string },
): Promise<LetterRow> {
  return db.insertInto('letters').values({ id: randomUUID(), status: 'registered', ...l }).returningAll().executeTakeFirstOrThrow() as Promise<LetterRow>;
}

export async function findLetter(db: Executor, id: string, forUpdate = false): Promise<LetterRow | undefined> {
  let q = db.selectFrom('letters').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst() as Promise<LetterRow | undefined>;
}

export async function trackingTaken(db: Executor, tracking: string): Promise<boolean> {
  return (await db.selectFrom('letters').select('id').where('tracking_number', '=', tracking).executeTakeFirst()) !== undefined;
}

export async function answerLetter(db: Executor, id: string, r: { kind: string; tracking: string | null; repliedOn: string; text: string | null }) {
  await db
    .updateTable('letters')
    .set({ status: 'answered', reply_kind: r.kind, reply_tracking_number: r.tracking, replied_on: r.repliedOn, reply_text: r.text })
    .where('id', '=', id)
    .execute();
}

export async function queryLetters(db: Executor, q: { view: string; today: string; soonUntil: string; citizenId?: string; limit: number; offset: number }) {
  let base = db.selectFrom('letters');
  if (q.citizenId) base = base.where('citizen_id', '=', q.citizenId);
  if (q.view === 'open') base = base.where('status', '=', 'registered');
  if (q.view === 'answered') base = base.where('status', '=', 'answered');
  if (q.view === 'overdue') base = base.where('status', '=', 'registered').where('reply_due_on', '<', q.today);
  if (q.view === 'due_soon') base = base.where('status', '=', 'registered').where('reply_due_on', '>=', q.today).where('reply_due_on', '<=', q.soonUntil);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('reply_due_on').orderBy('created_at').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as LetterRow[], total: Number(total.n) };
}
