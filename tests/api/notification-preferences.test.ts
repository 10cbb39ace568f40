// Notification preferences: a citizen chooses e-mail and SMS per kind of event (the account is
// always on) through GET/PUT /api/account/notification-preferences, and the request notifications
// follow the choice: an e-mail really reaches an SMTP server started here, an SMS a fake gateway,
// and a channel switched off sends nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { testDatabaseUrl } from '../../server/env.ts';
import { createHttpSmsTransport } from '../../server/modules/notifications/http-sms-transport.ts';
import { createSmtpTransport } from '../../server/modules/notifications/smtp-transport.ts';
import { startFakeSmsGateway, type FakeSmsGateway } from '../fakes/sms-gateway.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';
import { startSmtpServer, type TestSmtp } from '../support/test-smtp.ts';
import { waitForValue } from '../support/wait-for.ts';

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
const URL_PREFS = '/api/account/notification-preferences';
const allOn = { statusChange: { email: true, sms: true }, reply: { email: true, sms: true } };

describe(`notification preferences (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  let s: TestServer;
  let smtp: TestSmtp;
  let gateway: FakeSmsGateway;
  let citizen: string;
  let operator: string;
  let admin: string;
  const email = uniqueEmail('prefs');
  const phone = '+79160001122';

  before(async () => {
    smtp = await startSmtpServer();
    gateway = await startFakeSmsGateway();
    s = await startTestServer({
      transports: { email: createSmtpTransport({ url: smtp.url, from: 'Связь <no-reply@svyaz.local>' }), sms: createHttpSmsTransport({ url: gateway.url, timeoutMs: 5_000 }) },
    });
    const reg = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Анна Преференцева', email, phone: '8 (916) 000-11-22', password: 'correct-horse-battery' } });
    assert.equal(reg.status, 201, reg.text);
    citizen = reg.json.token as string;
    operator = await signIn(s, 'operator@example.com');
    admin = await signIn(s, 'admin@example.com');
  });
  after(async () => {
    await s?.stop();
    await gateway?.close();
    await smtp?.close();
  });

  /** `token: null` sends no session */
  const put = (body: unknown, opts: { token?: string | null; headers?: Record<string, string> } = {}) =>
    s.request({ method: 'PUT', url: URL_PREFS, token: opts.token === null ? undefined : (opts.token ?? citizen), body, headers: opts.headers });

  /** the notifications queued for one request, from the admin's outbox */
  async function queuedFor(number: string) {
    const r = await s.request({ method: 'GET', url: '/api/admin/outbox?limit=100', token: admin });
    assert.equal(r.status, 200, r.text);
    return (r.json.items as Array<{ id: string; channel: string; recipient: string; subject: string | null; body: string; status: string }>).filter((n) => n.body.includes(number));
  }

  async function newRequest() {
    const r = await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'technical', description: 'Не открывается раздел «Мои услуги» в личном кабинете' } });
    assert.equal(r.status, 201, r.text);
    return r.json.number as string;
  }

  const setStatus = async (number: string, status: string, comment?: string) => {
    const r = await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status, ...(comment ? { comment } : {}) } });
    assert.equal(r.status, 200, r.text);
  };

  test('without a session: 401 for reading and for saving, even with a bad body; staff get 403', async () => {
    assert.equal((await s.request({ method: 'GET', url: URL_PREFS })).status, 401);
    const noSession = await put({ events: allOn }, { token: null });
    assert.equal(noSession.status, 401);
    assert.equal(noSession.json.error.code, 'UNAUTHENTICATED');
    assert.equal((await put({ nonsense: 1 }, { token: null })).status, 401);
    assert.equal((await put({ events: allOn }, { token: operator })).status, 403);
    assert.equal((await s.request({ method: 'GET', url: URL_PREFS, token: operator })).status, 403);
  });

  test('defaults: every channel on, the account always; the profile says which channels can reach the citizen', async () => {
    const r = await s.request({ method: 'GET', url: URL_PREFS, token: citizen });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, {
      events: { statusChange: { account: true, email: true, sms: true }, reply: { account: true, email: true, sms: true } },
      reachable: { email: true, sms: true },
      updatedAt: null,
    });
  });

  test('bad input is a 400 with a clear message, Russian by default and English on request; nothing is saved', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['a kind of event missing', { events: { statusChange: { email: true, sms: true } } }, 'events.reply'],
      ['a channel not boolean', { events: { ...allOn, reply: { email: 'yes', sms: true } } }, 'events.reply.email'],
      ['an unknown channel', { events: { ...allOn, reply: { email: true, sms: true, telegram: true } } }, 'events.reply'],
      ['an unknown kind of event', { events: { ...allOn, promo: { email: true, sms: true } } }, 'events'],
      ['no events at all', {}, 'events'],
    ];
    for (const [what, body, path] of cases) {
      const r = await put(body);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.json.error.code, 'VALIDATION_FAILED', what);
      assert.equal(r.json.error.message, 'Проверьте введённые данные.', what);
      assert.ok(r.json.error.fields.some((f: { path: string }) => f.path === path), `${what}: ${JSON.stringify(r.json.error.fields)}`);
    }
    const off = await put({ events: { ...allOn, statusChange: { account: false, email: true, sms: false } } });
    assert.equal(off.status, 400, off.text);
    assert.equal(off.json.error.code, 'ACCOUNT_CHANNEL_ALWAYS_ON');
    assert.match(off.json.error.message, /личном кабинете отключить нельзя/);
    const offEn = await put({ events: { ...allOn, statusChange: { account: false, email: true, sms: false } } }, { headers: { 'accept-language': 'en' } });
    assert.match(offEn.json.error.message, /cannot be switched off/);
    const malformed = await s.request({ method: 'PUT', url: URL_PREFS, token: citizen, payload: '{"events":', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'MALFORMED_JSON');
    const still = await s.request({ method: 'GET', url: URL_PREFS, token: citizen });
    assert.equal(still.json.updatedAt, null, 'refused input saved nothing');
    assert.equal(still.json.events.statusChange.sms, true);
  });

  test('with the defaults a status change reaches both the SMTP server and the SMS gateway', async () => {
    const number = await newRequest();
    await setStatus(number, 'in_progress');
    const subject = `Обращение ${number}: В работе`;
    const mail = await waitForValue('the status e-mail', () => smtp.mails.find((m) => m.subject === subject));
    assert.deepEqual(to(mail), [email]);
    assert.ok(mail.text?.includes('«В работе»'));
    const sms = await waitForValue('the status SMS', () => gateway.received.find((m) => m.text.includes(number) && m.text.includes('В работе')));
    assert.equal(sms.to, phone);
  });

  test('a switched-off channel sends nothing: status changes by e-mail only, replies by SMS only', async () => {
    const saved = await put({ events: { statusChange: { account: true, email: true, sms: false }, reply: { email: false, sms: true } } });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.json.events, { statusChange: { account: true, email: true, sms: false }, reply: { account: true, email: false, sms: true } });
    assert.ok(saved.json.updatedAt);
    const read = await s.request({ method: 'GET', url: URL_PREFS, token: citizen });
    assert.deepEqual(read.json.events, saved.json.events);

    const number = await newRequest();
    await setStatus(number, 'in_progress');
    const reply = await s.request({ method: 'POST', url: `/api/requests/${number}/replies`, token: operator, body: { text: 'Раздел снова работает, проверьте, пожалуйста.' } });
    assert.equal(reply.status, 201, reply.text);

    // what was queued: e-mail for the two status changes (created, in work), SMS for the reply only
    const queued = await queuedFor(number);
    const queuedSms = queued.filter((n) => n.channel === 'sms');
    assert.equal(queuedSms.length, 1, JSON.stringify(queuedSms));
    assert.ok(queuedSms[0]?.body.startsWith(`По обращению ${number} пришёл ответ`));
    assert.deepEqual(queued.filter((n) => n.channel === 'email').map((n) => n.subject).sort(), [`Обращение ${number} принято`, `Обращение ${number}: В работе`].sort());

    // what arrived: the status e-mail with its Cyrillic subject, the reply SMS; and nothing else,
    // once every queued notification for the request has been delivered
    const mail = await waitForValue('the status e-mail', () => smtp.mails.find((m) => m.subject === `Обращение ${number}: В работе`));
    assert.deepEqual(to(mail), [email]);
    const sms = await waitForValue('the reply SMS', () => gateway.received.find((m) => m.text.includes(number)));
    assert.match(sms.text, /пришёл ответ: Раздел снова работает/);
    await waitForValue('every queued notification to be sent', async () => ((await queuedFor(number)).every((n) => n.status === 'sent') ? true : undefined));
    assert.equal(gateway.received.filter((m) => m.text.includes(number)).length, 1, 'no SMS about the status change');
    assert.equal(smtp.mails.filter((m) => m.subject?.includes(number)).length, 2, 'no e-mail about the reply');
    assert.ok(!smtp.mails.some((m) => m.subject === `Ответ по обращению ${number}`));

    // the account channel stays on: the citizen still sees the reply and the status in the timeline
    const view = await s.request({ method: 'GET', url: `/api/requests/${number}`, token: citizen });
    assert.ok(view.json.events.some((e: { kind: string }) => e.kind === 'reply'));
    assert.ok(view.json.events.some((e: { kind: string; toStatus: string }) => e.kind === 'status' && e.toStatus === 'in_progress'));
  });

  test('everything off: neither e-mail nor SMS; switching back on restores both', async () => {
    const none = { statusChange: { email: false, sms: false }, reply: { email: false, sms: false } };
    assert.equal((await put({ events: none })).status, 200);
    const number = await newRequest();
    await setStatus(number, 'in_progress');
    await s.request({ method: 'POST', url: `/api/requests/${number}/replies`, token: operator, body: { text: 'Ответ без уведомлений' } });
    assert.deepEqual(await queuedFor(number), []);

    assert.equal((await put({ events: allOn })).status, 200);
    await setStatus(number, 'awaiting_documents', 'Приложите снимок экрана');
    const queued = await queuedFor(number);
    assert.deepEqual(queued.map((n) => n.channel).sort(), ['email', 'sms']);
    await waitForValue('the e-mail after switching back on', () => smtp.mails.find((m) => m.subject === `Обращение ${number}: Ожидает документов`));
  });
});
