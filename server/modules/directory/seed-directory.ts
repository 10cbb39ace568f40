// Phone lines and hotline hours as the seed text gives them. Values the seed leaves out (the
// foreign lines' hours) stay empty; the seed's round-the-clock wording is kept where it says so.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { WeeklySchedule } from '../../../shared/contracts/directory.ts';
import type { Executor } from '../../platform/db/transaction.ts';

export const seedHotlineSchedule: WeeklySchedule = {
  timeZone: 'Europe/Moscow',
  days: {
    '1': { open: '08:00', close: '20:00' },
    '2': { open: '08:00', close: '20:00' },
    '3': { open: '08:00', close: '20:00' },
    '4': { open: '08:00', close: '20:00' },
    '5': { open: '08:00', close: '20:00' },
    '6': { open: '09:00', close: '18:00' },
    '7': { open: '10:00', close: '16:00' },
  },
  holiday: { open: '10:00', close: '14:00' },
};

const freeNote = 'Звонки с территории России бесплатны; для звонков из-за рубежа действуют тарифы оператора.';

export const seedPhoneLines = [
  { number: '8-800-555-35-35', audience: 'citizens', purpose: 'Общая справочная служба', schedule: 'Круглосуточно', free: true, notes: freeNote },
  { number: '8-800-100-70-70', audience: 'citizens', purpose: 'Центр по вопросам регистрации и восстановления доступа', schedule: 'Круглосуточно', free: true, notes: freeNote },
  { number: '+7 495 771-02-02', audience: 'foreign', purpose: 'Горячая линия для пользователей, находящихся за пределами РФ', schedule: null, free: true, notes: freeNote },
  { number: '+7 495 777-77-77', audience: 'foreign', purpose: 'Линия для вопросов, связанных с международными услугами и переводом документов', schedule: null, free: true, notes: freeNote },
] as const;

/** Seeds once, under a lock, so several processes starting together seed one copy. */
export async function seedDirectory(db: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('svyaz:seed-directory'))`.execute(db);
  const any = await db.selectFrom('phone_lines').select('id').limit(1).executeTakeFirst();
  if (!any) {
    await db
      .insertInto('phone_lines')
      .values(seedPhoneLines.map((p, position) => ({ id: randomUUID(), position, ...p })))
      .execute();
  }
  await db
    .insertInto('directory_settings')
    .values({ key: 'hotline_schedule', value: JSON.stringify(seedHotlineSchedule) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
