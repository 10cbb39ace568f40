import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { startSmtpServer, type TestSmtp } from '../../../tests/support/test-smtp.ts';
import { loadEnv } from '../../env.ts';
import { createFileStore } from '../../platform/files/file-store.ts';
import type { InboundMessage, ParsedInbound } from './channel-adapter.ts';
import { createEmailAdapter, deskMessageId, emailChannel, replySubject, tokenOfMessageId } from './email-adapter.ts';
import { baseSubject, externalIdOf, stripQuotedTail, subjectTagOf } from './parse-email.ts';

const ADDRESS = 'support@svyaz.example.ru';
const TOKEN = 'AbCd1234efGH5678ijKL90';
const OURS = `<${TOKEN}.3f6d2b1e-8c4a-4e7b-9d2f-1a2b3c4d5e6f@svyaz.example.ru>`;
const eml = (name: string) => readFileSync(new URL(`./fixtures/${name}.eml`, import.meta.url));

const files = createFileStore(mkdtempSync(join(tmpdir(), 'svyaz-email-test-')));
const adapter = createEmailAdapter({ address: ADDRESS, listenHost: '127.0.0.1', listenPort: 0, smtpUrl: 'smtp://127.0.0.1:9', maxMessageBytes: 64 * 1024, files });

async function parse(raw: Buffer | string): Promise<{ parsed: ParsedInbound; rawKey: string }> {
  const rawKey = await files.put('email', Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
  return { parsed: await adapter.parseInbound({ rawKey }), rawKey };
}
async function messagesOf(raw: Buffer | string): Promise<InboundMessage[]> {
  const { parsed } = await parse(raw);
  assert.equal(parsed.kind, 'messages', JSON.stringify(parsed));
  return parsed.kind === 'messages' ? parsed.messages : [];
}
async function ignoredReason(raw: Buffer | string): Promise<string> {
  const { parsed } = await parse(raw);
  assert.equal(parsed.kind, 'ignored', JSON.stringify(parsed));
  return parsed.kind === 'ignored' ? parsed.reason : '';
}
const withHeader = (name: string, header: string) => Buffer.from(`${header}\r\n${eml(name).toString('latin1')}`, 'latin1');

describe('parsing letters', () => {
  test('a plain letter: the sender (lower-cased) is the person and the chat, the subject heads the text', async () => {
    const [m, ...rest] = await messagesOf(eml('email-plain'));
    assert.equal(rest.length, 0);
    assert.deepEqual(m, {
      externalMessageId: '<CAB2x7q0vQ3mJ+8kP1a9@mail.example.org>',
      externalUserId: 'ivan.petrov@example.org',
      chatId: 'ivan.petrov@example.org',
      displayName: 'Иван Петров',
      threadRefs: [],
      subject: 'Справка о доходах',
      text: 'Тема: Справка о доходах\n\nЗдравствуйте!\n\nПодскажите, пожалуйста, как получить справку о доходах для налогового вычета?\nЗаявление подавал через портал две недели назад.\n\nС уважением,\nИван Петров',
    });
  });

  test('an HTML-only letter is read as plain text', async () => {
    const [m] = await messagesOf(eml('email-html-only'));
    assert.match(m?.text ?? '', /^Тема: Не входит\n\nДобрый день!/);
    assert.match(m?.text ?? '', /Не могу войти в личный кабинет: после ввода кода страница зависает\./);
    assert.doesNotMatch(m?.text ?? '', /<[a-z]/i);
    assert.equal(m?.displayName, 'Мария Сидорова');
  });

  test('each attached file is its own message; an image embedded in the HTML (a logo) is not', async () => {
    const { parsed, rawKey } = await parse(eml('email-attachment'));
    const messages = parsed.kind === 'messages' ? parsed.messages : [];
    assert.equal(messages.length, 2);
    assert.equal(messages[0]?.text, 'Тема: Scan of the application\n\nПрикладываю скан заявления.');
    assert.equal(messages[1]?.externalMessageId, '<5f1c2e9a-attach-01@example.net>#1');
    assert.equal(messages[1]?.text, '');
    assert.deepEqual(messages[1]?.attachment, { fileId: `${rawKey}#0`, filename: 'scan.pdf', size: messages[1]?.attachment?.size });
    const data = await adapter.download?.(messages[1]?.attachment?.fileId ?? '');
    assert.equal(data?.subarray(0, 5).toString(), '%PDF-');
    await assert.rejects(adapter.download?.(`${rawKey}#7`) ?? Promise.resolve(), /no such file/);
  });

  test('Cyrillic in RFC 2047 (windows-1251, koi8-r) and RFC 2231 names, a windows-1251 body', async () => {
    const { parsed, rawKey } = await parse(eml('email-cyrillic'));
    const messages = parsed.kind === 'messages' ? parsed.messages : [];
    assert.equal(messages[0]?.subject, 'Оплата госпошлины: квитанция');
    assert.equal(messages[0]?.displayName, 'Ольга Кузнецова');
    assert.match(messages[0]?.text ?? '', /Отправляю справку и фото квитанции\. Прошу проверить оплату госпошлины\./);
    assert.deepEqual(
      messages.slice(1).map((m) => m.attachment?.filename),
      ['Справка №5.pdf', 'Квитанция.png'],
    );
    // a second adapter has no parse cached: download parses the stored letter again
    const other = createEmailAdapter({ address: ADDRESS, listenHost: '127.0.0.1', listenPort: 0, smtpUrl: 'smtp://127.0.0.1:9', maxMessageBytes: 64 * 1024, files });
    const png = await other.download?.(`${rawKey}#1`);
    assert.equal(png?.subarray(1, 4).toString(), 'PNG');
  });

  test('a reply: its references, the quoted tail trimmed, no subject line, the tag kept in the subject', async () => {
    const [m] = await messagesOf(eml('email-reply'));
    assert.deepEqual(m?.threadRefs, [OURS, '<CAB2x7q0vQ3mJ+8kP1a9@mail.example.org>']);
    assert.equal(m?.text, 'Спасибо, справку получил. А можно её заверить электронной подписью?');
    assert.equal(m?.subject, 'Re: Справка о доходах [#AbCd1234]');
    assert.equal(subjectTagOf(m?.subject), 'AbCd1234');
    assert.equal(tokenOfMessageId(OURS), TOKEN);
    assert.equal(tokenOfMessageId('<CAB2x7q0vQ3mJ+8kP1a9@mail.example.org>'), undefined);
  });

  test('auto-replies, bounces and our own letters are ignored with a reason, and not kept', async () => {
    assert.match(await ignoredReason(eml('email-auto-reply')), /Auto-Submitted: auto-replied/);
    assert.match(await ignoredReason(eml('email-loop')), /loop header/);
    // a bounce of one of our letters names it, for its delivery to be marked failed
    const { parsed, rawKey } = await parse(eml('email-bounce'));
    assert.deepEqual(parsed, { kind: 'bounced', externalMessageIds: ['<AbCd1234efGH5678ijKL90.3f6d2b1e-8c4a-4e7b-9d2f-1a2b3c4d5e6f@svyaz.example.ru>'], reason: 'bounced: 550 5.1.1 User unknown' });
    await assert.rejects(files.get(rawKey), /ENOENT/, 'a bounce is removed from the store');
    // a report that only delays, or one about a letter that is not ours, is no bounce of ours
    const delayed = eml('email-bounce').toString('latin1').replace('Action: failed', 'Action: delayed');
    assert.match(await ignoredReason(delayed), /report \(delivery-status\)/);
    const foreign = eml('email-bounce').toString('latin1').replace('@svyaz.example.ru>', '@elsewhere.example>');
    assert.match(await ignoredReason(foreign), /report \(delivery-status\)/);
  });

  test('a plain-text bounce (qmail) of our letter names it; a delay warning or a stranger’s bounce is ignored', async () => {
    const { parsed } = await parse(eml('email-bounce-plain'));
    assert.deepEqual(parsed, { kind: 'bounced', externalMessageIds: ['<Qw3Er5Ty.9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d@svyaz.example.ru>'], reason: 'bounced: 550 5.2.1 Mailbox disabled for this recipient' });
    const text = eml('email-bounce-plain').toString('latin1');
    assert.match(await ignoredReason(text.replace('Subject: failure notice', 'Subject: Delivery delayed: will retry')), /bounce/);
    assert.match(await ignoredReason(text.replace('-5e6f7a8b9c0d@svyaz.example.ru>', '-5e6f7a8b9c0d@elsewhere.example>')), /bounce/);
    // a person's letter that merely mentions a failure is a person's letter
    const person = text.replace('From: MAILER-DAEMON@mail.example.net', 'From: olga.s@example.net').replace('Return-Path: <>', 'Return-Path: <olga.s@example.net>');
    assert.notEqual((await parse(person)).parsed.kind, 'bounced');
  });

  test('every automatic-mail signal is recognised; Auto-Submitted: no is a person', async () => {
    assert.match(await ignoredReason(withHeader('email-plain', 'Precedence: bulk')), /Precedence: bulk/);
    assert.match(await ignoredReason(withHeader('email-plain', 'Precedence: auto_reply')), /Precedence: auto_reply/);
    assert.match(await ignoredReason(withHeader('email-plain', 'X-Autorespond: 1')), /auto-reply/);
    assert.match(await ignoredReason(withHeader('email-plain', 'Auto-Submitted: auto-generated')), /auto-generated/);
    assert.equal((await messagesOf(withHeader('email-plain', 'Auto-Submitted: no'))).length, 1);
    const plain = eml('email-plain').toString('latin1');
    assert.match(await ignoredReason(plain.replace('Return-Path: <Ivan.Petrov@Example.org>', 'Return-Path: <>')), /empty return path/);
    assert.match(await ignoredReason(plain.replace(/^From: .*$/m, 'From: Mail Delivery Subsystem <postmaster@example.org>')), /postmaster/);
    assert.match(await ignoredReason(plain.replace(/^From: .*$/m, `From: Svyaz <${ADDRESS.toUpperCase()}>`)), /desk's own address/);
    assert.match(await ignoredReason(plain.replace(/^Return-Path: .*$/m, `X-Svyaz-Loop: ${ADDRESS}`)), /loop header/);
  });

  test('malformed letters and payloads are ignored, never an error', async () => {
    assert.match(await ignoredReason('this is not a letter at all'), /no sender address/);
    assert.match(await ignoredReason(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10])), /malformed/);
    assert.match(await ignoredReason('From: <>\r\nSubject: x\r\n\r\nbody'), /no sender address/);
    assert.match(await ignoredReason('From: a@example.org\r\nSubject: \r\n\r\n'), /without text or files/);
    assert.deepEqual(await adapter.parseInbound({ rawKey: 'email/00000000-0000-0000-0000-000000000000' }), { kind: 'ignored', reason: 'the stored letter is missing' });
    assert.deepEqual(await adapter.parseInbound({ mail: 'x' }), { kind: 'ignored', reason: 'not a stored letter' });
    assert.deepEqual(await adapter.parseInbound(null), { kind: 'ignored', reason: 'not a stored letter' });
  });

  test('a letter without a Message-ID is keyed by its bytes; a long Message-ID by its hash', async () => {
    const noId = eml('email-plain').toString('latin1').replace(/^Message-ID: .*\n/m, '');
    const [a] = await messagesOf(noId);
    const [b] = await messagesOf(noId);
    assert.match(a?.externalMessageId ?? '', /^sha256:[\w-]{43}$/);
    assert.equal(a?.externalMessageId, b?.externalMessageId);
    const long = `<${'x'.repeat(120)}@example.org>`;
    const [c] = await messagesOf(eml('email-plain').toString('latin1').replace(/^Message-ID: .*$/m, `Message-ID: ${long}`));
    assert.equal(c?.externalMessageId, externalIdOf(long));
    assert.ok((c?.externalMessageId.length ?? 0) <= 90);
  });
});

