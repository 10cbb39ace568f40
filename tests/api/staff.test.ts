// Roles, staff accounts, the audit log and who may see personal data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { moscowDate } from '../../server/modules/centres/centre-hours.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let admin: string;
before(async () => {
  s = await startTestServer();
  admin = await signIn(s, 'admin@example.com');
});
after(async () => {
  await s?.stop();
});

type AuditItem = { action: string; actorId: string | null; subjectId: string | null; details: Record<string, unknown> };

describe(`staff and audit (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('admin-only routes refuse citizens (403) and anonymous callers (401)', async () => {
    const citizen = await signIn(s, 'citizen@example.com');
    const operator = await signIn(s, 'operator@example.com');
    for (const url of ['/api/admin/users', '/api/admin/audit', '/api/admin/outbox']) {
      assert.equal((await s.request({ method: 'GET', url })).status, 401, url);
      const c = await s.request({ method: 'GET', url, token: citizen });
      assert.equal(c.status, 403, url);
      assert.equal(c.json.error.code, 'FORBIDDEN');
      assert.equal((await s.request({ method: 'GET', url, token: operator })).status, 403, url);
      assert.equal((await s.request({ method: 'GET', url, token: admin })).status, 200, url);
    }
    const look = await s.request({ method: 'GET', url: `/api/staff/citizens/by-eng/${encodeURIComponent('ЕНГ-0000000000')}`, token: citizen });
    assert.equal(look.status, 403, 'citizens cannot look up other citizens');
  });

  test('an admin creates a staff account; the list masks contacts', async () => {
    const email = uniqueEmail('staff');
    const r = await s.request({ method: 'POST', url: '/api/admin/users', token: admin, body: { name: 'Новый Оператор', email, password: 'staff-password', role: 'operator' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.role, 'operator');
    assert.equal(r.json.eng, null, 'staff have no ЕНГ number');
    const token = await signIn(s, email, 'staff-password');
    const me = await s.request({ method: 'GET', url: '/api/me', token });
    assert.equal(me.json.role, 'operator');

    const list = await s.request({ method: 'GET', url: `/api/admin/users?q=${encodeURIComponent('Новый Оператор')}`, token: admin });
    assert.equal(list.status, 200);
    assert.equal(list.json.total, 1);
    assert.notEqual(list.json.items[0].email, email);
    assert.match(list.json.items[0].email, /^s\*\*\*@example\.org$/);

    const page = await s.request({ method: 'GET', url: '/api/admin/users?limit=2&offset=0', token: admin });
    const page2 = await s.request({ method: 'GET', url: '/api/admin/users?limit=2&offset=2', token: admin });
    assert.equal(page.json.items.length, 2);
    assert.ok(page.json.total >= 7);
    assert.notEqual(page.json.items[0].id, page2.json.items[0].id, 'pages do not overlap');
    const bad = await s.request({ method: 'GET', url: '/api/admin/users?limit=1000', token: admin });
    assert.equal(bad.status, 400);
    const badRole = await s.request({ method: 'POST', url: '/api/admin/users', token: admin, body: { name: 'Кто-то', email: uniqueEmail('x'), password: 'staff-password', role: 'king' } });
    assert.equal(badRole.status, 400);
    assert.match(badRole.json.error.fields[0].message, /Допустимые значения: citizen, operator/);
  });

  test('a role change is audit-logged with from and to; the last admin keeps the role', async () => {
    const email = uniqueEmail('promote');
    const created = await s.request({ method: 'POST', url: '/api/admin/users', token: admin, body: { name: 'Будущий Супервизор', email, password: 'staff-password', role: 'operator' } });
    const id = created.json.id;
    const r = await s.request({ method: 'POST', url: `/api/admin/users/${id}/role`, token: admin, body: { role: 'supervisor' } });
    assert.equal(r.status, 200);
    assert.equal(r.json.role, 'supervisor');
    const audit = await s.request({ method: 'GET', url: `/api/admin/audit?action=user.role_changed&subjectId=${id}`, token: admin });
    assert.equal(audit.json.total, 1);
    assert.deepEqual(audit.json.items[0].details, { from: 'operator', to: 'supervisor' });
    assert.equal(audit.json.items[0].actorName, 'Администратор Демо');

    const me = await s.request({ method: 'GET', url: '/api/me', token: admin });
    const last = await s.request({ method: 'POST', url: `/api/admin/users/${me.json.id}/role`, token: admin, body: { role: 'operator' } });
    assert.equal(last.status, 409);
    assert.equal(last.json.error.code, 'LAST_ADMIN');
    const missing = await s.request({ method: 'POST', url: '/api/admin/users/00000000-0000-4000-8000-000000000000/role', token: admin, body: { role: 'operator' } });
    assert.equal(missing.status, 404);
    const notUuid = await s.request({ method: 'POST', url: '/api/admin/users/123/role', token: admin, body: { role: 'operator' } });
    assert.equal(notUuid.status, 400);
  });

  test('every staff read of a citizen is logged; sign-ins are logged', async () => {
    const operator = await signIn(s, 'operator@example.com');
    const opMe = await s.request({ method: 'GET', url: '/api/me', token: operator });
    const reg = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Читаемый Гражданин', email: uniqueEmail('pii'), phone: '+7 916 700-00-02', password: 'long-enough' } });
    const found = await s.request({ method: 'GET', url: `/api/staff/citizens/by-eng/${encodeURIComponent(reg.json.user.eng)}`, token: operator });
    assert.equal(found.status, 200);
    assert.equal(found.json.phone, '+79167000002', 'operators see the contact they need');

    const sup = await signIn(s, 'supervisor@example.com');
    const card = await s.request({ method: 'GET', url: `/api/staff/users/${reg.json.user.id}`, token: sup });
    assert.equal(card.status, 200);

    const reads = await s.request({ method: 'GET', url: `/api/admin/audit?action=pii.read&subjectId=${reg.json.user.id}`, token: admin });
    assert.equal(reads.json.total, 2);
    const actors = reads.json.items.map((i: AuditItem) => i.actorId);
    assert.ok(actors.includes(opMe.json.id));
    const signIns = await s.request({ method: 'GET', url: `/api/admin/audit?action=auth.sign_in&actorId=${opMe.json.id}`, token: admin });
    assert.ok(signIns.json.total >= 1);

    // the date filters are Moscow calendar days: after 21:00 UTC Moscow is already on the next day
    const today = moscowDate(new Date());
    const inRange = await s.request({ method: 'GET', url: `/api/admin/audit?from=2020-01-01&to=${today}&limit=5`, token: admin });
    assert.ok(inRange.json.total > 0);
    const future = await s.request({ method: 'GET', url: '/api/admin/audit?from=2099-01-01', token: admin });
    assert.equal(future.json.total, 0);
    const badDate = await s.request({ method: 'GET', url: '/api/admin/audit?from=25.11.2026', token: admin });
    assert.equal(badDate.status, 400);
  });

  test('failed sign-ins to a real account are logged without the password', async () => {
    await s.request({ method: 'POST', url: '/api/auth/login', body: { login: 'mail@example.com', password: 'wrong-secret-xyz' } });
    const r = await s.request({ method: 'GET', url: '/api/admin/audit?action=auth.sign_in_failed', token: admin });
    assert.ok(r.json.total >= 1);
    assert.ok(!r.text.includes('wrong-secret-xyz'));
  });

  test('OpenAPI document lists the contract', async () => {
    const r = await s.request({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(r.status, 200);
    for (const path of ['/api/auth/register', '/api/auth/login', '/api/me', '/api/health']) assert.ok(r.json.paths[path], path);
    const docs = await s.request({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.status, 200);
  });
});
