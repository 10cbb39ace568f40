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

export type LetterScanRow = { letter_id: string; filename: string; mime: string; size: number; storage_key: string; uploaded_by: string | null; created_at: Date };

/** Saves the letter's scan, replacing an earlier one; returns the storage key it replaced, if any. */
export async function saveLetterScan(db: Executor, s: Omit<LetterScanRow, 'created_at'>): Promise<string | null> {
  const previous = await db.selectFrom('letter_scans').select('storage_key').where('letter_id', '=', s.letter_id).forUpdate().executeTakeFirst();
  await db
    .insertInto('letter_scans')
    .values(s)
    .onConflict((oc) => oc.column('letter_id').doUpdateSet({ filename: s.filename, mime: s.mime, size: s.size, storage_key: s.storage_key, uploaded_by: s.uploaded_by, created_at: new Date() }))
    .execute();
  return previous?.storage_key ?? null;
}

export async function findLetterScan(db: Executor, letterId: string): Promise<LetterScanRow | undefined> {
  return db.selectFrom('letter_scans').selectAll().where('letter_id', '=', letterId).executeTakeFirst() as Promise<LetterScanRow | undefined>;
}

/** The scans of these letters, by letter id. */
export async function scansOf(db: Executor, letterIds: readonly string[]): Promise<Map<string, LetterScanRow>> {
  if (letterIds.length === 0) return new Map();
  const rows = (await db.selectFrom('letter_scans').selectAll().where('letter_id', 'in', [...letterIds]).execute()) as LetterScanRow[];
  return new Map(rows.map((r) => [r.letter_id, r]));
}