describe('quotes and subjects', () => {
  test('quoted tails of the common clients are trimmed; a person\'s own «я написал:» is not', () => {
    assert.equal(stripQuotedTail('Ответ.\n\n-----Original Message-----\nFrom: x\n> old'), 'Ответ.');
    assert.equal(stripQuotedTail('Ответ.\n\nFrom: Svyaz <support@svyaz.example.ru>\nSent: Monday, December 1, 2026 10:00\nTo: me\n\nold'), 'Ответ.');
    assert.equal(stripQuotedTail('Ответ.\n\nОт: Svyaz\nОтправлено: 1 декабря 2026 г. 10:00\n\nold'), 'Ответ.');
    assert.equal(stripQuotedTail('Yes.\n\nOn Mon, Dec 1, 2026 at 10:00 AM Svyaz <\nsupport@svyaz.example.ru> wrote:\n> old'), 'Yes.');
    assert.equal(stripQuotedTail('Да.\n\n01.12.2026 10:00, Svyaz пишет:\n> old'), 'Да.');
    assert.equal(stripQuotedTail('Да.\n-- \nИван\n+7 916 000-00-00'), 'Да.');
    assert.equal(stripQuotedTail('В заявлении я написал:\nпрошу выдать справку.'), 'В заявлении я написал:\nпрошу выдать справку.');
    assert.equal(stripQuotedTail('> only a quote\n> here'), '> only a quote\n> here', 'nothing left: kept whole');
  });

  test('subjects: prefixes and tags stripped; replies answer «Re: <subject> [#tag]»', () => {
    assert.equal(baseSubject('RE: Fwd: Re[2]: Справка [#AbCd1234]'), 'Справка');
    assert.equal(baseSubject('Ответ: Отв: вопрос'), 'вопрос');
    assert.equal(replySubject('Справка о доходах', TOKEN), 'Re: Справка о доходах [#AbCd1234]');
    assert.equal(replySubject('', TOKEN), 'Ответ на ваше обращение [#AbCd1234]');
    assert.equal(replySubject('Справка', undefined), 'Re: Справка');
    assert.equal(deskMessageId({ token: TOKEN, messageId: '3f6d2b1e-8c4a-4e7b-9d2f-1a2b3c4d5e6f', domain: 'svyaz.example.ru' }), OURS);
  });
});

