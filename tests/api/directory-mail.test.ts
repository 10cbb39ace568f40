// Phone lines, hotline hours and postal letters with a reply deadline on the official calendar.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let mail: string;
before(async () => {
  s = await startTestServer({ now: () => new Date('2026-11-25T12:00:00+03:00') });
  mail = await signIn(s, 'mail@example.com');
});
after(async () => {
  await s?.stop();
});

let seq = 0;
const tracking = () => `RA${String(Date.now()).slice(-7)}${(seq += 1)}RU`;

describe(`directory and letters (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('phone lines from the seed: numbers, audiences, free calls; no invented hours', async () => {
    const r = await s.request({ method: 'GET', url: '/api/directory/phones' });
    assert.equal(r.status, 200);
    const numbers = r.json.items.map((i: { number: string }) => i.number);
    assert.deepEqual(numbers, ['8-800-555-35-35', '8-800-100-70-70', '+7 495 771-02-02', '+7 495 777-77-77']);
    assert.deepEqual(r.json.items.map((i: { audience: string }) => i.audience), ['citizens', 'citizens', 'foreign', 'foreign']);
    assert.ok(r.json.items.every((i: { free: boolean }) => i.free));
    assert.equal(r.json.items[2].schedule, null, 'the seed gives no hours for this line');
    for (const k of ['id', 'number', 'audience', 'purpose', 'schedule', 'free']) assert.ok(k in r.json.items[0], k);
  });

  test('hotline status at given instants, in Moscow time, holidays and transfers included', async () => {
    const at = async (iso: string, lang = 'ru') => (await s.request({ method: 'GET', url: `/api/directory/hotline/status?at=${encodeURIComponent(iso)}`, headers: { 'accept-language': lang } })).json;
    assert.equal((await at('2026-11-05T08:00:00+03:00')).open, true);
    assert.equal((await at('2026-11-05T20:00:00+03:00')).open, false);
    assert.equal((await at('2026-11-05T04:59:00Z')).open, false, '07:59 in Moscow');
    const holiday = await at('2026-11-04T15:00:00+03:00');
    assert.equal(holiday.open, false);
    assert.equal(holiday.reason, 'holiday');
    assert.equal(holiday.opensAt, '2026-11-05T05:00:00.000Z');
    assert.equal((await at('2026-01-09T11:00:00+03:00')).open, true, 'transferred day: holiday hours 10–14');
    assert.equal((await at('2026-01-09T15:00:00+03:00')).open, false);
    assert.equal((await at('2026-03-09T10:00:00+03:00')).open, true);
    const open = await at('2026-11-07T10:00:00+03:00');
    assert.equal(open.closesAt, '2026-11-07T15:00:00.000Z');
    assert.equal(open.text, 'Открыто сейчас, до 18:00 (МСК)');
    assert.equal((await at('2026-11-07T10:00:00+03:00', 'en')).text, 'Open now, until 18:00 (Moscow time)');
  });

  test('hotline: a malformed time is a 400, a year without a calendar a 422', async () => {
    const bad = await s.request({ method: 'GET', url: '/api/directory/hotline/status?at=tomorrow' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.fields[0].message, /ISO 8601/);
    const noYear = await s.request({ method: 'GET', url: '/api/directory/hotline/status?at=2031-05-05T12:00:00Z' });
    assert.equal(noYear.status, 422);
    assert.equal(noYear.json.error.code, 'CALENDAR_MISSING');
    assert.match(noYear.json.error.message, /2031/);
  });

  test('a letter received on 2026-04-29 is due 2026-05-15; on 2026-06-10, due 2026-06-25', async () => {
    for (const [receivedOn, due] of [['2026-04-29', '2026-05-15'], ['2026-06-10', '2026-06-25']]) {
      const r = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Петров Пётр Петрович', trackingNumber: tracking(), receivedOn } });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.replyDueOn, due);
      assert.match(r.json.id, /^[0-9a-f-]{36}$/);
    }
  });

  test('bad letters: from the future, without a calendar year, a mistyped ЕНГ, a duplicate tracking number, wrong roles', async () => {
    const future = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Будущий', trackingNumber: tracking(), receivedOn: '2026-12-01' } });
    assert.equal(future.status, 422);
    assert.equal(future.json.error.code, 'LETTER_FROM_FUTURE');
    const old = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Давний', trackingNumber: tracking(), receivedOn: '2019-03-01' } });
    assert.equal(old.status, 422);
    assert.equal(old.json.error.code, 'CALENDAR_MISSING');
    const eng = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'С номером', trackingNumber: tracking(), receivedOn: '2026-11-02', eng: 'ЕНГ-1234567891' } });
    assert.equal(eng.status, 400);
    const t = tracking();
    assert.equal((await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Первый', trackingNumber: t, receivedOn: '2026-11-02' } })).status, 201);
    const dup = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Второй', trackingNumber: t, receivedOn: '2026-11-02' } });
    assert.equal(dup.status, 409);
    const badDate = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Дата', trackingNumber: tracking(), receivedOn: '02.11.2026' } });
    assert.equal(badDate.status, 400);
    const operator = await signIn(s, 'operator@example.com');
    assert.equal((await s.request({ method: 'POST', url: '/api/mail/letters', token: operator, body: { senderName: 'Кто-то', trackingNumber: tracking(), receivedOn: '2026-11-02' } })).status, 403);
    assert.equal((await s.request({ method: 'POST', url: '/api/mail/letters', body: { senderName: 'Кто-то', trackingNumber: tracking(), receivedOn: '2026-11-02' } })).status, 401);
  });

  test('overdue and due-soon lists; the reply is recorded once; the citizen sees their letter', async () => {
    const citizen = await signIn(s, 'citizen@example.com');
    const me = await s.request({ method: 'GET', url: '/api/me', token: citizen });
    const overdue = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Иванов Иван Иванович', trackingNumber: tracking(), receivedOn: '2026-11-02', eng: me.json.eng, phone: '8 916 100-20-30' } });
    assert.equal(overdue.status, 201, overdue.text);
    assert.equal(overdue.json.replyDueOn, '2026-11-17');
    const soon = await s.request({ method: 'POST', url: '/api/mail/letters', token: mail, body: { senderName: 'Скоро', trackingNumber: tracking(), receivedOn: '2026-11-12' } });
    assert.equal(soon.json.replyDueOn, '2026-11-26');
    const list = await s.request({ method: 'GET', url: '/api/mail/letters?view=overdue', token: mail });
    assert.ok(list.json.items.some((l: { id: string; overdue: boolean }) => l.id === overdue.json.id && l.overdue));
    const dueSoon = await s.request({ method: 'GET', url: '/api/mail/letters?view=due_soon', token: mail });
    assert.ok(dueSoon.json.items.some((l: { id: string }) => l.id === soon.json.id));
    assert.ok(!dueSoon.json.items.some((l: { id: string }) => l.id === overdue.json.id));

    const noTrack = await s.request({ method: 'POST', url: `/api/mail/letters/${overdue.json.id}/reply`, token: mail, body: { kind: 'postal', repliedOn: '2026-11-20' } });
    assert.equal(noTrack.status, 400);
    const reply = await s.request({ method: 'POST', url: `/api/mail/letters/${overdue.json.id}/reply`, token: mail, body: { kind: 'postal', trackingNumber: 'RB123456789RU', repliedOn: '2026-11-20' } });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.status, 'answered');
    const again = await s.request({ method: 'POST', url: `/api/mail/letters/${overdue.json.id}/reply`, token: mail, body: { kind: 'email', repliedOn: '2026-11-21' } });
    assert.equal(again.status, 409);

    const mine = await s.request({ method: 'GET', url: '/api/mail/my-letters', token: citizen });
    assert.equal(mine.status, 200);
    assert.ok(mine.json.items.some((l: { id: string; status: string }) => l.id === overdue.json.id && l.status === 'answered'));
    const other = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Другой Гражданин', email: `other.${Date.now()}@example.org`, password: 'long-enough' } });
    const theirs = await s.request({ method: 'GET', url: '/api/mail/my-letters', token: other.json.token });
    assert.equal(theirs.json.total, 0, 'another citizen sees none of it');
  });
});

describe(`call-backs (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  // the clock of this server is 2026-11-25 12:00 Moscow time (a Wednesday)
  test('slots follow the hotline hours; a call-back is booked and can be cancelled', async () => {
    const slots = await s.request({ method: 'GET', url: '/api/callbacks/slots?date=2026-11-26' });
    assert.equal(slots.status, 200);
    assert.equal(slots.json.items[0].start, '2026-11-26T05:00:00.000Z', '08:00 Moscow');
    assert.equal(slots.json.items.at(-1).start, '2026-11-26T16:30:00.000Z', 'the last slot ends at 20:00');
    const r = await s.request({ method: 'POST', url: '/api/callbacks', body: { phone: '8 916 555-00-11', topic: 'Восстановление доступа', slotStart: '2026-11-26T10:00:00+03:00' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.phone, '+79165550011');
    const after = await s.request({ method: 'GET', url: '/api/callbacks/slots?date=2026-11-26' });
    assert.equal(after.json.items.find((i: { start: string }) => i.start === '2026-11-26T07:00:00.000Z').free, 2);
    const wrong = await s.request({ method: 'POST', url: `/api/callbacks/${r.json.id}/cancel`, body: { cancelToken: 'not-the-token-at-all' } });
    assert.equal(wrong.status, 404);
    const cancel = await s.request({ method: 'POST', url: `/api/callbacks/${r.json.id}/cancel`, body: { cancelToken: r.json.cancelToken } });
    assert.equal(cancel.status, 204);
  });

  test('no slots outside hours, none in the past, a limited number per slot', async () => {
    const book = (slotStart: string) => s.request({ method: 'POST', url: '/api/callbacks', body: { phone: '+7 916 555-00-12', topic: 'Вопрос', slotStart } });
    const night = await book('2026-11-26T21:00:00+03:00');
    assert.equal(night.status, 422);
    assert.equal(night.json.error.code, 'SLOT_OUTSIDE_HOURS');
    assert.equal((await book('2026-11-26T19:30:00+03:00')).status, 201, 'the last slot of the day');
    assert.equal((await book('2026-11-28T18:00:00+03:00')).json.error.code, 'SLOT_OUTSIDE_HOURS', 'Saturday closes at 18:00');
    assert.equal((await book('2026-12-31T11:00:00+03:00')).status, 201, 'holiday hours 10–14 on 31 December (a transferred day off)');
    assert.equal((await book('2026-12-31T14:00:00+03:00')).json.error.code, 'SLOT_OUTSIDE_HOURS');
    const past = await book('2026-11-24T10:00:00+03:00');
    assert.equal(past.status, 422);
    assert.equal(past.json.error.code, 'SLOT_IN_PAST');
    assert.equal((await book('2026-11-26T10:10:00+03:00')).json.error.code, 'SLOT_NOT_ALIGNED');
    for (let i = 0; i < 3; i++) assert.equal((await book('2026-11-27T09:00:00+03:00')).status, 201);
    const full = await book('2026-11-27T09:00:00+03:00');
    assert.equal(full.status, 422);
    assert.equal(full.json.error.code, 'SLOT_FULL');
    assert.equal((await s.request({ method: 'POST', url: '/api/callbacks', body: { phone: 'abc', topic: 'Вопрос', slotStart: '2026-11-27T09:30:00+03:00' } })).status, 400);
    assert.equal((await s.request({ method: 'POST', url: '/api/callbacks', body: { phone: '+79165550012', topic: 'Вопрос', slotStart: 'завтра' } })).status, 400);
  });

  test('operators see due call-backs and mark them done or reschedule', async () => {
    const op = await signIn(s, 'operator@example.com');
    const due = await s.request({ method: 'GET', url: '/api/callbacks/due?withinMinutes=10080', token: op });
    assert.equal(due.status, 200);
    assert.ok(due.json.items.length >= 1);
    const id = due.json.items[0].id;
    const moved = await s.request({ method: 'POST', url: `/api/callbacks/${id}`, token: op, body: { status: 'scheduled', slotStart: '2026-11-30T12:00:00+03:00' } });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.slotStart, '2026-11-30T09:00:00.000Z');
    const done = await s.request({ method: 'POST', url: `/api/callbacks/${id}`, token: op, body: { status: 'done', note: 'Перезвонили' } });
    assert.equal(done.json.status, 'done');
    const citizen = await signIn(s, 'citizen@example.com');
    assert.equal((await s.request({ method: 'GET', url: '/api/callbacks/due', token: citizen })).status, 403);
  });
});
