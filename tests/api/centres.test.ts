// Service centres and the visit queue: import (CSV with good and bad rows, JSON), search by words
// with a typo and another word form, by postcode (exact and nearest), «open now» on a holiday and
// a working day, administration and roles; the queue: numbers, call next, outcomes, daily restart,
// the supervisor's list, and the live stream (Server-Sent Events through LISTEN/NOTIFY).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { openSse } from '../support/sse.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let clock = new Date('2026-11-05T12:00:00+03:00'); // Thursday, a working day
let admin: string;
let clerk: string;
let supervisor: string;
let citizen: string;
let operator: string;

const header = 'code;name;address;postcode;region;phone;latitude;longitude;mon;tue;wed;thu;fri;sat;sun;holiday;exceptions;services';
const csv = [
  header,
  't-arbat;Центр «Арбат»;г. Москва, ул. Арбат, д. 10;119002;Москва;+7 495 000-00-01;55.7494;37.5912;09:00-20:00;09:00-20:00;09:00-20:00;09:00-20:00;09:00-20:00;10:00-17:00;;;2026-12-31 10:00-14:00|2026-11-06 закрыто;Паспорт|Консультация',
  't-sadovaya;Центр на Садовой;г. Санкт-Петербург, Садовая улица, д. 20;191023;Санкт-Петербург;;59.9311;30.3320;08:00-20:00;08:00-20:00;08:00-20:00;08:00-20:00;08:00-20:00;;;10:00-14:00;;Паспорт',
  't-khimki;Центр в Химках;Московская обл., г. Химки, Ленинградская ул., д. 1;141400;Московская область;;55.8887;37.4300;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;;;;Консультация',
  't-bad-postcode;Центр с плохим индексом;г. Москва, ул. Пример, д. 1;12345;Москва;;55.7;37.6;09:00-18:00;;;;;;;;;',
  't-bad-time;Центр с плохим временем;г. Москва, ул. Пример, д. 2;101000;Москва;;55.7;37.6;9-18;;;;;;;;;',
  't-bad-lat;Центр с плохой широтой;г. Москва, ул. Пример, д. 3;101000;Москва;;широта;37.6;09:00-18:00;;;;;;;;;',
  't-no-name;;г. Москва, ул. Пример, д. 4;101000;Москва;;55.7;37.6;09:00-18:00;;;;;;;;;',
].join('\r\n');

type Item = { id: string; code: string | null; name: string; status: { open: boolean; text: string }; distanceKm?: number; mapLinks: { openStreetMap: string; yandex: string } };
const ids: Record<string, string> = {};

async function search(query: string, lang = 'ru') {
  return s.request({ method: 'GET', url: `/api/centres?${query}`, headers: { 'accept-language': lang } });
}
const codes = (r: { json: { items: Item[] } }) => r.json.items.map((i) => i.code);

const allDay = { open: '00:00', close: '24:00' };
const roundTheClock = { days: { '1': allDay, '2': allDay, '3': allDay, '4': allDay, '5': allDay, '6': allDay, '7': allDay }, holiday: allDay };

before(async () => {
  s = await startTestServer({ now: () => clock });
  admin = await signIn(s, 'admin@example.com');
  clerk = await signIn(s, 'clerk@example.com');
  supervisor = await signIn(s, 'supervisor@example.com');
  citizen = await signIn(s, 'citizen@example.com');
  operator = await signIn(s, 'operator@example.com');
});
after(async () => {
  await s?.stop();
});

