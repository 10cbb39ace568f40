// The calendar lives in the database (admins can correct or add a year); the decree files seed it.
import type { Executor } from '../../platform/db/transaction.ts';
import { OfficialCalendar, calendarYearSchema, shippedYears } from './official-calendar.ts';

export async function seedCalendar(db: Executor): Promise<void> {
  for (const y of shippedYears()) {
    await db
      .insertInto('calendar_years')
      .values({ region: y.region, year: y.year, data: JSON.stringify(y) })
      .onConflict((oc) => oc.columns(['region', 'year']).doNothing())
      .execute();
  }
}

/** Reads every stored year; cheap (a row a year), so each use reads fresh data across processes. */
export async function loadCalendar(db: Executor, region = 'RU'): Promise<OfficialCalendar> {
  const rows = await db.selectFrom('calendar_years').select('data').where('region', '=', region).execute();
  return new OfficialCalendar(rows.map((r) => calendarYearSchema.parse(r.data)), region);
}
