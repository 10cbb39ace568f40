// E-mail end to end: the desk's real SMTP listener takes letters sent with nodemailer, the
// operators' replies go out to a real SMTP server started here. A letter opens a conversation in the
// operators' queue (no bot, no acknowledgement), with its file; the reply is threaded to the
// person's letter; the person's reply lands in the same conversation; threads stay apart per
// conversation; auto-replies, bounces and loops store nothing; a replayed letter is stored once;
// other recipients and oversize letters are refused at SMTP level; a failed delivery is retried,
// then shown failed with its error.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { DELIVERY_RETRY_LIMIT } from '../../server/modules/channels/index.ts';
import { startSmtpServer, type TestSmtp } from '../support/test-smtp.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const ADDRESS = 'support@svyaz.example.ru';
// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const fixture = (name: string) => readFileSync(new URL(`../../server/modules/channels/fixtures/${name}.eml`, import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

type Msg = { id: string; author: string; text: string; attachment: { id: string; name: string } | null };

describe('E-mail channel', () => {
  let s: TestServer;
  let outgoing: TestSmtp;
  let operator: string;
  let listenPort: number;
  let mailer: ReturnType<typeof nodemailer.createTransport>;

  before(async () => {
    outgoing = await startSmtpServer();
    listenPort = await freePort();
    s = await startTestServer({
      env: { EMAIL_CHANNEL_ADDRESS: ADDRESS, EMAIL_SMTP_LISTEN_PORT: String(listenPort), EMAIL_SMTP_URL: outgoing.url, EMAIL_MAX_MESSAGE_BYTES: String(256 * 1024) },
    });
    operator = await signIn(s, 'operator@example.com');
    mailer = nodemailer.createTransport({ host: '127.0.0.1', port: listenPort, secure: false, ignoreTLS: true });
  });
  after(async () => {
    mailer.close();
    await s.stop();
    await outgoing.close();
  });

  const mailsTo = (address: string): ParsedMail[] =>
    outgoing.mails.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((t) => t.value.some((v) => v.address === address)));
  async function identityConversation(address: string): Promise<string> {
    return waitFor(`the conversation of ${address}`, async () => {
      const r = await sql<{ conversation_id: string | null }>`SELECT conversation_id FROM channel_identities WHERE external_user_id = ${address}`.execute(s.database.db);
      return r.rows[0]?.conversation_id ?? undefined;
    });
  }
  async function conversation(id: string): Promise<{ state: string; channel: string; handoffReason: string | null; messages: Msg[] }> {
    const r = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}`, token: operator });
    assert.equal(r.status, 200, r.text);
    return r.json;
  }
  async function messageIn(id: string, text: string): Promise<Msg[]> {
    return waitFor(`«${text}» in the conversation`, async () => {
      const c = await conversation(id);
      return c.messages.some((m) => m.text.includes(text)) ? c.messages : undefined;
    });
  }
  /** no inbound job is waiting or running: every letter sent so far has been handled */
  async function inboundSettled(): Promise<void> {
    await waitFor('the inbound jobs to finish', async () => {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'channels.inbound' AND state IN ('created', 'retry', 'active')`.execute(s.database.db);
      return r.rows[0]?.n === 0;
    });
  }
  async function deliveries(id: string): Promise<Array<{ messageId: string; status: string; attempts: number; error: string | null; externalMessageId: string | null }>> {
    const r = await s.request({ method: 'GET', url: `/api/channels/conversations/${id}/deliveries`, token: operator });
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }
  async function take(id: string) {
    const r = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator });
    assert.equal(r.status, 200, r.text);
  }
  async function reply(id: string, text: string, clientMessageId: string): Promise<string> {
    const r = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text, clientMessageId } });
    assert.equal(r.status, 201, r.text);
    return r.json.id as string;
  }

  test('a letter opens a conversation in the queue with its file; the reply is threaded; the person\'s answer lands in the same conversation', async () => {
    const anna = 'anna.volkova@example.org';
    await mailer.sendMail({
      from: 'Анна Волкова <Anna.Volkova@Example.org>',
      to: ADDRESS,
      subject: 'Ошибка при оплате пошлины',
      text: 'Здравствуйте! При оплате пошлины страница выдаёт ошибку, скриншот прилагаю.',
      messageId: '<anna-1@mail.example.org>',
      attachments: [{ filename: 'Скриншот ошибки.png', content: PNG, contentType: 'image/png' }],
    });
    const id = await identityConversation(anna);
    const messages = await waitFor('the letter and its file', async () => {
      const c = await conversation(id);
      return c.messages.some((m) => m.attachment) ? c : undefined;
    });
    assert.equal(messages.channel, 'email');
    assert.equal(messages.state, 'waiting', 'a letter goes straight to the operators');
    assert.equal(messages.handoffReason, 'email');
    assert.deepEqual(
      messages.messages.map((m) => [m.author, m.text, m.attachment?.name ?? null]),
      [
        ['citizen', 'Тема: Ошибка при оплате пошлины\n\nЗдравствуйте! При оплате пошлины страница выдаёт ошибку, скриншот прилагаю.', null],
        ['citizen', '', 'Скриншот ошибки.png'],
      ],
      'no bot message',
    );
    const file = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}/attachments/${messages.messages[1]?.attachment?.id}`, token: operator });
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    const queue = await s.request({ method: 'GET', url: '/api/chat/queue', token: operator });
    assert.equal(queue.status, 200, queue.text);
    assert.ok(JSON.stringify(queue.json).includes(id), 'the conversation is in the queue');

    await take(id);
    const replyId = await reply(id, 'Здравствуйте! Попробуйте оплатить картой другого банка.', 'e-1');
    const mail = await waitFor('the reply letter', () => mailsTo(anna)[0]);
    assert.equal(mailsTo(anna).length, 1, 'only the operator\'s reply is mailed: no acknowledgement, no take notice');
    assert.equal(mail.from?.value[0]?.address, ADDRESS);
    assert.equal(mail.inReplyTo, '<anna-1@mail.example.org>');
    assert.deepEqual([mail.references].flat(), ['<anna-1@mail.example.org>']);
    assert.match(mail.subject ?? '', /^Re: Ошибка при оплате пошлины \[#[\w-]{8}\]$/);
    assert.equal(mail.headers.get('x-svyaz-loop'), ADDRESS);
    assert.equal(mail.text?.trim(), 'Здравствуйте! Попробуйте оплатить картой другого банка.');
    const sent = await waitFor('the delivery recorded', async () => (await deliveries(id)).find((d) => d.messageId === replyId && d.status === 'sent'));
    assert.equal(sent.externalMessageId, mail.messageId, 'our Message-ID is the external id');

    await mailer.sendMail({
      from: anna,
      to: ADDRESS,
      subject: `Re: ${mail.subject}`,
      text: `Спасибо, получилось.\n\nOn Tue, Dec 1, 2026 at 12:40 PM <${ADDRESS}> wrote:\n> Здравствуйте! Попробуйте оплатить картой другого банка.\n`,
      messageId: '<anna-2@mail.example.org>',
      inReplyTo: mail.messageId,
      references: ['<anna-1@mail.example.org>', mail.messageId as string],
    });
    const after = await messageIn(id, 'Спасибо, получилось.');
    assert.equal(after.at(-1)?.text, 'Спасибо, получилось.', 'the quoted tail is trimmed');
    assert.equal(await identityConversation(anna), id);
    const threaded = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_messages WHERE conversation_id = ${id} AND direction = 'in'`.execute(s.database.db);
    assert.equal(threaded.rows[0]?.n, 3, 'the letter, its file and the answer');
    // the raw letters (the sender's address and text a second time) are gone once their messages are stored
    const rawDir = join(s.deps.env.SVYAZ_DATA_DIR, 'files', 'email');
    await waitFor('the raw letters removed', () => !existsSync(rawDir) || readdirSync(rawDir).length === 0);
  });

  test('threads stay apart: a new letter after closing opens a new conversation; a reply to the old one reopens it; each gets its own replies', async () => {
    const boris = 'boris@example.org';
    await mailer.sendMail({ from: boris, to: ADDRESS, subject: 'Первый вопрос', text: 'Вопрос про справку.', messageId: '<boris-1@example.org>' });
    const first = await identityConversation(boris);
    await messageIn(first, 'Вопрос про справку.');
    await take(first);
    await reply(first, 'Ответ на первый вопрос.', 'b-1');
    const firstReply = await waitFor('the first reply', () => mailsTo(boris).find((m) => m.text?.includes('Ответ на первый вопрос.')));
    const close = await s.request({ method: 'POST', url: `/api/chat/conversations/${first}/close`, token: operator });
    assert.equal(close.status, 200, close.text);

    await mailer.sendMail({ from: boris, to: ADDRESS, subject: 'Второй вопрос', text: 'Совсем другой вопрос.', messageId: '<boris-2@example.org>' });
    const second = await waitFor('a new conversation', async () => {
      const c = await identityConversation(boris);
      return c !== first ? c : undefined;
    });
    await messageIn(second, 'Совсем другой вопрос.');

    // the client kept only In-Reply-To (our Message-ID): the reply token finds the old thread
    await mailer.sendMail({ from: boris, to: ADDRESS, subject: 'Re: Первый вопрос', text: 'Ещё уточнение к первому.', messageId: '<boris-3@example.org>', inReplyTo: firstReply.messageId });
    await messageIn(first, 'Ещё уточнение к первому.');
    const reopened = await conversation(first);
    assert.equal(reopened.state, 'waiting', 'reopened into the queue, not to the bot');
    assert.ok(!reopened.messages.some((m) => m.author === 'bot'));
    assert.equal(await identityConversation(boris), first, 'the identity follows the thread');

    // the other open conversation still gets its replies, threaded to its own letter
    await take(second);
    await reply(second, 'Ответ на второй вопрос.', 'b-2');
    const secondReply = await waitFor('the second reply', () => mailsTo(boris).find((m) => m.text?.includes('Ответ на второй вопрос.')));
    assert.equal(secondReply.inReplyTo, '<boris-2@example.org>');
    assert.match(secondReply.subject ?? '', /^Re: Второй вопрос \[#[\w-]{8}\]$/);
    assert.notEqual(/\[#([\w-]{8})\]/.exec(secondReply.subject ?? '')?.[1], /\[#([\w-]{8})\]/.exec(firstReply.subject ?? '')?.[1]);
    assert.equal(mailsTo(boris).filter((m) => /Разговор завершён|подключился/.test(m.text ?? '')).length, 0, 'no close or take notices by mail');

    // a letter that lost both headers but kept the subject's tag
    await mailer.sendMail({ from: boris, to: ADDRESS, subject: `Fwd: ${secondReply.subject}`, text: 'По второму вопросу: всё ясно.', messageId: '<boris-4@example.org>' });
    await messageIn(second, 'По второму вопросу: всё ясно.');
  });

  test('auto-replies, bounces and our own letters coming back store nothing', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_messages WHERE direction = 'in'`.execute(s.database.db);
    await mailer.sendMail({ envelope: { from: 'ivan.petrov@example.org', to: ADDRESS }, raw: fixture('email-auto-reply') });
    await mailer.sendMail({ envelope: { from: 'MAILER-DAEMON@mx.example.org', to: ADDRESS }, raw: fixture('email-bounce') });
    await mailer.sendMail({ envelope: { from: 'forwarder@example.org', to: ADDRESS }, raw: fixture('email-loop') });
    await mailer.sendMail({ from: 'robot@example.org', to: ADDRESS, subject: 'Рассылка', text: 'Новости недели', headers: { Precedence: 'bulk' } });
    await inboundSettled();
    const afterCount = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_messages WHERE direction = 'in'`.execute(s.database.db);
    assert.equal(afterCount.rows[0]?.n, before.rows[0]?.n);
    const identities = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_identities WHERE external_user_id IN ('ivan.petrov@example.org', 'mailer-daemon@mx.example.org', 'forwarder@example.org', 'robot@example.org')`.execute(s.database.db);
    assert.equal(identities.rows[0]?.n, 0, 'not even an identity');
  });

  test('the same letter delivered twice (same Message-ID) is stored once', async () => {
    const letter = { from: 'clara@example.org', to: ADDRESS, subject: 'Повтор', text: 'Письмо, которое сервер отправителя прислал дважды.', messageId: '<clara-1@example.org>', attachments: [{ filename: 'a.png', content: PNG }] };
    await mailer.sendMail(letter);
    await mailer.sendMail(letter);
    await inboundSettled();
    const id = await identityConversation('clara@example.org');
    const c = await conversation(id);
    assert.equal(c.messages.filter((m) => m.author === 'citizen').length, 2, 'the text and the file, once each');
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_messages WHERE conversation_id = ${id} AND direction = 'in'`.execute(s.database.db);
    assert.equal(rows.rows[0]?.n, 2);
  });

  test('a letter to another recipient is refused (550); an oversize letter is refused (552)', async () => {
    await assert.rejects(mailer.sendMail({ from: 'dan@example.org', to: 'director@svyaz.example.ru', subject: 'x', text: 'x' }), (e: { responseCode?: number }) => e.responseCode === 550);
    await assert.rejects(
      mailer.sendMail({ from: 'dan@example.org', to: ADDRESS, subject: 'Большое письмо', text: 'x', attachments: [{ filename: 'big.bin', content: Buffer.alloc(400 * 1024, 1) }] }),
      (e: { responseCode?: number }) => e.responseCode === 552,
    );
    await inboundSettled();
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_identities WHERE external_user_id = 'dan@example.org'`.execute(s.database.db);
    assert.equal(r.rows[0]?.n, 0);
  });

  test("a bounce of the desk's reply marks that delivery failed with the bounce's reason; the bounce is no message", async () => {
    const fay = 'fay@example.org';
    await mailer.sendMail({ from: fay, to: ADDRESS, subject: 'Справка', text: 'Пришлите, пожалуйста, справку.', messageId: '<fay-1@example.org>' });
    const id = await identityConversation(fay);
    await messageIn(id, 'Пришлите, пожалуйста, справку.');
    await take(id);
    const replyId = await reply(id, 'Справка будет готова завтра.', 'fy-1');
    const sent = await waitFor('the delivery recorded', async () => (await deliveries(id)).find((d) => d.messageId === replyId && d.status === 'sent'));
    assert.ok(sent.externalMessageId);
    // the receiving server's report about our letter: its returned headers carry our Message-ID
    const bounce = fixture('email-bounce').toString('latin1').replace(/<AbCd[^>]+>/, sent.externalMessageId);
    await mailer.sendMail({ envelope: { from: 'MAILER-DAEMON@mx.example.org', to: ADDRESS }, raw: bounce });
    const failed = await waitFor('the delivery marked failed by the bounce', async () => (await deliveries(id)).find((d) => d.messageId === replyId && d.status === 'failed'));
    assert.equal(failed.error, 'bounced: 550 5.1.1 User unknown');
    const c = await conversation(id);
    assert.equal(c.messages.filter((m) => m.author === 'citizen').length, 1, 'the bounce is not a message of the person');
  });

  test('a failed delivery (the SMTP server is down) is retried, then shown failed with its error', async () => {
    const eva = 'eva@example.org';
    await mailer.sendMail({ from: eva, to: ADDRESS, subject: 'Вопрос', text: 'Когда будет готово?', messageId: '<eva-1@example.org>' });
    const id = await identityConversation(eva);
    await messageIn(id, 'Когда будет готово?');
    await take(id);
    await outgoing.close();
    const replyId = await reply(id, 'Этот ответ не дойдёт.', 'ev-1');
    const failed = await waitFor('the delivery marked failed', async () => (await deliveries(id)).find((d) => d.messageId === replyId && d.status === 'failed'), 40_000);
    assert.equal(failed.attempts, DELIVERY_RETRY_LIMIT + 1);
    assert.match(failed.error ?? '', /ECONNREFUSED|connect/i);
    assert.doesNotMatch(failed.error ?? '', /eva@example\.org/);
    assert.equal(failed.externalMessageId, null);
    assert.equal((await s.request({ method: 'GET', url: `/api/channels/conversations/${id}/deliveries` })).status, 401, 'staff only');
  });
});
