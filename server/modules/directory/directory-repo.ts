// The only SQL on phone_lines, directory_settings and schedule_notices.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { weeklyScheduleSchema, type WeeklySchedule } from '../../../shared/contracts/directory.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { seedHotlineSchedule } from './seed-directory.ts';

export async function listPhoneLines(db: Executor) {
  return db.selectFrom('phone_lines').selectAll().orderBy('position').orderBy('id').execute();
}

export async function insertPhoneLine(db: Executor, p: { number: string; audience: string; purpose: string; schedule: string | null; free: boolean; notes: string | null }) {
  const pos = await db.selectFrom('phone_lines').select(sql<number>`coalesce(max(position), -1) + 1`.as('p')).executeTakeFirstOrThrow();
  return db.insertInto('phone_lines').values({ id: randomUUID(), position: Number(pos.p), ...p }).returningAll().executeTakeFirstOrThrow();
}

export async function updatePhoneLine(db: Executor, id: string, p: { number: string; audience: string; purpose: string; schedule: string | null; free: boolean; notes: string | null }) {
  return db.updateTable('phone_lines').set({ ...p, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deletePhoneLine(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('phone_lines').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function hotlineSchedule(db: Executor): Promise<WeeklySchedule> {
  const row = await db.selectFrom('directory_settings').select('value').where('key', '=', 'hotline_schedule').executeTakeFirst();
  return row ? weeklyScheduleSchema.parse(row.value) : seedHotlineSchedule;
}

export async function saveHotlineSchedule(db: Executor, schedule: WeeklySchedule): Promise<void> {
  await db
    .insertInto('directory_settings')
    .values({ key: 'hotline_schedule', value: JSON.stringify(schedule) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(schedule), updated_at: sql`now()` }))
    .execute();
}

export async function listNotices(db: Executor, limit = 20) {
  return db.selectFrom('schedule_notices').selectAll().orderBy('published_on', 'desc').orderBy('created_at', 'desc').limit(limit).execute();
}

export async function insertNotice(db: Executor, n: { publishedOn: string; text: string }) {
  return db.insertInto('schedule_notices').values({ id: randomUUID(), published_on: n.publishedOn, text: n.text }).returningAll().executeTakeFirstOrThrow();
}
