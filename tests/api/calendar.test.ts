// The official calendar in the console: shipped years (2027 provisional, from the Labour Code), an
// admin's correction from a decree changing the deadlines counted on it, bad input refused with
// nothing lost, and shipped files never overwriting what an admin saved.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabaseUrl } from '../../server/env.ts';
import { seedCalendar } from '../../server/modules/calendar/index.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let admin: string;
let operator: string;
let mail: string;
let citizen: string;
before(async () => {
  // a Sunday in December 2026: a letter received now is due in January 2027
  s = await startTestServer({ now: () => new Date('2026-12-20T12:00:00+03:00') });
  admin = await signIn(s, 'admin@example.com');
  operator = await signIn(s, 'operator@example.com');
  mail = await signIn(s, 'mail@example.com');
  citizen = await signIn(s, 'citizen@example.com');
});
after(async () => {
  await s?.stop();
});

let seq = 0;
const tracking = () => `RC${String(Date.now()).slice(-7)}${(seq += 1)}RU`;
const registerLetter = (receivedOn: string) =>
  s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Сидоров Семён Семёнович', trackingNumber: tracking(), receivedOn } });

// the decree-like correction a test admin enters: 3 January moved onto Monday 11 January
const corrected = {
  source: 'Постановление (тестовое) о переносе выходных дней в 2027 году',
  nonWorking: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11', '2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10', '2027-06-14', '2027-11-04'],
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-02-23', '2027-03-08', '2027-05-01', '2027-05-09', '2027-06-12', '2027-11-04'],
  transfers: [
    { from: '2027-01-03', to: '2027-01-11' },
    { from: '2027-05-01', to: '2027-05-03' },
  ],
  workingWeekends: [],
  shortened: ['2027-02-22', '2027-04-30'],
};