describe(`service centres (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('the demo data has sample centres, clearly marked as samples', async () => {
    const r = await search('q=пример');
    assert.equal(r.status, 200);
    assert.ok(r.json.total >= 5);
    assert.ok(r.json.items.every((i: Item & { sample: boolean; phone: string | null }) => i.sample && i.name.startsWith('Пример:') && i.phone === null));
  });

  test('CSV import: good rows load, each bad row is reported with its row, field and reason', async () => {
    const r = await s.request({ method: 'POST', url: '/api/centres/import', token: admin, body: { format: 'csv', content: csv } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 7);
    assert.equal(r.json.created, 3);
    assert.equal(r.json.updated, 0);
    const byRow = (row: number) => r.json.rejected.filter((x: { row: number }) => x.row === row);
    assert.deepEqual(byRow(4).map((x: { field: string }) => x.field), ['postcode']);
    assert.match(byRow(4)[0].message, /6 цифр/);
    assert.equal(byRow(4)[0].line, 5, 'the file line, the header being line 1');
    assert.deepEqual(byRow(5).map((x: { field: string }) => x.field), ['mon']);
    assert.match(byRow(5)[0].message, /Неверное время «9-18»/);
    assert.deepEqual(byRow(6).map((x: { field: string }) => x.field), ['latitude']);
    assert.deepEqual(byRow(7).map((x: { field: string }) => x.field), ['name']);
    assert.match(byRow(7)[0].message, /Обязательное поле/);
    assert.equal(new Set(r.json.rejected.map((x: { row: number }) => x.row)).size, 4, 'exactly the four bad rows');

    // the same file again updates by code instead of duplicating
    const again = await s.request({ method: 'POST', url: '/api/centres/import', token: admin, body: { format: 'csv', content: csv } });
    assert.equal(again.json.created, 0);
    assert.equal(again.json.updated, 3);
    for (const code of ['t-arbat', 't-sadovaya', 't-khimki']) {
      const found = await search(`q=${encodeURIComponent(code === 't-arbat' ? 'Арбат' : code === 't-sadovaya' ? 'Садовая' : 'Химки')}`);
      const item = found.json.items.find((i: Item) => i.code === code);
      assert.ok(item, code);
      ids[code] = item.id;
    }
    assert.equal((await search('q=Арбат')).json.total, 1, 'no duplicate after the second import');
  });

  test('English reasons with Accept-Language: en; JSON import, flat and nested', async () => {
    const en = await s.request({ method: 'POST', url: '/api/centres/import', token: admin, headers: { 'accept-language': 'en' }, body: { format: 'csv', content: [header, csv.split('\r\n')[5]].join('\n') } });
    assert.equal(en.status, 200);
    assert.match(en.json.rejected[0].message, /Invalid hours «9-18»/);
    const json = JSON.stringify([
      { code: 't-json-flat', name: 'Центр на Лесной', address: 'г. Тверь, Лесная улица, д. 7', postcode: '170000', region: 'Тверская область', latitude: 56.85, longitude: 35.9, mon: '09:00-18:00', services: ['Паспорт'] },
      { code: 't-json-nested', name: 'Центр на Речной', address: 'г. Тверь, Речная улица, д. 8', postcode: '170001', region: 'Тверская область', latitude: 56.86, longitude: 35.91, schedule: { days: { '1': { open: '09:00', close: '18:00' } }, holiday: null } },
      { code: 't-json-bad', name: 'Центр без координат', address: 'г. Тверь, Речная улица, д. 9', postcode: '170001', region: 'Тверская область', schedule: { days: { '1': { open: '18:00', close: '09:00' } } } },
    ]);
    const r = await s.request({ method: 'POST', url: '/api/centres/import', token: admin, body: { format: 'json', content: json } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.created, 2);
    const fields = r.json.rejected.map((x: { row: number; field: string }) => `${x.row}:${x.field}`).sort();
    assert.deepEqual(fields, ['3:latitude', '3:longitude', '3:schedule.days.1.close']);
    assert.match(r.json.rejected.find((x: { field: string }) => x.field === 'schedule.days.1.close').message, /ЧЧ:ММ/);
    const broken = await s.request({ method: 'POST', url: '/api/centres/import', token: admin, body: { format: 'json', content: '{"oops":' } });
    assert.equal(broken.status, 400);
    assert.equal(broken.json.error.code, 'IMPORT_FORMAT');
  });

  test('import by multipart upload', async () => {
    const boundary = '----svyaz-test';
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="centres.csv"', 'Content-Type: text/csv', '', [header, 't-upload;Центр на Загородном;г. Санкт-Петербург, Загородный проспект, д. 5;191002;Санкт-Петербург;;59.927;30.34;09:00-18:00;;;;;;;;;'].join('\n'), `--${boundary}--`, ''].join('\r\n');
    const r = await s.request({ method: 'POST', url: '/api/centres/import/file', token: admin, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.created, 1);
    assert.deepEqual(r.json.rejected, []);
  });

  test('search by words: another word form, a typo, abbreviations; map links from coordinates', async () => {
    const form = await search(`q=${encodeURIComponent('на Садовой улице')}`);
    assert.equal(form.status, 200);
    assert.deepEqual(codes(form), ['t-sadovaya']);
    const abbreviated = await search(`q=${encodeURIComponent('ул. Садовая')}`);
    assert.deepEqual(codes(abbreviated), ['t-sadovaya']);
    const typo = await search(`q=${encodeURIComponent('Ленинградскя Химки')}`);
    assert.deepEqual(codes(typo), ['t-khimki']);
    assert.match(typo.json.understood, /ленинградский/);
    const arbat = (await search(`q=${encodeURIComponent('на Арбате')}`)).json.items[0] as Item;
    assert.equal(arbat.code, 't-arbat');
    assert.equal(arbat.mapLinks.openStreetMap, 'https://www.openstreetmap.org/?mlat=55.749400&mlon=37.591200#map=17/55.749400/37.591200');
    assert.equal(arbat.mapLinks.yandex, 'https://yandex.ru/maps/?pt=37.591200,55.749400&z=17&l=map');
    const none = await search(`q=${encodeURIComponent('Несуществующая Абракадабровская')}`);
    assert.equal(none.status, 200);
    assert.equal(none.json.total, 0);
  });

  test('postcode: exact, else the nearest by distance; unknown and malformed postcodes are 4xx', async () => {
    const exact = await search('postcode=119002');
    assert.deepEqual(codes(exact), ['t-arbat']);
    assert.equal(exact.json.postcode.match, 'exact');
    assert.equal(exact.json.postcode.basis, 'centre');
    // 119003: no centre has it; centres sharing «11900» locate it
    const near = await search('postcode=119003');
    assert.equal(near.status, 200);
    assert.equal(near.json.postcode.match, 'nearest');
    assert.equal(near.json.postcode.basis, 'prefix');
    assert.equal(near.json.items[0].code, 't-arbat');
    const distances = near.json.items.map((i: Item) => i.distanceKm as number);
    assert.deepEqual([...distances].sort((a, b) => a - b), distances, 'ordered by distance');
    assert.ok(near.json.total <= 10 && near.json.total >= 3);
    // the exact centre is closed (a holiday, no holiday hours): the nearest open ones from its location
    const closedExact = await search(`postcode=119002&openNow=true&at=${encodeURIComponent('2026-11-04T12:00:00+03:00')}`);
    assert.equal(closedExact.json.postcode.match, 'nearest');
    assert.equal(closedExact.json.postcode.basis, 'centre');
    assert.ok(!codes(closedExact).includes('t-arbat'));

    const unknown = await search('postcode=999999');
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.error.code, 'POSTCODE_UNKNOWN');
    assert.match(unknown.json.error.message, /Индекс 999999 нам неизвестен/);
    const unknownEn = await search('postcode=999999', 'en');
    assert.match(unknownEn.json.error.message, /Postcode 999999 is unknown/);
    const malformed = await search('postcode=12ab');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'POSTCODE_INVALID');
  });

  test('«open now» on a holiday (2026-11-04), on a working day, with a centre exception, and at a malformed time', async () => {
    const at = (iso: string, q = 'Центр') => search(`q=${encodeURIComponent(q)}&openNow=true&at=${encodeURIComponent(iso)}&pageSize=50`);
    const holiday = await at('2026-11-04T12:00:00+03:00');
    assert.equal(holiday.status, 200);
    assert.deepEqual(codes(holiday), ['t-sadovaya'], 'only the centre with holiday hours');
    assert.equal((await at('2026-11-04T15:00:00+03:00')).json.total, 0, 'holiday hours end at 14:00');
    const working = await at('2026-11-05T12:00:00+03:00');
    for (const code of ['t-arbat', 't-sadovaya', 't-khimki']) assert.ok(codes(working).includes(code), code);
    // 08:30: only the centre opening at 08:00
    assert.deepEqual(codes(await at('2026-11-05T08:30:00+03:00')).filter((c) => c?.startsWith('t-')), ['t-sadovaya']);
    // 2026-11-06: Arbat's exception closes it; 2026-12-31 (a day off in 2026): its exception opens it
    // 10–14, besides the centre with holiday hours
    assert.ok(!codes(await at('2026-11-06T12:00:00+03:00')).includes('t-arbat'));
    assert.deepEqual(codes(await at('2026-12-31T12:00:00+03:00')).sort(), ['t-arbat', 't-sadovaya']);
    // the item's own status agrees with the filter
    const item = (await search(`q=Арбат&at=${encodeURIComponent('2026-12-31T15:00:00+03:00')}`)).json.items[0] as Item;
    assert.equal(item.status.open, false);
    const bad = await search('openNow=true&at=2026-11-05T25:00');
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.fields[0].message, /ISO 8601/);
    const noYear = await search(`openNow=true&at=${encodeURIComponent('2031-05-05T12:00:00+03:00')}`);
    assert.equal(noYear.status, 422);
    assert.equal(noYear.json.error.code, 'CALENDAR_MISSING');
  });

  test('administration: create, malformed time, update, delete; roles 401/403', async () => {
    const input = { name: 'Центр на Морской', address: 'г. Калининград, Морская улица, д. 1', postcode: '236000', region: 'Калининградская область', latitude: 54.71, longitude: 20.51, schedule: roundTheClock, services: ['Паспорт'] };
    assert.equal((await s.request({ method: 'POST', url: '/api/centres', body: input })).status, 401);
    assert.equal((await s.request({ method: 'POST', url: '/api/centres', token: citizen, body: input })).status, 403);
    assert.equal((await s.request({ method: 'POST', url: '/api/centres', token: clerk, body: input })).status, 403);
    assert.equal((await s.request({ method: 'POST', url: '/api/centres/import', token: operator, body: { format: 'csv', content: csv } })).status, 403);
    const badTime = await s.request({ method: 'POST', url: '/api/centres', token: admin, body: { ...input, schedule: { days: { '1': { open: '9:00', close: '18:00' } } } } });
    assert.equal(badTime.status, 400);
    assert.equal(badTime.json.error.code, 'TIME_INVALID');
    assert.match(badTime.json.error.message, /ЧЧ:ММ/);
    const created = await s.request({ method: 'POST', url: '/api/centres', token: admin, body: input });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.status.open, true, 'open round the clock');
    ids.sea = created.json.id;
    const renamed = await s.request({ method: 'PUT', url: `/api/centres/${ids.sea}`, token: admin, body: { ...input, name: 'Центр на Балтийской' } });
    assert.equal(renamed.status, 200);
    assert.deepEqual((await search('q=Балтийский')).json.items.map((i: Item) => i.id), [ids.sea]);
    assert.equal((await search('q=Морская')).json.items.some((i: Item) => i.name === 'Центр на Морской'), false);
    const temp = await s.request({ method: 'POST', url: '/api/centres', token: admin, body: { ...input, name: 'Временный центр' } });
    assert.equal((await s.request({ method: 'DELETE', url: `/api/centres/${temp.json.id}`, token: admin })).status, 204);
    assert.equal((await s.request({ method: 'GET', url: `/api/centres/${temp.json.id}` })).status, 404);
    assert.equal((await s.request({ method: 'GET', url: '/api/centres/not-a-uuid' })).status, 400);
    // each change is in the audit log with the centre it changed
    const audited = async (action: string) => (await s.request({ method: 'GET', url: `/api/admin/audit?action=${action}`, token: admin })).json.items.map((i: { details: { centreId: string } }) => i.details.centreId);
    assert.ok((await audited('centres.created')).includes(temp.json.id));
    assert.deepEqual(await audited('centres.updated'), [ids.sea]);
    assert.deepEqual(await audited('centres.deleted'), [temp.json.id]);
  });
});

describe(`visit queue (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  const take = (centre: string, service: string, token?: string) => s.request({ method: 'POST', url: `/api/centres/${centre}/queue/tickets`, token, body: { service } });

  test('numbers per service letter, position and estimated wait', async () => {
    const a1 = await take(ids['t-arbat'] as string, 'Паспорт');
    assert.equal(a1.status, 201, a1.text);
    assert.equal(a1.json.number, 'А-001');
    assert.equal(a1.json.position, 1);
    assert.equal(a1.json.estimatedMinutes, 0);
    const a2 = await take(ids['t-arbat'] as string, 'Паспорт');
    assert.equal(a2.json.number, 'А-002');
    assert.equal(a2.json.position, 2);
    assert.equal(a2.json.estimatedMinutes, 10);
    const b1 = await take(ids['t-arbat'] as string, 'Консультация', citizen);
    assert.equal(b1.json.number, 'Б-001');
    assert.equal(b1.json.position, 3);
    const twice = await take(ids['t-arbat'] as string, 'Паспорт', citizen);
    assert.equal(twice.status, 409);
    assert.equal(twice.json.error.code, 'ALREADY_IN_QUEUE');
    const notOffered = await take(ids['t-arbat'] as string, 'Стрижка');
    assert.equal(notOffered.status, 400);
    assert.equal(notOffered.json.error.code, 'SERVICE_NOT_OFFERED');
    assert.equal((await take('00000000-0000-4000-8000-000000000000', 'Паспорт')).status, 404);
  });

  test('a closed centre gives no numbers', async () => {
    clock = new Date('2026-11-05T21:00:00+03:00');
    try {
      const r = await take(ids['t-arbat'] as string, 'Паспорт');
      assert.equal(r.status, 422);
      assert.equal(r.json.error.code, 'CENTRE_CLOSED');
      assert.match(r.json.error.message, /откроется/);
    } finally {
      clock = new Date('2026-11-05T12:00:00+03:00');
    }
  });

  test('the clerk calls the next visitor, marks served, no-show and follow-up; roles are checked', async () => {
    const centre = ids['t-arbat'] as string;
    assert.equal((await s.request({ method: 'GET', url: `/api/centres/${centre}/queue`, token: citizen })).status, 403);
    assert.equal((await s.request({ method: 'GET', url: `/api/centres/${centre}/queue` })).status, 401);
    // the demo clerk works at a sample centre: not this one
    const elsewhere = await s.request({ method: 'POST', url: `/api/centres/${centre}/queue/call-next`, token: clerk, body: { desk: '3' } });
    assert.equal(elsewhere.status, 403);
    assert.equal(elsewhere.json.error.code, 'NOT_YOUR_CENTRE');
    assert.equal((await s.request({ method: 'PUT', url: '/api/centres/queue/workplace', token: clerk, body: { centreId: centre } })).status, 200);

    const queue = await s.request({ method: 'GET', url: `/api/centres/${centre}/queue`, token: clerk });
    assert.equal(queue.status, 200);
    assert.deepEqual(queue.json.waiting.map((t: { number: string }) => t.number), ['А-001', 'А-002', 'Б-001']);

    const first = await s.request({ method: 'POST', url: `/api/centres/${centre}/queue/call-next`, token: clerk, body: { desk: '3' } });
    assert.equal(first.status, 200);
    assert.equal(first.json.number, 'А-001');
    assert.equal(first.json.status, 'called');
    const a2 = queue.json.waiting[1].id as string;
    const view = await s.request({ method: 'GET', url: `/api/centres/queue/tickets/${first.json.id}` });
    assert.equal(view.json.status, 'called');
    assert.equal(view.json.desk, '3');
    assert.equal((await s.request({ method: 'GET', url: `/api/centres/queue/tickets/${a2}` })).json.position, 1);

    clock = new Date('2026-11-05T12:06:00+03:00');
    assert.equal((await s.request({ method: 'POST', url: `/api/centres/queue/tickets/${first.json.id}/finish`, token: clerk, body: { outcome: 'served' } })).json.status, 'served');
    const again = await s.request({ method: 'POST', url: `/api/centres/queue/tickets/${first.json.id}/finish`, token: clerk, body: { outcome: 'served' } });
    assert.equal(again.status, 409);
    const second = await s.request({ method: 'POST', url: `/api/centres/${centre}/queue/call-next`, token: clerk, body: { desk: '3' } });
    assert.equal(second.json.number, 'А-002');
    assert.equal((await s.request({ method: 'POST', url: `/api/centres/queue/tickets/${second.json.id}/finish`, token: clerk, body: { outcome: 'no_show' } })).json.status, 'no_show');
    const third = await s.request({ method: 'POST', url: `/api/centres/${centre}/queue/call-next`, token: clerk, body: { desk: '4' } });
    assert.equal(third.json.number, 'Б-001');
    const follow = await s.request({ method: 'POST', url: `/api/centres/queue/tickets/${third.json.id}/finish`, token: clerk, body: { outcome: 'follow_up', note: 'нужна справка' } });
    assert.equal(follow.json.status, 'follow_up');
    const empty = await s.request({ method: 'POST', url: `/api/centres/${centre}/queue/call-next`, token: clerk, body: { desk: '3' } });
    assert.equal(empty.status, 409);
    assert.equal(empty.json.error.code, 'QUEUE_EMPTY');
    // the estimate now uses the day's own average: (6 + 0) / 2 minutes a visit, two desks at work
    const next = await take(centre, 'Паспорт');
    const after = await take(centre, 'Паспорт');
    assert.equal(next.json.number, 'А-003');
    assert.equal(after.json.position, 2);
    assert.equal(after.json.estimatedMinutes, 2);
    assert.equal((await s.request({ method: 'POST', url: `/api/centres/queue/tickets/${after.json.id}/cancel` })).status, 204);
    assert.equal((await s.request({ method: 'GET', url: `/api/centres/queue/tickets/${after.json.id}` })).json.status, 'cancelled');
    ids.followUp = third.json.id;
    ids.leftWaiting = next.json.id;
  });

  test('numbers restart the next day; unresolved visits reach the supervisor after one working day', async () => {
    clock = new Date('2026-11-06T10:00:00+03:00'); // Friday; Arbat is closed by its exception, Khimki is open
    const khimki = ids['t-khimki'] as string;
    assert.equal((await take(khimki, 'Консультация')).json.number, 'А-001');
    clock = new Date('2026-11-09T10:00:00+03:00'); // Monday
    assert.equal((await take(ids['t-arbat'] as string, 'Паспорт')).json.number, 'А-001', 'a new day, a new count');

    // taken Thursday 12:00 → due Friday 12:00 (the next working day)
    clock = new Date('2026-11-06T11:59:00+03:00');
    assert.equal((await s.request({ method: 'GET', url: '/api/centres/queue/overdue', token: supervisor })).json.items.length, 0);
    clock = new Date('2026-11-06T12:10:00+03:00');
    const list = await s.request({ method: 'GET', url: '/api/centres/queue/overdue', token: supervisor });
    assert.equal(list.status, 200);
    const numbers = list.json.items.map((i: { id: string }) => i.id);
    assert.ok(numbers.includes(ids.followUp), 'the follow-up');
    assert.ok(numbers.includes(ids.leftWaiting), 'the visitor never called');
    assert.equal(list.json.items.find((i: { id: string }) => i.id === ids.followUp).dueAt, '2026-11-06T09:00:00.000Z');
    assert.equal((await s.request({ method: 'GET', url: '/api/centres/queue/overdue', token: clerk })).status, 403);
    const resolved = await s.request({ method: 'POST', url: `/api/centres/queue/tickets/${ids.followUp}/resolve`, token: supervisor, body: { note: 'справка получена' } });
    assert.equal(resolved.status, 200);
    const after = await s.request({ method: 'GET', url: '/api/centres/queue/overdue', token: supervisor });
    assert.ok(!after.json.items.some((i: { id: string }) => i.id === ids.followUp));
    clock = new Date('2026-11-05T12:10:00+03:00');
  });

  test('the live stream sends the ticket again when the clerk calls it (LISTEN/NOTIFY)', async () => {
    const centre = ids.sea as string;
    await s.request({ method: 'PUT', url: '/api/centres/queue/workplace', token: clerk, body: { centreId: centre } });
    const ticket = await take(centre, 'Паспорт');
    assert.equal(ticket.status, 201);
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = s.app.server.address() as AddressInfo;
    const stream = await openSse(`http://127.0.0.1:${port}/api/centres/queue/tickets/${ticket.json.id}/events`);
    assert.equal(stream.status, 200);
    assert.match(stream.contentType, /text\/event-stream/);
    try {
      assert.equal((await stream.next()).status, 'waiting');
      const called = await s.request({ method: 'POST', url: `/api/centres/${centre}/queue/call-next`, token: clerk, body: { desk: '7' } });
      assert.equal(called.json.id, ticket.json.id);
      const live = await stream.next(5000);
      assert.equal(live.status, 'called');
      assert.equal(live.desk, '7');
    } finally {
      stream.close();
    }
  });
});

