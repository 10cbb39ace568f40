import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MissingCalendarYearError, OfficialCalendar, moscowDay, shippedYears } from './official-calendar.ts';

const cal = new OfficialCalendar(shippedYears());

test('adding working days follows the 2026 decree', () => {
  assert.equal(cal.addWorkingDays('2026-04-29', 10), '2026-05-15');
  assert.equal(cal.addWorkingDays('2026-02-20', 10), '2026-03-10');
  assert.equal(cal.addWorkingDays('2026-06-10', 10), '2026-06-25');
});

test('transferred days off and shortened days', () => {
  assert.equal(cal.isWorkingDay('2026-01-09'), false, '3 January moved to 9 January');
  assert.equal(cal.isWorkingDay('2026-12-31'), false, '4 January moved to 31 December');
  assert.equal(cal.isWorkingDay('2026-03-09'), false, '8 March on a Sunday moves to Monday');
  assert.equal(cal.isWorkingDay('2026-05-11'), false, '9 May on a Saturday moves to Monday');
  assert.equal(cal.isShortened('2026-04-30'), true);
  assert.equal(cal.isWorkingDay('2026-04-30'), true);
  assert.equal(cal.kind('2026-11-04'), 'holiday');
  assert.equal(cal.kind('2026-11-07'), 'weekend');
  assert.equal(cal.kind('2026-11-05'), 'working');
  assert.equal(cal.isHoliday('2026-03-08'), true, 'the holiday itself, on a Sunday');
});

test('working days between two dates', () => {
  assert.equal(cal.workingDaysBetween('2026-04-29', '2026-05-15'), 10);
  assert.equal(cal.workingDaysBetween('2026-05-15', '2026-05-15'), 0);
});

test('a year without data is refused, not guessed', () => {
  assert.throws(() => cal.isWorkingDay('2031-01-05'), MissingCalendarYearError);
  assert.throws(() => cal.addWorkingDays('2027-12-25', 10), MissingCalendarYearError, 'crossing into a missing year');
  assert.throws(() => cal.isWorkingDay('2024-12-30'), MissingCalendarYearError);
});

test('Moscow day of an instant', () => {
  assert.equal(moscowDay(new Date('2026-05-14T21:30:00Z')), '2026-05-15');
  assert.equal(moscowDay(new Date('2026-05-14T20:59:00Z')), '2026-05-14');
});

for (const year of [2025, 2026]) {
  test(`${year} has 247 working days and 118 days off, as the decree calendar says`, () => {
    let working = 0;
    let off = 0;
    for (let d = new Date(`${year}-01-01T00:00:00Z`); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
      if (cal.isWorkingDay(d.toISOString().slice(0, 10))) working += 1;
      else off += 1;
    }
    assert.equal(working, 247);
    assert.equal(off, 118);
  });
}

test('2025 (decree No. 1335): transfers, a working Saturday, and deadlines across the new year', () => {
  assert.equal(cal.isWorkingDay('2025-05-02'), false, '4 January moved to 2 May');
  assert.equal(cal.isWorkingDay('2025-06-13'), false, '8 March moved to 13 June');
  assert.equal(cal.isWorkingDay('2025-11-01'), true, 'Saturday 1 November is a working day');
  assert.equal(cal.isShortened('2025-11-01'), true);
  assert.equal(cal.isWorkingDay('2025-02-24'), true, '23 February on a Sunday was moved to 8 May, not to Monday');
  assert.equal(cal.addWorkingDays('2025-12-25', 10), '2026-01-20', 'crossing 31 December and the January holidays');
});

test('2027 ships provisional, from the Labour Code alone: holidays on a weekend move to the next working day', () => {
  const y2027 = shippedYears().find((y) => y.year === 2027);
  assert.equal(y2027?.provisional, true);
  assert.match(y2027?.source ?? '', /Предварительный/);
  assert.equal(cal.isWorkingDay('2027-05-03'), false, '1 May on a Saturday moves to Monday 3 May');
  assert.equal(cal.isWorkingDay('2027-05-10'), false, '9 May on a Sunday moves to Monday 10 May');
  assert.equal(cal.isWorkingDay('2027-06-14'), false, '12 June on a Saturday moves to Monday 14 June');
  assert.equal(cal.isWorkingDay('2027-01-11'), true, 'the January weekend days move only by a decree');
  assert.equal(cal.isShortened('2027-12-31'), true, 'the day before 1 January 2028');
  assert.equal(cal.addWorkingDays('2026-12-25', 10), '2027-01-19', 'a deadline across the new year');
  let working = 0;
  for (let d = new Date('2027-01-01T00:00:00Z'); d.getUTCFullYear() === 2027; d.setUTCDate(d.getUTCDate() + 1)) if (cal.isWorkingDay(d.toISOString().slice(0, 10))) working += 1;
  assert.equal(working, 249);
});
