// Live request pages: the request's events stream sends the whole request at once and again after
// each change anyone makes (LISTEN/NOTIFY on commit), to its owner and to staff only; the citizen's
// frames never carry internal notes; a staff member's open page is one audited read.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { openSse, type SseReader } from '../support/sse.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

type Detail = { number: string; status: string; events: Array<{ kind: string; text: string | null; internal: boolean; toStatus: string | null }> };

let s: TestServer;
let base: string;
let citizen: string;
let operator: string;
let admin: string;
before(async () => {
  s = await startTestServer();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
  citizen = await signIn(s, 'citizen@example.com');
  operator = await signIn(s, 'operator@example.com');
  admin = await signIn(s, 'admin@example.com');
});
after(async () => {
  await s?.stop();
});

const create = async () => {
  const r = await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'technical', description: 'Страница заявления не открывается, ошибка 500' } });
  assert.equal(r.status, 201, r.text);
  return r.json.number as string;
};
const watch = (number: string, token?: string, lang = 'ru') => openSse(`${base}/api/requests/${encodeURIComponent(number)}/events`, { 'accept-language': lang, ...(token ? { authorization: `Bearer ${token}` } : {}) });

/** Frames until one satisfies `ok` (a change may arrive as more than one frame). */
async function until(stream: SseReader, ok: (d: Detail) => boolean, what: string): Promise<Detail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no frame with ${what}`);
    const d = await stream.next<Detail>(left);
    if (ok(d)) return d;
  }
}

describe(`live request pages (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('the owner sees the operator’s status change and reply as they happen, never an internal note', async () => {
    const number = await create();
    const mine = await watch(number, citizen);
    const staff = await watch(number, operator);
    try {
      assert.equal(mine.status, 200);
      assert.match(mine.contentType, /text\/event-stream/);
      const first = await mine.next<Detail>();
      assert.equal(first.number, number);
      assert.equal(first.status, 'accepted');
      assert.equal((await staff.next<Detail>()).status, 'accepted');

      const changed = await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status: 'in_progress' } });
      assert.equal(changed.status, 200, changed.text);
      assert.equal((await until(mine, (d) => d.status === 'in_progress', 'the new status')).status, 'in_progress');

      await s.request({ method: 'POST', url: `/api/requests/${number}/replies`, token: operator, body: { text: 'Внутренняя заметка: проверить логи', internal: true } });
      const noted = await until(staff, (d) => d.events.some((e) => e.internal), 'the note, for staff');
      assert.ok(noted.events.some((e) => e.text === 'Внутренняя заметка: проверить логи'));
      await s.request({ method: 'POST', url: `/api/requests/${number}/replies`, token: operator, body: { text: 'Исправили, проверьте, пожалуйста.' } });
      const replied = await until(mine, (d) => d.events.some((e) => e.text === 'Исправили, проверьте, пожалуйста.'), 'the reply');
      assert.ok(!replied.events.some((e) => e.internal || e.text?.includes('Внутренняя')), 'the citizen never gets the note');
    } finally {
      mine.close();
      staff.close();
    }
  });

  test('only the owner and staff: 401 without a session, 404 for another citizen and for an unknown number, in the caller’s language', async () => {
    const number = await create();
    const anonymous = await watch(number);
    assert.equal(anonymous.status, 401);
    anonymous.close();
    const other = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Другой Гражданин', email: `other-live.${Date.now()}@example.org`, password: 'long-enough-password' } });
    assert.equal(other.status, 201, other.text);
    const stranger = await watch(number, other.json.token);
    assert.equal(stranger.status, 404);
    stranger.close();
    const unknown = await s.request({ method: 'GET', url: '/api/requests/RQ-ZZZZ-ZZZZ/events', token: citizen, headers: { 'accept-language': 'en' } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'REQUEST_NOT_FOUND');
    assert.equal(unknown.json.error.message, 'Request not found.');
  });

  test('a visitor without an account follows the request by the private link, live; a wrong link is a 404', async () => {
    const email = `visitor-live.${Date.now()}@example.org`;
    const pub = await s.request({ method: 'POST', url: '/api/requests/public', body: { surname: 'Безаккаунтов', email, description: 'Не приходит письмо с кодом подтверждения' } });
    assert.equal(pub.status, 201, pub.text);
    const token = await waitFor('the tracking link', async () => {
      const outbox = await s.request({ method: 'GET', url: '/api/admin/outbox?channel=email&limit=100', token: admin });
      const letter = (outbox.json.items as Array<{ recipient: string; body: string }>).find((n) => n.recipient === email && /track\//.test(n.body));
      return /track\/([\w-]+)/.exec(letter?.body ?? '')?.[1];
    });
    const stream = await openSse(`${base}/api/requests/track/${token}/events`);
    try {
      assert.equal(stream.status, 200);
      assert.equal((await stream.next<Detail>()).number, pub.json.number);
      await s.request({ method: 'POST', url: `/api/requests/${pub.json.number}/status`, token: operator, body: { status: 'in_progress' } });
      assert.equal((await until(stream, (d) => d.status === 'in_progress', 'the new status')).status, 'in_progress');
    } finally {
      stream.close();
    }
    const wrong = await openSse(`${base}/api/requests/track/${token.slice(0, -2)}xx/events`);
    assert.equal(wrong.status, 404);
    wrong.close();
  });

  test('a staff member’s open page is one read in the audit log, however many frames follow', async () => {
    const number = await create();
    const reads = async () => {
      const r = await s.request({ method: 'GET', url: '/api/admin/audit?action=pii.read&limit=100', token: admin });
      return (r.json.items as Array<{ details: { number?: string } }>).filter((i) => i.details.number === number).length;
    };
    const staff = await watch(number, operator);
    try {
      await staff.next();
      await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status: 'in_progress' } });
      await until(staff, (d) => d.status === 'in_progress', 'the new status');
      assert.equal(await reads(), 1);
    } finally {
      staff.close();
    }
  });
});
