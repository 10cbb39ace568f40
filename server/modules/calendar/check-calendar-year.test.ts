import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CalendarYear } from '../../../shared/contracts/calendar.ts';
import { checkCalendarYear } from './check-calendar-year.ts';
import { shippedYears } from './official-calendar.ts';

const empty: CalendarYear = { region: 'RU', year: 2027, source: 'x', nonWorking: [], holidays: [], transfers: [], workingWeekends: [], shortened: [] };

test('every shipped year passes the checks an admin’s year must pass', () => {
  for (const y of shippedYears()) assert.deepEqual(checkCalendarYear(y), [], String(y.year));
});

test('each kind of wrong day is named with its field and item', () => {
  const kinds = (y: Partial<CalendarYear>) => checkCalendarYear({ ...empty, ...y }).map((p) => `${p.path}:${p.kind}`);
  assert.deepEqual(kinds({ nonWorking: ['2027-01-09'] }), ['nonWorking.0:CALENDAR_DAY_OFF_ON_WEEKEND']);
  assert.deepEqual(kinds({ nonWorking: ['2027-02-29'] }), ['nonWorking.0:CALENDAR_DAY_NOT_A_DATE']);
  assert.deepEqual(kinds({ holidays: ['2026-12-31'] }), ['holidays.0:CALENDAR_DAY_OUTSIDE_YEAR']);
  assert.deepEqual(kinds({ workingWeekends: ['2027-01-11'] }), ['workingWeekends.0:CALENDAR_NOT_A_WEEKEND']);
  assert.deepEqual(kinds({ shortened: ['2027-01-09'] }), ['shortened.0:CALENDAR_SHORTENED_DAY_OFF']);
  assert.deepEqual(kinds({ workingWeekends: ['2027-01-09'], shortened: ['2027-01-09'] }), [], 'a working Saturday can be shortened');
  assert.deepEqual(kinds({ nonWorking: ['2027-01-11'], shortened: ['2027-01-11'] }), ['shortened.0:CALENDAR_SHORTENED_DAY_OFF']);
  assert.deepEqual(kinds({ transfers: [{ from: '2027-01-02', to: '2027-01-12' }] }), ['transfers.0.to:CALENDAR_TRANSFER_NOT_OFF']);
  assert.deepEqual(kinds({ nonWorking: ['2027-01-12'], transfers: [{ from: '2027-01-02', to: '2027-01-12' }] }), []);
  assert.deepEqual(kinds({ holidays: ['2027-01-01', '2027-01-01'] }), ['holidays.1:CALENDAR_DAY_REPEATED']);
});