describe('sending', () => {
  let smtp: TestSmtp;
  before(async () => {
    smtp = await startSmtpServer();
  });
  after(async () => {
    await smtp.close();
  });

  test('a reply goes from the support address, threaded, with our Message-ID, the loop header and the file', async () => {
    const sender = createEmailAdapter({ address: ADDRESS, listenHost: '127.0.0.1', listenPort: 0, smtpUrl: smtp.url, maxMessageBytes: 1024 * 1024, files });
    const png = eml('email-cyrillic'); // any bytes will do as a file here
    const sent = await sender.send({
      chatId: 'ivan.petrov@example.org',
      text: 'Здравствуйте! Справку можно заказать в разделе «Документы».',
      buttons: [{ label: 'Помогло', payload: 'helpful' }],
      messageId: '3f6d2b1e-8c4a-4e7b-9d2f-1a2b3c4d5e6f',
      file: { data: png, filename: 'Образец заявления.pdf', mime: 'application/pdf' },
      thread: { inReplyTo: '<CAB2x7q0vQ3mJ+8kP1a9@mail.example.org>', references: ['<CAB2x7q0vQ3mJ+8kP1a9@mail.example.org>'], subject: 'Справка о доходах', token: TOKEN },
    });
    await sender.stopReceiving?.();
    assert.equal(sent.externalMessageId, OURS);
    const mail = smtp.mails.at(-1);
    assert.equal(mail?.messageId, OURS);
    assert.equal(mail?.from?.value[0]?.address, ADDRESS);
    assert.equal((Array.isArray(mail?.to) ? mail?.to[0] : mail?.to)?.value[0]?.address, 'ivan.petrov@example.org');
    assert.equal(mail?.subject, 'Re: Справка о доходах [#AbCd1234]');
    assert.equal(mail?.inReplyTo, '<CAB2x7q0vQ3mJ+8kP1a9@mail.example.org>');
    assert.equal(mail?.references, '<CAB2x7q0vQ3mJ+8kP1a9@mail.example.org>');
    assert.equal(mail?.headers.get('x-svyaz-loop'), ADDRESS);
    assert.equal(mail?.text?.trim(), 'Здравствуйте! Справку можно заказать в разделе «Документы».', 'no buttons in a letter');
    assert.equal(mail?.attachments[0]?.filename, 'Образец заявления.pdf');
    assert.ok(mail?.attachments[0]?.content.equals(png));
  });

  test('a refused recipient is an error without the address in it', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _s, cb) => cb(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    const port = (refusing.server.address() as AddressInfo).port;
    const sender = createEmailAdapter({ address: ADDRESS, listenHost: '127.0.0.1', listenPort: 0, smtpUrl: `smtp://127.0.0.1:${port}`, maxMessageBytes: 1024 * 1024, files });
    const err = await sender.send({ chatId: 'ivan.petrov@example.org', text: 'x', buttons: [], messageId: '3f6d2b1e-8c4a-4e7b-9d2f-1a2b3c4d5e6f' }).then(
      () => undefined,
      (e: Error & { responseCode?: number }) => e,
    );
    await sender.stopReceiving?.();
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
    assert.ok(err, 'the send failed');
    assert.equal(err.responseCode, 550);
    assert.match(err.message, /Recipient address rejected/);
    assert.doesNotMatch(err.message, /ivan\.petrov/);
  });
});