describe(`official calendar in the console (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('the shipped years: 2027 is provisional, 2026 from the decree; counts of days', async () => {
    const r = await s.request({ method: 'GET', url: '/api/admin/calendar/years', token: operator });
    assert.equal(r.status, 200, r.text);
    const years = r.json.items as Array<{ year: number; provisional: boolean; origin: string; workingDays: number; daysOff: number }>;
    assert.deepEqual(years.map((y) => y.year), [2027, 2026, 2025]);
    assert.deepEqual(years.map((y) => [y.provisional, y.origin]), [[true, 'shipped'], [false, 'shipped'], [false, 'shipped']]);
    assert.deepEqual(years.slice(1).map((y) => [y.workingDays, y.daysOff]), [[247, 118], [247, 118]]);
    assert.deepEqual([years[0]?.workingDays, years[0]?.daysOff], [249, 116]);
    const one = await s.request({ method: 'GET', url: '/api/admin/calendar/years/2027', token: mail });
    assert.equal(one.status, 200);
    assert.equal(one.json.days.provisional, true);
    assert.ok(one.json.days.nonWorking.includes('2027-05-03'), '1 May on a Saturday moves to Monday 3 May');
    assert.match(one.json.source, /Трудового кодекса/);
  });

  test('a letter received before the new year is due on the provisional 2027 calendar', async () => {
    const r = await registerLetter('2026-12-18');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.replyDueOn, '2027-01-12');
  });

  test('who may read and change it: 401 without a session, 403 for a citizen and for staff other than admins', async () => {
    assert.equal((await s.request({ method: 'GET', url: '/api/admin/calendar/years' })).status, 401);
    const byCitizen = await s.request({ method: 'GET', url: '/api/admin/calendar/years', token: citizen });
    assert.equal(byCitizen.status, 403);
    assert.equal(byCitizen.json.error.code, 'FORBIDDEN');
    for (const token of [operator, mail]) {
      const put = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2027', token, body: corrected });
      assert.equal(put.status, 403);
    }
  });

  test('bad input: each wrong day named in Russian or English, the address and shape checked, nothing saved', async () => {
    const wrong = {
      ...corrected,
      nonWorking: [...corrected.nonWorking, '2027-01-09', '2027-02-30', '2028-01-10'],
      workingWeekends: ['2027-02-24'],
      shortened: ['2027-01-04', '2027-02-22', '2027-02-22'],
      transfers: [{ from: '2027-01-02', to: '2027-01-12' }],
    };
    const r = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2027', token: admin, body: wrong });
    assert.equal(r.status, 422, r.text);
    assert.equal(r.json.error.code, 'CALENDAR_YEAR_INVALID');
    assert.match(r.json.error.message, /не сохранён/);
    const byPath = Object.fromEntries((r.json.error.fields as Array<{ path: string; message: string }>).map((f) => [f.path, f.message]));
    const n = corrected.nonWorking.length;
    assert.match(byPath[`nonWorking.${n}`] ?? '', /09\.01\.2027 — суббота или воскресенье/);
    assert.match(byPath[`nonWorking.${n + 1}`] ?? '', /Такой даты нет: 30\.02\.2027/);
    assert.match(byPath[`nonWorking.${n + 2}`] ?? '', /10\.01\.2028 — не из 2027 года/);
    assert.match(byPath['workingWeekends.0'] ?? '', /будний день/);
    assert.match(byPath['shortened.0'] ?? '', /нерабочий день/);
    assert.match(byPath['shortened.2'] ?? '', /указан дважды/);
    assert.match(byPath['transfers.0.to'] ?? '', /нет среди нерабочих/);

    const en = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2027', token: admin, body: wrong, headers: { 'accept-language': 'en' } });
    assert.match(en.json.error.message, /was not saved/);
    assert.ok((en.json.error.fields as Array<{ message: string }>).some((f) => /09\.01\.2027 is a Saturday or Sunday/.test(f.message)));

    const malformed = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2027', token: admin, payload: '{"source": "x", ', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'MALFORMED_JSON');
    const badDay = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2027', token: admin, body: { ...corrected, holidays: ['1 января'] } });
    assert.equal(badDay.status, 400);
    assert.equal(badDay.json.error.fields[0].path, 'holidays.0');
    const noSource = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2027', token: admin, body: { ...corrected, source: '   ' } });
    assert.equal(noSource.status, 400);
    assert.equal(noSource.json.error.fields[0].path, 'source');
    const unknownField = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2027', token: admin, body: { ...corrected, region: 'KZ' } });
    assert.equal(unknownField.status, 400);
    for (const year of ['1999', '27', 'next']) assert.equal((await s.request({ method: 'PUT', url: `/api/admin/calendar/years/${year}`, token: admin, body: corrected })).status, 400, year);
    const missing = await s.request({ method: 'GET', url: '/api/admin/calendar/years/2031', token: admin });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'CALENDAR_YEAR_NOT_FOUND');

    const after = await s.request({ method: 'GET', url: '/api/admin/calendar/years/2027', token: admin });
    assert.equal(after.json.provisional, true, 'the shipped year is unchanged');
    assert.equal(after.json.origin, 'shipped');
  });

  test('an admin enters the decree: deadlines move, the change is audit-logged, days come back sorted', async () => {
    const r = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2027', token: admin, body: { ...corrected, nonWorking: [...corrected.nonWorking].reverse() } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.provisional, false);
    assert.equal(r.json.origin, 'console');
    assert.deepEqual(r.json.days.nonWorking, corrected.nonWorking);
    assert.equal(r.json.workingDays, 248);
    const letter = await registerLetter('2026-12-18');
    assert.equal(letter.json.replyDueOn, '2027-01-13', 'Monday 11 January is now a day off');
    const audit = await s.request({ method: 'GET', url: '/api/admin/audit?action=calendar.year_updated', token: admin });
    assert.equal(audit.json.total, 1);
    assert.equal(audit.json.items[0].details.year, 2027);

    const added = await s.request({ method: 'PUT', url: '/api/admin/calendar/years/2028', token: admin, body: { source: 'Предварительно', provisional: true, nonWorking: ['2028-01-03'], holidays: ['2028-01-01', '2028-01-03'], transfers: [], workingWeekends: [], shortened: [] } });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.json.provisional, true);
    const addedAudit = await s.request({ method: 'GET', url: '/api/admin/audit?action=calendar.year_added', token: admin });
    assert.equal(addedAudit.json.total, 1);
  });

  test('shipped files replace a shipped provisional year, never a year an admin saved or a decree year', async () => {
    const db = s.deps.db;
    // an older shipped forecast of 2025 and a hand-changed 2026 row, both as if written by an earlier server
    await sql`UPDATE calendar_years SET data = jsonb_set(data, '{provisional}', 'true'::jsonb) || '{"shortened": []}'::jsonb WHERE year = 2025`.execute(db);
    await sql`UPDATE calendar_years SET data = data || '{"shortened": []}'::jsonb WHERE year = 2026`.execute(db);
    await seedCalendar(db);
    const read = async (year: number) => (await s.request({ method: 'GET', url: `/api/admin/calendar/years/${year}`, token: admin })).json;
    const y2025 = await read(2025);
    assert.equal(y2025.provisional, false, 'the shipped decree year replaced the provisional one');
    assert.ok(y2025.days.shortened.length > 0);
    assert.deepEqual((await read(2026)).days.shortened, [], 'a stored decree year is left as it is');
    const y2027 = await read(2027);
    assert.equal(y2027.origin, 'console', 'the admin’s year stays');
    assert.ok(y2027.days.nonWorking.includes('2027-01-11'));
  });
});
