// Deadlines per request type, changed by a supervisor: checked as a whole, audit-logged, applied to
// new requests only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { moscowDate } from '../../server/modules/centres/centre-hours.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';

type Sla = { items: Array<{ type: string; firstResponseDays: number; resolutionDays: number }> };

let s: TestServer;
let citizen: string;
let operator: string;
let supervisor: string;
let admin: string;
before(async () => {
  // Wednesday 25 November 2026, noon in Moscow
  s = await startTestServer({ now: () => new Date('2026-11-25T12:00:00+03:00') });
  citizen = await signIn(s, 'citizen@example.com');
  operator = await signIn(s, 'operator@example.com');
  supervisor = await signIn(s, 'supervisor@example.com');
  admin = await signIn(s, 'admin@example.com');
});
after(async () => {
  await s?.stop();
});

const read = async (): Promise<Sla> => (await s.request({ method: 'GET', url: '/api/requests/settings/sla', token: operator })).json;
const put = (body: unknown, token = supervisor, lang = 'ru') => s.request({ method: 'PUT', url: '/api/requests/settings/sla', token, body, headers: { 'accept-language': lang } });
const create = async () => {
  const r = await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'technical', description: 'Не открывается страница заявления, ошибка 500' } });
  assert.equal(r.status, 201, r.text);
  return (await s.request({ method: 'GET', url: `/api/requests/${r.json.number}`, token: citizen })).json as { number: string; dueAt: string };
};

describe(`request deadlines (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('a first response later than the resolution, a type twice, out-of-range numbers: refused, nothing saved', async () => {
    const before = await read();
    assert.deepEqual(before.items.map((i) => i.type).sort(), ['recommendation', 'service_status', 'technical']);
    const late = await put({ items: [{ type: 'recommendation', firstResponseDays: 3, resolutionDays: 20 }, { type: 'technical', firstResponseDays: 9, resolutionDays: 5 }] });
    assert.equal(late.status, 422, late.text);
    assert.deepEqual(late.json.error.fields, [{ path: 'items.1.firstResponseDays', message: 'Первый ответ не может быть позже решения: укажите не больше рабочих дней, чем для решения.' }]);
    const twice = await put({ items: [{ type: 'technical', firstResponseDays: 1, resolutionDays: 5 }, { type: 'technical', firstResponseDays: 2, resolutionDays: 6 }] }, supervisor, 'en');
    assert.equal(twice.status, 422);
    assert.equal(twice.json.error.fields[0].path, 'items.1.type');
    assert.equal(twice.json.error.fields[0].message, 'This request type is listed twice.');
    for (const bad of [{ type: 'technical', firstResponseDays: 0, resolutionDays: 5 }, { type: 'technical', firstResponseDays: 1, resolutionDays: 500 }, { type: 'complaint', firstResponseDays: 1, resolutionDays: 5 }, { type: 'technical', firstResponseDays: 1.5, resolutionDays: 5 }]) {
      const r = await put({ items: [bad] });
      assert.equal(r.status, 400, JSON.stringify(bad));
    }
    assert.equal((await put({ items: [] }, operator)).status, 403);
    assert.deepEqual(await read(), before, 'nothing was saved');
  });

  test('a supervisor shortens «technical»: new requests get the new deadline, earlier ones keep theirs; the change is audited', async () => {
    const earlier = await create();
    const saved = await put({ items: [{ type: 'technical', firstResponseDays: 1, resolutionDays: 2 }] });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.json.items.find((i: { type: string }) => i.type === 'technical'), { type: 'technical', firstResponseDays: 1, resolutionDays: 2 });
    assert.equal(saved.json.items.length, 3, 'the other types are kept');
    const later = await create();
    assert.equal(moscowDate(new Date(later.dueAt)), '2026-11-27', 'two working days after Wednesday');
    const again = (await s.request({ method: 'GET', url: `/api/requests/${earlier.number}`, token: citizen })).json;
    assert.equal(again.dueAt, earlier.dueAt);
    assert.notEqual(earlier.dueAt, later.dueAt);
    const audit = await s.request({ method: 'GET', url: '/api/admin/audit?action=requests.sla_changed', token: admin });
    assert.equal(audit.json.total, 1);
    assert.equal(audit.json.items[0].details.after.find((i: { type: string }) => i.type === 'technical').resolutionDays, 2);
  });
});