describe('the listener', () => {
  const received: Array<{ rawKey: string }> = [];
  const listening = createEmailAdapter({ address: ADDRESS, listenHost: '127.0.0.1', listenPort: 0, smtpUrl: 'smtp://127.0.0.1:9', maxMessageBytes: 64 * 1024, files });
  let transport: ReturnType<typeof nodemailer.createTransport>;
  before(async () => {
    await listening.startReceiving?.(async (p) => {
      received.push(p as { rawKey: string });
    });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: listening.listeningPort(), secure: false, ignoreTLS: true });
  });
  after(async () => {
    transport.close();
    await listening.stopReceiving?.();
  });

  test('a letter to the support address is stored with its envelope sender and queued by its key', async () => {
    await transport.sendMail({ envelope: { from: 'bounces@example.org', to: ADDRESS }, from: 'Иван <ivan@example.org>', to: ADDRESS, subject: 'Вопрос', text: 'Здравствуйте' });
    const payload = received.at(-1);
    assert.deepEqual(Object.keys(payload ?? {}), ['rawKey']);
    const raw = await files.get(payload?.rawKey ?? '');
    assert.match(raw.toString(), /^Return-Path: <bounces@example\.org>\r\n/);
    const parsed = await listening.parseInbound(payload);
    assert.equal(parsed.kind === 'messages' ? parsed.messages[0]?.externalUserId : '', 'ivan@example.org');
  });

  test('another recipient is refused with 550, a letter over the limit with 552', async () => {
    const before = received.length;
    await assert.rejects(transport.sendMail({ from: 'ivan@example.org', to: 'someone-else@svyaz.example.ru', subject: 'x', text: 'x' }), (e: { responseCode?: number }) => e.responseCode === 550);
    await assert.rejects(transport.sendMail({ from: 'ivan@example.org', to: ADDRESS, subject: 'big', text: 'я'.repeat(100 * 1024) }), (e: { responseCode?: number }) => e.responseCode === 552);
    assert.equal(received.length, before, 'nothing queued');
  });

  test('a port in use is an error at start', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    const port = (busy.address() as AddressInfo).port;
    const second = createEmailAdapter({ address: ADDRESS, listenHost: '127.0.0.1', listenPort: port, smtpUrl: 'smtp://127.0.0.1:9', maxMessageBytes: 64 * 1024, files });
    await assert.rejects(second.startReceiving?.(async () => undefined) ?? Promise.resolve(), /EADDRINUSE/);
    await new Promise<void>((resolve) => busy.close(() => resolve()));
  });
});

