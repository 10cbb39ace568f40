// What the web UI needs beyond the base contract: files attached to a public-form request with the
// short-lived upload token (and refused without it, with a wrong one, an expired one, or on another
// request), files added through the private tracking link, and `assigneeId` in staff answers only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let clock = new Date('2026-04-29T10:00:00+03:00').getTime();
let citizen: string;
let operator: string;
let admin: string;
before(async () => {
  s = await startTestServer({ now: () => new Date(clock) });
  citizen = await signIn(s, 'citizen@example.com');
  operator = await signIn(s, 'operator@example.com');
  admin = await signIn(s, 'admin@example.com');
});
after(async () => {
  await s?.stop();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

function multipart(filename: string, data: Buffer, extra: Record<string, string> = {}) {
  const boundary = `----svyaz${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...extra } };
}

async function publicRequest() {
  const email = uniqueEmail('public-web');
  const r = await s.request({ method: 'POST', url: '/api/requests/public', body: { surname: 'Петров', email, description: 'Не открывается форма заявления на портале' } });
  assert.equal(r.status, 201, r.text);
  return { ...(r.json as { number: string; uploadToken: string }), email };
}

async function trackingToken(email: string): Promise<string> {
  const outbox = await s.request({ method: 'GET', url: '/api/admin/outbox?channel=email&limit=100', token: admin });
  const letter = outbox.json.items.find((n: { recipient: string; subject: string }) => n.recipient === email && n.subject.startsWith('Ссылка'));
  const token = /track\/([\w-]+)/.exec(letter?.body ?? '')?.[1];
  assert.ok(token, 'the tracking link was sent');
  return token;
}

describe(`requests for the web UI (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('the public form gives an upload token: files attach with it, and only with a valid one', async () => {
    const r = await publicRequest();
    assert.match(r.uploadToken, /^\d{13}\.[\w-]{43}$/);
    const url = `/api/requests/public/${r.number}/documents`;
    const ok = await s.request({ method: 'POST', url, ...multipart('скриншот.png', PNG, { 'x-upload-token': r.uploadToken }) });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.mime, 'image/png');

    assert.equal((await s.request({ method: 'POST', url, ...multipart('a.png', PNG) })).status, 404, 'no token');
    const forged = `${r.uploadToken.slice(0, 14)}${r.uploadToken[14] === 'A' ? 'B' : 'A'}${r.uploadToken.slice(15)}`;
    assert.equal((await s.request({ method: 'POST', url, ...multipart('a.png', PNG, { 'x-upload-token': forged }) })).status, 404, 'a forged token');
    const other = await publicRequest();
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/public/${other.number}/documents`, ...multipart('a.png', PNG, { 'x-upload-token': r.uploadToken }) })).status, 404, "another request's token");
    const bad = await s.request({ method: 'POST', url, ...multipart('virus.png', Buffer.from('#!/bin/sh\necho hacked\n'), { 'x-upload-token': r.uploadToken }) });
    assert.equal(bad.status, 415, 'the type is checked by content here too');

    // a citizen's own request cannot be reached this way, whatever the token
    const mine = await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'technical', description: 'Обращение из личного кабинета' } });
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/public/${mine.json.number}/documents`, ...multipart('a.png', PNG, { 'x-upload-token': r.uploadToken }) })).status, 404);

    // the file is in the request the tracking link shows
    const view = await s.request({ method: 'GET', url: `/api/requests/track/${await trackingToken(r.email)}` });
    assert.deepEqual(
      view.json.documents.map((d: { filename: string }) => d.filename),
      ['скриншот.png'],
    );

    // an hour later the token no longer works
    clock += 61 * 60 * 1000;
    try {
      assert.equal((await s.request({ method: 'POST', url, ...multipart('late.png', PNG, { 'x-upload-token': r.uploadToken }) })).status, 404, 'an expired token');
    } finally {
      clock -= 61 * 60 * 1000;
    }
  });

  test('the tracking link lets a visitor without an account send the documents asked for', async () => {
    const r = await publicRequest();
    const token = await trackingToken(r.email);
    await s.request({ method: 'POST', url: `/api/requests/${r.number}/status`, token: operator, body: { status: 'in_progress' } });
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${r.number}/status`, token: operator, body: { status: 'awaiting_documents', comment: 'Приложите скриншот' } })).status, 200);
    const up = await s.request({ method: 'POST', url: `/api/requests/track/${token}/documents`, ...multipart('ошибка.png', PNG) });
    assert.equal(up.status, 201, up.text);
    const view = await s.request({ method: 'GET', url: `/api/requests/track/${token}` });
    assert.equal(view.json.status, 'in_progress', 'the documents send the request back to work');
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/track/${'x'.repeat(32)}/documents`, ...multipart('a.png', PNG) })).status, 404);
  });

  test('staff answers carry assigneeId; the citizen never sees it', async () => {
    const created = await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'recommendation', description: 'Предлагаю добавить тёмную тему' } });
    const number = created.json.number as string;
    const me = await s.request({ method: 'GET', url: '/api/me', token: operator });
    const before = await s.request({ method: 'GET', url: `/api/requests/${number}`, token: operator });
    assert.equal(before.json.assigneeId, null);
    assert.equal((await s.request({ method: 'POST', url: `/api/requests/${number}/assign`, token: operator, body: { assigneeId: me.json.id } })).status, 200);
    const staffView = await s.request({ method: 'GET', url: `/api/requests/${number}`, token: operator });
    assert.equal(staffView.json.assigneeId, me.json.id);
    const queue = await s.request({ method: 'GET', url: '/api/staff/requests?assignee=me&limit=100', token: operator });
    assert.equal(queue.json.items.find((i: { number: string }) => i.number === number)?.assigneeId, me.json.id);
    const citizenView = await s.request({ method: 'GET', url: `/api/requests/${number}`, token: citizen });
    assert.equal(citizenView.status, 200);
    assert.ok(!('assigneeId' in citizenView.json));
    const list = await s.request({ method: 'GET', url: '/api/requests?limit=100', token: citizen });
    assert.ok(list.json.items.every((i: object) => !('assigneeId' in i)));
  });
});