describe('the visit queue survives a server restart (real process, embedded database)', { timeout: 300_000 }, () => {
  test('tickets, their numbering and the clerk’s queue are still there after SIGTERM and a new start', async () => {
    const { makeTempDir, startServerProcess } = await import('../support/server-process.ts');
    const { callApi, signInOver } = await import('../support/http-api.ts');
    const { rmSync } = await import('node:fs');
    const dataDir = makeTempDir('centres-restart');
    let proc = await startServerProcess({ dataDir, env: { SVYAZ_DEMO: '1' } });
    try {
      const adminToken = await signInOver(proc.url, 'admin@example.com');
      const centre = await callApi(proc.url, 'POST', '/api/centres', {
        token: adminToken,
        body: { name: 'Центр для проверки перезапуска', address: 'г. Тверь, Лесная улица, д. 1', postcode: '170100', region: 'Тверская область', latitude: 56.85, longitude: 35.9, schedule: roundTheClock, services: ['Паспорт'] },
      });
      assert.equal(centre.status, 201, centre.text);
      const first = await callApi(proc.url, 'POST', `/api/centres/${centre.json.id}/queue/tickets`, { body: { service: 'Паспорт' } });
      const second = await callApi(proc.url, 'POST', `/api/centres/${centre.json.id}/queue/tickets`, { body: { service: 'Паспорт' } });
      assert.deepEqual([first.json.number, second.json.number], ['А-001', 'А-002']);

      assert.equal(await proc.stop('SIGTERM'), 0);
      proc = await startServerProcess({ dataDir, env: { SVYAZ_DEMO: '1' } });

      const kept = await callApi(proc.url, 'GET', `/api/centres/queue/tickets/${second.json.id}`);
      assert.equal(kept.status, 200);
      assert.equal(kept.json.number, 'А-002');
      assert.equal(kept.json.position, 2);
      const third = await callApi(proc.url, 'POST', `/api/centres/${centre.json.id}/queue/tickets`, { body: { service: 'Паспорт' } });
      assert.equal(third.json.number, 'А-003', 'the day’s numbering continues');
      const supervisorToken = await signInOver(proc.url, 'supervisor@example.com');
      const queue = await callApi(proc.url, 'GET', `/api/centres/${centre.json.id}/queue`, { token: supervisorToken });
      assert.deepEqual(queue.json.waiting.map((t: { number: string }) => t.number), ['А-001', 'А-002', 'А-003']);
      assert.equal(await proc.stop('SIGTERM'), 0);
    } finally {
      await proc.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