describe('the channel kind', () => {
  test('on from the environment with the address and the listen port; replies default to SMTP_URL; the URL is secret', () => {
    const env = loadEnv({ EMAIL_CHANNEL_ADDRESS: 'Support@Svyaz.Example.ru', EMAIL_SMTP_LISTEN_PORT: '2525', SMTP_URL: 'smtp://user:pass@127.0.0.1:25' });
    const credentials = emailChannel.credentials.parse(emailChannel.fromEnv(env));
    assert.deepEqual(credentials, { address: ADDRESS, listenHost: '127.0.0.1', listenPort: 2525, smtpUrl: 'smtp://user:pass@127.0.0.1:25', maxMessageBytes: 25 * 1024 * 1024 });
    assert.deepEqual(emailChannel.secretFields, ['smtpUrl']);
    assert.equal(emailChannel.fromEnv(loadEnv({ EMAIL_CHANNEL_ADDRESS: ADDRESS, SMTP_URL: 'smtp://127.0.0.1:25' })), undefined, 'no listen port: off');
    assert.equal(emailChannel.fromEnv(loadEnv({ EMAIL_SMTP_LISTEN_PORT: '2525' })), undefined, 'no address: off');
    assert.throws(() => loadEnv({ EMAIL_CHANNEL_ADDRESS: ADDRESS, EMAIL_SMTP_LISTEN_PORT: '2525' }), /EMAIL_SMTP_URL/);
    assert.throws(() => loadEnv({ EMAIL_CHANNEL_ADDRESS: 'not-an-address', EMAIL_SMTP_LISTEN_PORT: '2525', SMTP_URL: 'smtp://127.0.0.1:25' }), /EMAIL_CHANNEL_ADDRESS/);
  });

  test('the account is the address', async () => {
    const a = emailChannel.create(emailChannel.credentials.parse({ address: ADDRESS, listenPort: 0, smtpUrl: 'smtp://127.0.0.1:25' }), { log: undefined as never, publicUrl: 'http://x', files });
    assert.deepEqual(await a.describeAccount(), { externalId: ADDRESS, name: ADDRESS });
    assert.equal(a.kind, 'email');
    assert.equal(a.sendsFiles, true);
    assert.equal(a.verifyWebhook({ headers: {}, body: {} }), false);
  });
});
