// Notifications of a request, end to end: a status change reaches an SMTP server started here as
// an e-mail with a Cyrillic subject and a fake SMS gateway as an SMS to the citizen's phone; a
// reply and an escalation do too (the supervisor by e-mail); and a replayed delivery job — the
// handler run again, or the job queued again — sends nothing twice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { testDatabaseUrl } from '../../server/env.ts';
import { DELIVER_JOB, deliverNotification } from '../../server/modules/notifications/deliver-notification.ts';
import { createHttpSmsTransport } from '../../server/modules/notifications/http-sms-transport.ts';
import { createSmtpTransport } from '../../server/modules/notifications/smtp-transport.ts';
import type { TransportRegistry } from '../../server/modules/notifications/transports.ts';
import { escalateOverdue } from '../../server/modules/requests/index.ts';
import { startFakeSmsGateway, type FakeSmsGateway } from '../fakes/sms-gateway.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.ts';
import { startSmtpServer, type TestSmtp } from '../support/test-smtp.ts';
import { waitForValue } from '../support/wait-for.ts';

const recipients = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
type Queued = { id: string; channel: 'email' | 'sms'; recipient: string; subject: string | null; body: string; status: string; attempts: number };

describe(`request notifications by e-mail and SMS (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  let s: TestServer;
  let smtp: TestSmtp;
  let gateway: FakeSmsGateway;
  let transports: TransportRegistry;
  let clock = new Date('2026-04-29T10:00:00+03:00').getTime();
  let citizen: string;
  let operator: string;
  let admin: string;
  const email = uniqueEmail('req-notify');
  const phone = '+79165554433';
  /** how many times each notification id reached a transport */
  const sends = new Map<string, number>();

  before(async () => {
    smtp = await startSmtpServer();
    gateway = await startFakeSmsGateway();
    const real: TransportRegistry = {
      email: createSmtpTransport({ url: smtp.url, from: 'Связь <no-reply@svyaz.local>' }),
      sms: createHttpSmsTransport({ url: gateway.url, timeoutMs: 5_000 }),
    };
    const counted = (t: TransportRegistry['email']): TransportRegistry['email'] => ({
      name: t.name,
      send: async (m) => {
        sends.set(m.id, (sends.get(m.id) ?? 0) + 1);
        await t.send(m);
      },
      close: t.close,
    });
    transports = { email: counted(real.email), sms: counted(real.sms) };
    s = await startTestServer({ transports, now: () => new Date(clock) });
    const reg = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Зоя Уведомлённая', email, phone: '8 (916) 555-44-33', password: 'correct-horse-battery' } });
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

  async function newRequest(): Promise<string> {
    const r = await s.request({ method: 'POST', url: '/api/requests', token: citizen, body: { type: 'service_status', description: 'Когда будет готова справка об отсутствии судимости?' } });
    assert.equal(r.status, 201, r.text);
    return r.json.number as string;
  }

  async function queuedFor(number: string): Promise<Queued[]> {
    const r = await s.request({ method: 'GET', url: '/api/admin/outbox?limit=100', token: admin });
    assert.equal(r.status, 200, r.text);
    return (r.json.items as Queued[]).filter((n) => n.body.includes(number) || (n.subject ?? '').includes(number));
  }

  const allSent = (number: string) => waitForValue(`every notification of ${number} to be sent`, async () => {
    const q = await queuedFor(number);
    return q.length > 0 && q.every((n) => n.status === 'sent') ? q : undefined;
  });

  test('a status change: an e-mail with a Cyrillic subject at the SMTP server and an SMS at the gateway, once each', async () => {
    const number = await newRequest();
    const changed = await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status: 'in_progress' } });
    assert.equal(changed.status, 200, changed.text);

    const subject = `Обращение ${number}: В работе`;
    const mail = await waitForValue('the status e-mail', () => smtp.mails.find((m) => m.subject === subject));
    assert.deepEqual(recipients(mail), [email]);
    assert.equal(mail.from?.value[0]?.name, 'Связь');
    assert.match(mail.text ?? '', new RegExp(`Статус обращения ${number} изменён: «В работе»\\.`));
    assert.ok(mail.text?.includes(`/account/requests/${number}`), 'the letter links to the request page');

    const sms = await waitForValue('the status SMS', () => gateway.received.find((m) => m.text.includes(number) && m.text.includes('В работе')));
    assert.equal(sms.to, phone);
    assert.ok(sms.text.length <= 300);

    const queued = await allSent(number);
    const status = queued.filter((n) => n.body.includes('«В работе»'));
    assert.deepEqual(status.map((n) => n.channel).sort(), ['email', 'sms']);
    assert.equal(mail.messageId, `<${status.find((n) => n.channel === 'email')?.id}@svyaz.local>`, 'the notification id is the Message-ID');
    assert.equal(sms.idempotencyKey, status.find((n) => n.channel === 'sms')?.id);
    assert.equal(smtp.mails.filter((m) => m.subject === subject).length, 1);
    assert.equal(gateway.received.filter((m) => m.text.includes(number) && m.text.includes('В работе')).length, 1);
  });

  test('asking for documents and a reply reach both channels with their Cyrillic texts', async () => {
    const number = await newRequest();
    await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status: 'in_progress' } });
    const ask = await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status: 'awaiting_documents', comment: 'Приложите копию паспорта' } });
    assert.equal(ask.status, 200, ask.text);
    const reply = await s.request({ method: 'POST', url: `/api/requests/${number}/replies`, token: operator, body: { text: 'Справка будет готова через три рабочих дня.' } });
    assert.equal(reply.status, 201, reply.text);
    const note = await s.request({ method: 'POST', url: `/api/requests/${number}/replies`, token: operator, body: { text: 'Внутренняя заметка: проверить в ведомстве', internal: true } });
    assert.equal(note.status, 201, note.text);

    const asked = await waitForValue('the «Ожидает документов» e-mail', () => smtp.mails.find((m) => m.subject === `Обращение ${number}: Ожидает документов`));
    assert.ok(asked.text?.includes('Приложите копию паспорта'));
    const answered = await waitForValue('the reply e-mail', () => smtp.mails.find((m) => m.subject === `Ответ по обращению ${number}`));
    assert.ok(answered.text?.includes('Справка будет готова через три рабочих дня.'));
    await waitForValue('the reply SMS', () => gateway.received.find((m) => m.text.includes(number) && m.text.includes('пришёл ответ')));
    await allSent(number);
    assert.ok(!smtp.mails.some((m) => m.text?.includes('Внутренняя заметка')), 'an internal note is never sent');
    assert.ok(!gateway.received.some((m) => m.text.includes('Внутренняя заметка')));
  });

  test('a replayed delivery job sends nothing twice: the handler run again, and the job queued again', async () => {
    const number = await newRequest();
    await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status: 'in_progress' } });
    const done = (await allSent(number)).filter((n) => n.body.includes('«В работе»'));
    assert.equal(done.length, 2);
    const mailsBefore = smtp.mails.length;
    const smsBefore = gateway.received.length;

    // the handler, run again by hand for each notification
    for (const n of done) {
      assert.equal(sends.get(n.id), 1, `${n.channel} sent once`);
      assert.equal(await deliverNotification({ deps: s.deps, transports, id: n.id }), 'skipped', `${n.channel} replay`);
    }
    // the job, queued again through the job system; wait until the workers have run the copies
    for (const n of done) await s.deps.jobs.send(DELIVER_JOB, { id: n.id });
    await waitForValue('the replayed jobs to complete', async () => {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${DELIVER_JOB} AND data->>'id' IN (${sql.join(done.map((n) => n.id))}) AND state = 'completed'`.execute(s.deps.db);
      return Number(r.rows[0]?.n) >= 2 * done.length ? true : undefined;
    });
    for (const n of done) assert.equal(sends.get(n.id), 1, `${n.channel} still sent once`);
    assert.equal(smtp.mails.length, mailsBefore, 'no second e-mail');
    assert.equal(gateway.received.length, smsBefore, 'no second SMS');
    const after = (await queuedFor(number)).filter((n) => n.body.includes('«В работе»'));
    assert.deepEqual(after.map((n) => [n.status, n.attempts]), [['sent', 1], ['sent', 1]]);
  });

  test('an SMS-only citizen gets the status change by SMS and no e-mail', async () => {
    const reg = await s.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Тимофей Безпочтовый', phone: '8 (916) 555-66-77', password: 'correct-horse-battery' } });
    assert.equal(reg.status, 201, reg.text);
    const created = await s.request({ method: 'POST', url: '/api/requests', token: reg.json.token, body: { type: 'technical', description: 'Не работает вход через Госуслуги', contact: { phone: '+7 916 555-66-77' } } });
    assert.equal(created.status, 201, created.text);
    const number = created.json.number as string;
    await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: operator, body: { status: 'rejected', comment: 'Вопрос не относится к порталу' } });
    const sms = await waitForValue('the SMS about the refusal', () => gateway.received.find((m) => m.text.includes(number) && m.text.includes('Отказано')));
    assert.equal(sms.to, '+79165556677');
    assert.ok(sms.text.includes('Вопрос не относится к порталу'));
    const queued = await allSent(number);
    assert.ok(queued.every((n) => n.channel === 'sms'), JSON.stringify(queued));
    assert.ok(!smtp.mails.some((m) => m.subject?.includes(number)));
  });

  test('an escalation e-mails the supervisor and tells the citizen, each once, also when the status changes after the deadline', async () => {
    const number = await newRequest();
    clock = new Date('2026-06-10T12:00:00+03:00').getTime();
    try {
      assert.ok((await escalateOverdue({ deps: s.deps })).includes(number));
      assert.ok(!(await escalateOverdue({ deps: s.deps })).includes(number), 'the second sweep finds nothing');
      // an operator takes it up after the deadline: still the same missed deadline, not a new escalation
      const late = await signIn(s, 'operator@example.com');
      assert.equal((await s.request({ method: 'POST', url: `/api/requests/${number}/status`, token: late, body: { status: 'in_progress' } })).status, 200);
      assert.ok(!(await escalateOverdue({ deps: s.deps })).includes(number), 'a status change after the deadline does not escalate it again');
      const view = await s.request({ method: 'GET', url: `/api/requests/${number}`, token: late });
      assert.equal(view.json.escalated, true, 'still flagged: the deadline is still missed');
      assert.equal(view.json.priority, 1);
      assert.equal(view.json.events.filter((e: { kind: string }) => e.kind === 'escalated').length, 1);
    } finally {
      clock = new Date('2026-04-29T10:00:00+03:00').getTime();
    }
    const toSupervisor = await waitForValue('the supervisor e-mail', () => smtp.mails.find((m) => m.subject === `Просрочено обращение ${number}`));
    assert.deepEqual(recipients(toSupervisor), ['supervisor@example.com']);
    const toCitizen = await waitForValue('the citizen e-mail', () => smtp.mails.find((m) => m.subject === `Обращение ${number}: срок истёк`));
    assert.deepEqual(recipients(toCitizen), [email]);
    assert.ok(toCitizen.text?.includes('повторный запрос'));
    await waitForValue('the citizen SMS', () => gateway.received.find((m) => m.text.includes(number) && m.text.includes('истёк')));
    await waitForValue('the «В работе» e-mail', () => smtp.mails.find((m) => m.subject === `Обращение ${number}: В работе`));
    await allSent(number);
    assert.equal(smtp.mails.filter((m) => m.subject === `Просрочено обращение ${number}`).length, 1);
    assert.equal(smtp.mails.filter((m) => m.subject === `Обращение ${number}: срок истёк`).length, 1);
  });
});
