// Notification delivery: at most once per notification, retried on failure, given up after
// MAX_ATTEMPTS; and, through a real server, e-mail reaching an SMTP server and SMS reaching a gateway.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { createLogger } from '../../platform/log/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { signIn, startTestServer, uniqueEmail, type TestServer } from '../../../tests/support/test-server.ts';
import { startFakeSmsGateway, type FakeSmsGateway } from '../../../tests/fakes/sms-gateway.ts';
import { MAX_ATTEMPTS, deliverNotification } from './deliver-notification.ts';
import { createHttpSmsTransport } from './http-sms-transport.ts';
import { insertNotification } from './notifications-repo.ts';
import { createSmtpTransport } from './smtp-transport.ts';
import type { NotificationTransport } from './transport.ts';
import { outboxTransport, type TransportRegistry } from './transports.ts';
import { startSmtpServer, type TestSmtp } from '../../../tests/support/test-smtp.ts';
import { waitForValue } from '../../../tests/support/wait-for.ts';

function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

describe('deliverNotification on a database', () => {
  let testDb: TestDatabase;
  let database: Database;
  let gateway: FakeSmsGateway;
  const log = createLogger({ level: 'silent' });

  before(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase({ url: testDb.url, pglite: testDb.pglite });
    await migrateToLatest(database.db as never);
    gateway = await startFakeSmsGateway();
  });
  after(async () => {
    await gateway?.close();
    await database?.close();
    await testDb?.drop();
  });

  const smsTransports = (): TransportRegistry => ({ email: outboxTransport, sms: createHttpSmsTransport({ url: gateway.url, timeoutMs: 5_000 }) });

  async function queueSms(to: string, text: string): Promise<string> {
    const id = await insertNotification(database.db, { channel: 'sms', recipient: to, subject: null, body: text, transport: 'sms-http' });
    assert.ok(id);
    return id;
  }

  async function row(id: string) {
    return database.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  test('a replayed job sends nothing twice', async () => {
    const before = gateway.received.length;
    const id = await queueSms('+79161234501', 'Ваше обращение принято');
    const transports = smsTransports();
    assert.equal(await deliverNotification({ deps: { db: database.db, log }, transports, id }), 'sent');
    assert.equal(await deliverNotification({ deps: { db: database.db, log }, transports, id }), 'skipped');
    const mine = gateway.received.slice(before);
    assert.equal(mine.length, 1);
    assert.deepEqual(mine[0], { id, to: '+79161234501', text: 'Ваше обращение принято', idempotencyKey: id });
    const r = await row(id);
    assert.equal(r.status, 'sent');
    assert.equal(r.attempts, 1);
    assert.ok(r.sent_at instanceof Date);
  });

  test('two deliveries of one notification at the same time send it once', async () => {
    const before = gateway.received.length;
    const id = await queueSms('+79161234502', 'Одновременно');
    const transports = smsTransports();
    const results = await Promise.all([1, 2, 3].map(() => deliverNotification({ deps: { db: database.db, log }, transports, id })));
    assert.deepEqual([...results].sort(), ['sent', 'skipped', 'skipped']);
    assert.equal(gateway.received.slice(before).filter((m) => m.id === id).length, 1);
  });

  test('a failing gateway puts the notification back to queued, then it is sent on a retry', async () => {
    const id = await queueSms('+79161234503', 'Повтор после сбоя');
    const transports = smsTransports();
    gateway.failNext(2);
    for (let attempt = 1; attempt <= 2; attempt++) {
      await assert.rejects(deliverNotification({ deps: { db: database.db, log }, transports, id }), /SMS gateway answered 500/);
      const r = await row(id);
      assert.equal(r.status, 'queued');
      assert.equal(r.attempts, attempt);
      assert.match(r.last_error ?? '', /SMS gateway answered 500/);
    }
    assert.equal(await deliverNotification({ deps: { db: database.db, log }, transports, id }), 'sent');
    const r = await row(id);
    assert.equal(r.status, 'sent');
    assert.equal(r.attempts, 3);
    assert.equal(r.last_error, null);
    assert.equal(gateway.received.filter((m) => m.id === id).length, 1);
  });

  test(`after ${MAX_ATTEMPTS} failed attempts the notification is failed and never tried again`, async () => {
    const id = await queueSms('+79161234504', 'Шлюз недоступен');
    const transports = smsTransports();
    const requestsBefore = gateway.requests;
    gateway.failNext(1000);
    try {
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        await assert.rejects(deliverNotification({ deps: { db: database.db, log }, transports, id }), /failed: SMS gateway answered 500/);
        const r = await row(id);
        assert.equal(r.status, 'queued', `after attempt ${attempt}`);
        assert.equal(r.attempts, attempt);
      }
      assert.equal(await deliverNotification({ deps: { db: database.db, log }, transports, id }), 'failed');
      const r = await row(id);
      assert.equal(r.status, 'failed');
      assert.equal(r.attempts, MAX_ATTEMPTS);
      assert.match(r.last_error ?? '', /SMS gateway answered 500/);
      // the job system may still run the job: it finds nothing to send
      assert.equal(await deliverNotification({ deps: { db: database.db, log }, transports, id }), 'skipped');
      assert.equal(gateway.requests - requestsBefore, MAX_ATTEMPTS);
      assert.equal(gateway.received.filter((m) => m.id === id).length, 0);
    } finally {
      gateway.failNext(0);
    }
  });

  test('the stored error has personal data masked', async () => {
    const leaky: NotificationTransport = {
      name: 'leaky',
      send: async (m) => {
        throw new Error(`550 mailbox ${m.to} refused, call +7 916 123-45-67`);
      },
    };
    const id = await insertNotification(database.db, { channel: 'email', recipient: 'maria.ivanova@example.org', subject: 'Тема', body: 'Текст', transport: 'leaky' });
    assert.ok(id);
    await assert.rejects(deliverNotification({ deps: { db: database.db, log }, transports: { email: leaky, sms: outboxTransport }, id }), (err: Error) => {
      assert.doesNotMatch(err.message, /maria\.ivanova|916/);
      return true;
    });
    const r = await row(id);
    assert.equal(r.status, 'queued');
    assert.match(r.last_error ?? '', /^550 mailbox \[email\] refused, call \[number\]$/);
  });

  test('an unknown id is skipped', async () => {
    assert.equal(await deliverNotification({ deps: { db: database.db, log }, transports: smsTransports(), id: '00000000-0000-4000-8000-000000000000' }), 'skipped');
  });
});

