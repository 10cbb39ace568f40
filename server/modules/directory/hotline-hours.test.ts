import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WeeklySchedule } from '../../../shared/contracts/directory.ts';
import { OfficialCalendar, shippedYears } from '../calendar/index.ts';
import { hotlineStatus } from './hotline-hours.ts';
import { seedHotlineSchedule } from './seed-directory.ts';

const cal = new OfficialCalendar(shippedYears());
const schedule: WeeklySchedule = seedHotlineSchedule;
const at = (iso: string) => hotlineStatus(new Date(iso), schedule, cal);

test('weekdays 08:00–20:00 Moscow time, boundaries inclusive at opening, exclusive at closing', () => {
  assert.equal(at('2026-11-05T08:00:00+03:00').open, true);
  assert.equal(at('2026-11-05T07:59:00+03:00').open, false);
  assert.equal(at('2026-11-05T19:59:00+03:00').open, true);
  const closing = at('2026-11-05T20:00:00+03:00');
  assert.equal(closing.open, false);
  assert.equal(closing.reason, 'after_hours');
  assert.equal(closing.opensAt, '2026-11-06T05:00:00.000Z');
  assert.equal(closing.text, 'Закрыто, откроется завтра в 08:00 (МСК)');
  assert.equal(at('2026-11-05T12:00:00+03:00').closesAt, '2026-11-05T17:00:00.000Z');
  assert.equal(at('2026-11-05T12:00:00+03:00').text, 'Открыто сейчас, до 20:00 (МСК)');
});

test('weekends: Saturday 09–18, Sunday 10–16', () => {
  assert.equal(at('2026-11-07T08:59:00+03:00').open, false);
  assert.equal(at('2026-11-07T09:00:00+03:00').open, true);
  assert.equal(at('2026-11-07T18:00:00+03:00').open, false);
  assert.equal(at('2026-11-08T10:00:00+03:00').open, true);
  assert.equal(at('2026-11-08T16:00:00+03:00').open, false);
});

test('holidays of the official calendar, transferred days included: 10:00–14:00', () => {
  for (const day of ['2026-11-04', '2026-03-09', '2026-01-09']) {
    assert.equal(at(`${day}T09:59:00+03:00`).open, false, day);
    assert.equal(at(`${day}T09:59:00+03:00`).reason, 'holiday', day);
    assert.equal(at(`${day}T10:00:00+03:00`).open, true, day);
    assert.equal(at(`${day}T13:59:00+03:00`).open, true, day);
    assert.equal(at(`${day}T14:00:00+03:00`).open, false, day);
  }
});

test('instants given in UTC are read in Moscow time', () => {
  assert.equal(at('2026-11-05T05:00:00Z').open, true, '05:00 UTC is 08:00 in Moscow');
  assert.equal(at('2026-11-05T04:59:59Z').open, false);
  assert.equal(at('2026-11-05T16:59:00Z').open, true);
  assert.equal(at('2026-11-05T17:00:00Z').open, false);
});

test('English on request', () => {
  assert.equal(hotlineStatus(new Date('2026-11-05T12:00:00+03:00'), schedule, cal, 'en').text, 'Open now, until 20:00 (Moscow time)');
});
