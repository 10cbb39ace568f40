// The calendar lives in the database (admins correct or add a year in the console); the decree
// files seed it. A shipped year is written once; a shipped provisional year is replaced when the
// server ships that year again (the decree came out), unless an admin has saved the year since.
import { sql } from 'kysely';
import type { CalendarYear, CalendarYearSummary } from '../../../shared/contracts/calendar.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { OfficialCalendar, calendarYearSchema, nextDay, shippedYears } from './official-calendar.ts';

export async function seedCalendar(db: Executor): Promise<void> {
  for (const y of shippedYears()) {
    await db
      .insertInto('calendar_years')
      .values({ region: y.region, year: y.year, data: JSON.stringify(y) })
      .onConflict((oc) =>
        oc
          .columns(['region', 'year'])
          .doUpdateSet({ data: sql`excluded.data`, updated_at: sql`now()` })
          .where('calendar_years.origin', '=', 'shipped')
          .where(sql<string>`calendar_years.data->>'provisional'`, '=', 'true')
          .where(sql<boolean>`calendar_years.data <> excluded.data`),
      )
      .execute();
  }
}

/** Reads every stored year; cheap (a row a year), so each use reads fresh data across processes. */
export async function loadCalendar(db: Executor, region = 'RU'): Promise<OfficialCalendar> {
  const rows = await db.selectFrom('calendar_years').select('data').where('region', '=', region).execute();
  return new OfficialCalendar(rows.map((r) => calendarYearSchema.parse(r.data)), region);
}

type StoredYear = { summary: CalendarYearSummary; days: CalendarYear };

function present(row: { region: string; year: number; data: unknown; origin: 'shipped' | 'console'; updated_at: Date | string }): StoredYear {
  const days = calendarYearSchema.parse(row.data);
  const cal = new OfficialCalendar([days], days.region);
  let workingDays = 0;
  let daysOff = 0;
  for (let d = `${days.year}-01-01`; d.startsWith(String(days.year)); d = nextDay(d)) {
    if (cal.isWorkingDay(d)) workingDays += 1;
    else daysOff += 1;
  }
  return {
    days,
    summary: {
      region: row.region,
      year: row.year,
      source: days.source,
      provisional: days.provisional === true,
      origin: row.origin,
      workingDays,
      daysOff,
      updatedAt: new Date(row.updated_at).toISOString(),
    },
  };
}

export async function listCalendarYears(db: Executor, region = 'RU'): Promise<CalendarYearSummary[]> {
  const rows = await db.selectFrom('calendar_years').select(['region', 'year', 'data', 'origin', 'updated_at']).where('region', '=', region).orderBy('year', 'desc').execute();
  return rows.map((r) => present(r).summary);
}

export async function readCalendarYear(db: Executor, year: number, region = 'RU'): Promise<StoredYear | undefined> {
  const row = await db.selectFrom('calendar_years').select(['region', 'year', 'data', 'origin', 'updated_at']).where('region', '=', region).where('year', '=', year).executeTakeFirst();
  return row ? present(row) : undefined;
}

/** Creates or replaces a year as an admin's own (never overwritten by shipped files afterwards). */
export async function storeCalendarYear(db: Executor, days: CalendarYear, userId: string): Promise<void> {
  await db
    .insertInto('calendar_years')
    .values({ region: days.region, year: days.year, data: JSON.stringify(days), origin: 'console', updated_by: userId })
    .onConflict((oc) => oc.columns(['region', 'year']).doUpdateSet({ data: sql`excluded.data`, origin: 'console', updated_by: userId, updated_at: sql`now()` }))
    .execute();
}