describe('notifications through a running server', () => {
  let smtp: TestSmtp;
  let gateway: FakeSmsGateway;
  let server: TestServer;
  let adminToken: string;

  before(async () => {
    smtp = await startSmtpServer();
    gateway = await startFakeSmsGateway();
    server = await startTestServer({
      transports: {
        email: createSmtpTransport({ url: smtp.url, from: 'Связь <no-reply@svyaz.local>' }),
        sms: createHttpSmsTransport({ url: gateway.url, timeoutMs: 5_000 }),
      },
    });
    adminToken = await signIn(server, 'admin@example.com');
  });
  after(async () => {
    await server?.stop();
    await gateway?.close();
    await smtp?.close();
  });

  async function outboxItem(channel: 'email' | 'sms', recipient: string) {
    const r = await server.request({ method: 'GET', url: `/api/admin/outbox?channel=${channel}&limit=100`, token: adminToken });
    assert.equal(r.status, 200, r.text);
    return (r.json.items as Array<{ id: string; recipient: string; status: string; subject: string | null; body: string; attempts: number; transport: string; sentAt: string | null }>).find(
      (i) => i.recipient === recipient,
    );
  }

  async function waitSent(channel: 'email' | 'sms', recipient: string) {
    return waitForValue(`the ${channel} to ${recipient} to be marked sent`, async () => {
      const item = await outboxItem(channel, recipient);
      return item?.status === 'sent' ? item : undefined;
    });
  }

  test('an e-mail with a Cyrillic subject and body arrives at the SMTP server', async () => {
    const to = uniqueEmail('mail');
    const subject = 'Ответ по обращению № 42 — «Связь»';
    const text = 'Здравствуйте, Мария Ивановна!\nВаше обращение рассмотрено. Ёж, щука и съешь ещё этих мягких французских булок.';
    await server.deps.db.transaction().execute((tx) => server.deps.notify(tx, { channel: 'email', to, subject, text }));

    const mail = await waitForValue('the mail at the SMTP server', () => smtp.mails.find((m) => addressesOf(m).includes(to)));
    assert.equal(mail.subject, subject);
    assert.equal(mail.text?.trim(), text);
    assert.deepEqual(mail.from?.value.map((v) => v.address), ['no-reply@svyaz.local']);
    assert.equal(mail.from?.value[0]?.name, 'Связь');

    const item = await waitSent('email', to);
    assert.equal(item.transport, 'smtp');
    assert.equal(item.attempts, 1);
    assert.ok(item.sentAt);
    // the notification id is the Message-ID, so a receiver can drop a repeat
    assert.equal(mail.messageId, `<${item.id}@svyaz.local>`);
    assert.equal(smtp.mails.filter((m) => addressesOf(m).includes(to)).length, 1);
  });

  test('an SMS reaches the gateway, and a replay of its job sends nothing', async () => {
    const to = '+79169876543';
    const text = 'Связь: ваш код 123456. Никому его не сообщайте.';
    await server.deps.db.transaction().execute((tx) => server.deps.notify(tx, { channel: 'sms', to, text }));

    const sms = await waitForValue('the SMS at the gateway', () => gateway.received.find((m) => m.to === to));
    assert.equal(sms.text, text);
    const item = await waitSent('sms', to);
    assert.equal(item.transport, 'sms-http');
    assert.equal(sms.id, item.id);
    assert.equal(sms.idempotencyKey, item.id);

    assert.equal(await deliverNotification({ deps: server.deps, transports: { email: outboxTransport, sms: createHttpSmsTransport({ url: gateway.url }) }, id: item.id }), 'skipped');
    assert.equal(gateway.received.filter((m) => m.to === to).length, 1);
  });

  test('a notification with a used dedupe key is queued only once', async () => {
    const to = '+79169876544';
    for (let i = 0; i < 2; i++) {
      await server.deps.db.transaction().execute((tx) => server.deps.notify(tx, { channel: 'sms', to, text: 'Один раз', dedupeKey: `once:${to}` }));
    }
    await waitSent('sms', to);
    await new Promise((r) => setTimeout(r, 1_500)); // a second job, if any, would have run by now
    assert.equal(gateway.received.filter((m) => m.to === to).length, 1);
  });

  test('a notification queued in a transaction that rolls back is never sent', async () => {
    const to = uniqueEmail('rollback');
    await assert.rejects(
      server.deps.db.transaction().execute(async (tx) => {
        await server.deps.notify(tx, { channel: 'email', to, subject: 'Не отправлять', text: 'Откат' });
        throw new Error('use case failed after queueing');
      }),
      /use case failed/,
    );
    // a marker queued after it is delivered, so the rolled-back one had its chance too
    const marker = uniqueEmail('marker');
    await server.deps.db.transaction().execute((tx) => server.deps.notify(tx, { channel: 'email', to: marker, subject: 'Метка', text: 'Метка' }));
    await waitForValue('the marker mail', () => smtp.mails.find((m) => addressesOf(m).includes(marker)));
    assert.equal(await outboxItem('email', to), undefined);
    assert.equal(smtp.mails.filter((m) => addressesOf(m).includes(to)).length, 0);
  });

  test('registering a citizen with an e-mail sends the welcome e-mail with the ЕНГ number', async () => {
    const email = uniqueEmail('welcome');
    const reg = await server.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Ольга Берёзкина', email, password: 'correct-horse-battery' } });
    assert.equal(reg.status, 201, reg.text);
    const eng = reg.json.user.eng as string;
    assert.match(eng, /^ЕНГ-\d{10}$/);

    const mail = await waitForValue('the welcome mail', () => smtp.mails.find((m) => addressesOf(m).includes(email)));
    assert.equal(mail.subject, 'Ваш единый номер поддержки');
    assert.ok(mail.text?.includes(eng), `the mail names ${eng}: ${mail.text}`);
    assert.ok(mail.text?.includes('Ольга Берёзкина'));

    const item = await waitSent('email', email);
    assert.ok(item.body.includes(eng));
    assert.equal(smtp.mails.filter((m) => addressesOf(m).includes(email)).length, 1);
  });

  test('registering with only a phone sends the welcome SMS', async () => {
    const reg = await server.request({ method: 'POST', url: '/api/auth/register', body: { name: 'Пётр Соколов', phone: '8 (916) 700-11-22', password: 'correct-horse-battery' } });
    assert.equal(reg.status, 201, reg.text);
    const eng = reg.json.user.eng as string;
    const sms = await waitForValue('the welcome SMS', () => gateway.received.find((m) => m.to === '+79167001122'));
    assert.ok(sms.text.includes(eng), sms.text);
    await waitSent('sms', '+79167001122');
  });
});
