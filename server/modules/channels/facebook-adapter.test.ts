import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startFakeGraphApi, type FakeGraphApi } from '../../../tests/fakes/facebook-graph-api.ts';
import { createFacebookAdapter, facebookChannel, parseMessengerEvent, verifyMessengerSignature } from './facebook-adapter.ts';
import { messengerQuickReplies, messengerUploadKind, splitMessengerText } from './facebook-send-api.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const PSID = '7012345678901234';
const APP_SECRET = 'app-secret-0123456789abcdef';
const person = { externalUserId: PSID, chatId: PSID, displayName: `Facebook ${PSID}`, nameUnknown: true };

/** The body as Facebook sends it: compact, with every non-ASCII character escaped as \uXXXX (lowercase hex). */
function asFacebookSends(payload: unknown): Buffer {
  return Buffer.from(JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
const sign = (raw: Buffer, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

test('a text message becomes one inbound message keyed by its mid', () => {
  assert.deepEqual(parseMessengerEvent(fixture('facebook-text')), {
    kind: 'messages',
    messages: [{ externalMessageId: 'm:m_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789text', ...person, text: 'Как получить справку о доходах?' }],
  });
});

test('a quick reply press carries the tapped title as text and its payload', () => {
  const parsed = parseMessengerEvent(fixture('facebook-quick-reply'));
  assert.deepEqual(parsed, { kind: 'messages', messages: [{ externalMessageId: 'm:m_QuickReply0123456789AbCdEfGhIjKlMnOp', ...person, text: 'Позвать оператора', payload: 'operator' }] });
});

test('a postback carries the button title as text and its payload, keyed apart from messages', () => {
  const parsed = parseMessengerEvent(fixture('facebook-postback'));
  assert.deepEqual(parsed, { kind: 'messages', messages: [{ externalMessageId: 'pb:m_Postback0123456789AbCdEfGhIjKlMnOpQr', ...person, text: 'Позвать оператора', payload: 'operator' }] });
});

test('an image carries its URL as the file id and the URL’s file name', () => {
  const [m] = (parseMessengerEvent(fixture('facebook-image')) as { messages: Array<Record<string, unknown>> }).messages;
  assert.equal(m?.text, '');
  assert.equal(m?.externalMessageId, 'm:m_Image0123456789AbCdEfGhIjKlMnOpQrStUv');
  const attachment = m?.attachment as { fileId: string; filename: string };
  assert.match(attachment.fileId, /^https:\/\/scontent\.xx\.fbcdn\.net\/.+_n\.png\?_nc_cat=1/);
  assert.equal(attachment.filename, '470123456_1234567890123456_7890123456789012345_n.png');
});

test('a file keeps the document’s own name from its URL', () => {
  const [m] = (parseMessengerEvent(fixture('facebook-file')) as { messages: Array<Record<string, unknown>> }).messages;
  assert.equal((m?.attachment as { filename: string }).filename, 'Заявление.pdf');
});

test('echoes, receipts, reactions, stickers and other kinds are ignored with a reason', () => {
  const cases: Array<[unknown, RegExp]> = [
    [fixture('facebook-echo'), /echo/],
    [fixture('facebook-delivery'), /not handled: delivery/],
    [fixture('facebook-read'), /not handled: read/],
    [{ object: 'page', entry: [{ id: '1', time: 1, messaging: [{ sender: { id: PSID }, recipient: { id: '1' }, timestamp: 1, reaction: { reaction: 'love', emoji: '❤', action: 'react', mid: 'm_1' } }] }] }, /not handled: reaction/],
    [{ object: 'page', entry: [{ id: '1', time: 1, messaging: [{ sender: { id: PSID }, recipient: { id: '1' }, timestamp: 1, message: { mid: 'm_s', attachments: [{ type: 'image', payload: { url: 'https://x/s.png', sticker_id: 369239263222822 } }] } }] }] }, /attachments not handled: sticker/],
    [{ object: 'page', entry: [{ id: '1', time: 1, messaging: [{ sender: { id: PSID }, recipient: { id: '1' }, timestamp: 1, message: { mid: 'm_v', attachments: [{ type: 'video', payload: { url: 'https://x/v.mp4' } }, { type: 'location', payload: {} }] } }] }] }, /video, location/],
    [{ object: 'page', entry: [{ id: '1', time: 1, standby: [{ sender: { id: PSID }, message: { mid: 'm_x', text: 'x' } }] }] }, /standby/],
    [{ object: 'instagram', entry: [] }, /not a Messenger Platform page event/],
    [{ object: 'page', entry: [] }, /empty batch/],
    [{ object: 'page', entry: [{ id: '1', time: 1, messaging: [{ recipient: { id: '1' }, timestamp: 1, message: { mid: 'm_y', text: 'x' } }] }] }, /without a sender/],
  ];
  for (const [payload, reason] of cases) {
    const parsed = parseMessengerEvent(payload);
    assert.equal(parsed.kind, 'ignored', JSON.stringify(payload));
    assert.match(parsed.kind === 'ignored' ? parsed.reason : '', reason);
  }
  for (const junk of [null, 'text', [], 42, { object: 'page' }, { object: 'page', entry: 'x' }, { object: 'page', entry: [null, 5] }]) assert.equal(parseMessengerEvent(junk).kind, 'ignored');
});

test('a batch with several events becomes several messages, in order; ignored events in it are skipped', () => {
  const parsed = parseMessengerEvent(fixture('facebook-batch'));
  assert.deepEqual(parsed, {
    kind: 'messages',
    messages: [
      { externalMessageId: 'm:m_Batch1_0123456789AbCdEfGhIjKlMnOpQrSt', ...person, text: 'Добрый день' },
      { externalMessageId: 'pb:m_Batch2_0123456789AbCdEfGhIjKlMnOpQrSt', externalUserId: '7098765432109876', chatId: '7098765432109876', displayName: 'Facebook 7098765432109876', nameUnknown: true, text: 'Начать', payload: 'GET_STARTED' },
    ],
  });
  const mixed = fixture('facebook-batch') as { entry: Array<{ messaging: unknown[] }> };
  mixed.entry[0]?.messaging.push(...(fixture('facebook-read') as typeof mixed).entry[0]!.messaging);
  assert.equal(parseMessengerEvent(mixed).kind === 'messages' && (parseMessengerEvent(mixed) as { messages: unknown[] }).messages.length, 2);
});

test('entries of another Page are skipped once the Page is known', () => {
  const payload = fixture('facebook-batch') as { entry: Array<{ id: string }> };
  payload.entry[1]!.id = '999999999999999';
  const parsed = parseMessengerEvent(payload, '106123456789012');
  assert.deepEqual(parsed.kind === 'messages' ? parsed.messages.map((m) => m.externalMessageId) : [], ['m:m_Batch1_0123456789AbCdEfGhIjKlMnOpQrSt']);
  payload.entry[0]!.id = '999999999999999';
  assert.deepEqual(parseMessengerEvent(payload, '106123456789012'), { kind: 'ignored', reason: 'an entry for another Page' });
  assert.equal(parseMessengerEvent(payload).kind, 'messages', 'without a known Page every entry counts');
});

test('a message with text and two files becomes one message per file, the text on the first', () => {
  const parsed = parseMessengerEvent({
    object: 'page',
    entry: [{ id: '1', time: 1, messaging: [{ sender: { id: PSID }, recipient: { id: '1' }, timestamp: 1, message: { mid: 'm_two', text: ' Документы ', attachments: [{ type: 'image', payload: { url: 'https://x/a.jpg' } }, { type: 'audio', payload: { url: 'https://x/v.mp4' } }, { type: 'file', payload: { url: 'https://x/download' } }] } }] }],
  });
  assert.deepEqual(parsed.kind === 'messages' ? parsed.messages.map((m) => [m.externalMessageId, m.text, m.attachment?.filename]) : [], [
    ['m:m_two', 'Документы', 'a.jpg'],
    ['m:m_two:2', '', 'file-3'],
  ]);
});

describe('the X-Hub-Signature-256 check', () => {
  const raw = asFacebookSends(fixture('facebook-text'));
  const adapter = createFacebookAdapter({ pageAccessToken: 'EAAG-token-123', appSecret: APP_SECRET, verifyToken: 'verify-token-1', graphApiUrl: 'http://127.0.0.1:9/v21.0' });
  const check = (headers: Record<string, string>, rawBody: Buffer | undefined) => adapter.verifyWebhook({ headers, body: JSON.parse(raw.toString()), rawBody });

  test('a good signature over the exact (escaped) bytes passes; upper-case hex too', () => {
    assert.ok(raw.includes('\\u041a'), 'the body is escaped as Facebook sends it');
    assert.equal(check({ 'x-hub-signature-256': sign(raw) }, raw), true);
    assert.equal(check({ 'x-hub-signature-256': sign(raw).toUpperCase().replace('SHA256=', 'sha256=') }, raw), true);
  });
  test('a wrong secret, a missing header, a missing raw body, a malformed header are refused', () => {
    assert.equal(check({ 'x-hub-signature-256': sign(raw, 'another-secret') }, raw), false);
    assert.equal(check({}, raw), false);
    assert.equal(check({ 'x-hub-signature-256': sign(raw) }, undefined), false);
    for (const bad of ['sha256=', 'sha1=' + 'a'.repeat(40), sign(raw).slice(0, -2), `${sign(raw)}00`, 'sha256=zz' + 'a'.repeat(62)]) assert.equal(check({ 'x-hub-signature-256': bad }, raw), false, bad);
  });
  test('a tampered body fails, and so does the same content re-serialized (not the bytes Facebook signed)', () => {
    const tampered = Buffer.from(raw.toString().replace('m_AbCd', 'm_XbCd'));
    assert.equal(check({ 'x-hub-signature-256': sign(raw) }, tampered), false);
    const reserialized = Buffer.from(JSON.stringify(fixture('facebook-text')));
    assert.equal(check({ 'x-hub-signature-256': sign(raw) }, reserialized), false);
  });
  test('no app secret: nothing verifies', () => {
    assert.equal(verifyMessengerSignature(sign(raw, ''), raw, ''), false);
  });
  test('the subscription handshake answers the challenge only to the right verify token', () => {
    assert.equal(adapter.answerSubscription?.({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token-1', 'hub.challenge': '1158201444' }), '1158201444');
    assert.equal(adapter.answerSubscription?.({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token-2', 'hub.challenge': '1158201444' }), undefined);
    assert.equal(adapter.answerSubscription?.({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'verify-token-1', 'hub.challenge': '1' }), undefined);
    assert.equal(adapter.answerSubscription?.({ 'hub.verify_token': 'verify-token-1', 'hub.challenge': '1' }), undefined);
    assert.equal(adapter.answerSubscription?.({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token-1', 'hub.challenge': '<script>' }), undefined);
  });
});

test('quick replies: at most 13, titles of at most 20 characters, payloads of at most 1000', () => {
  assert.equal(messengerQuickReplies([]), undefined);
  assert.deepEqual(messengerQuickReplies([{ label: 'Позвать оператора', payload: 'operator' }]), [{ content_type: 'text', title: 'Позвать оператора', payload: 'operator' }]);
  const many = Array.from({ length: 15 }, (_, i) => ({ label: `Вариант ${i + 1}`, payload: `p${i + 1}` }));
  const q = messengerQuickReplies(many) ?? [];
  assert.equal(q.length, 13);
  assert.equal(q.at(-1)?.payload, 'p13');
  const [long] = messengerQuickReplies([{ label: 'Как получить справку о доходах физического лица', payload: 'article:kak-poluchit-spravku' }]) ?? [];
  assert.equal(Array.from(long?.title ?? '').length, 20);
  assert.equal(long?.title, 'Как получить справк…');
  assert.equal(long?.payload, 'article:kak-poluchit-spravku');
  const [emoji] = messengerQuickReplies([{ label: '👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍', payload: 'x' }]) ?? [];
  assert.equal(Array.from(emoji?.title ?? '').length, 20, 'counted in characters, never splitting one');
  const [huge] = messengerQuickReplies([{ label: 'Статья', payload: `article:${'a'.repeat(1000)}` }]) ?? [];
  assert.ok(huge && huge.payload.startsWith('~') && huge.payload.length <= 1000, 'a payload over 1000 becomes label-only');
  const exact = `p${'a'.repeat(999)}`;
  assert.equal(messengerQuickReplies([{ label: 'Ровно', payload: exact }])?.[0]?.payload, exact, 'exactly 1000 is kept');
  // the label-only press comes back as its title, without a payload
  const pressed = parseMessengerEvent({ object: 'page', entry: [{ id: '1', time: 1, messaging: [{ sender: { id: PSID }, recipient: { id: '1' }, timestamp: 1, message: { mid: 'm_lo', text: 'Статья', quick_reply: { payload: huge?.payload } } }] }] });
  assert.deepEqual(pressed.kind === 'messages' ? [pressed.messages[0]?.text, pressed.messages[0]?.payload] : [], ['Статья', undefined]);
});

test('long text is sent in pieces of at most 2000 characters, cut at spaces', () => {
  assert.deepEqual(splitMessengerText('  '), []);
  assert.deepEqual(splitMessengerText('коротко'), ['коротко']);
  const words = Array.from({ length: 700 }, (_, i) => `слово${i}`).join(' ');
  const parts = splitMessengerText(words);
  assert.ok(parts.length >= 3 && parts.every((p) => p.length <= 2000 && p === p.trim()));
  assert.equal(parts.join(' '), words);
  const solid = 'я'.repeat(4500);
  assert.deepEqual(splitMessengerText(solid).map((p) => p.length), [2000, 2000, 500]);
  assert.ok(splitMessengerText('😀'.repeat(1500)).every((p) => !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p)), 'never splits a surrogate pair');
});

test('JPEG, PNG and GIF go as images, anything else as a file', () => {
  assert.equal(messengerUploadKind('image/png'), 'image');
  assert.equal(messengerUploadKind('image/jpeg'), 'image');
  assert.equal(messengerUploadKind('application/pdf'), 'file');
  assert.equal(messengerUploadKind('image/webp'), 'file');
});

test('the channel kind: credentials, secret fields, and on only when all three variables are set', () => {
  assert.equal(facebookChannel.kind, 'facebook');
  assert.deepEqual([...facebookChannel.secretFields], ['pageAccessToken', 'appSecret', 'verifyToken']);
  const env = { FACEBOOK_PAGE_ACCESS_TOKEN: 'EAAG-token-123', FACEBOOK_APP_SECRET: APP_SECRET, FACEBOOK_VERIFY_TOKEN: 'verify-token-1', FACEBOOK_GRAPH_API_URL: 'https://graph.facebook.com/v21.0' };
  assert.deepEqual(facebookChannel.fromEnv(env as never), { pageAccessToken: 'EAAG-token-123', appSecret: APP_SECRET, verifyToken: 'verify-token-1', graphApiUrl: 'https://graph.facebook.com/v21.0' });
  assert.equal(facebookChannel.fromEnv({ ...env, FACEBOOK_VERIFY_TOKEN: undefined } as never), undefined);
  assert.equal(facebookChannel.fromEnv({ ...env, FACEBOOK_APP_SECRET: undefined } as never), undefined);
  const parsed = facebookChannel.credentials.parse({ pageAccessToken: 'EAAG-token-123', appSecret: APP_SECRET, verifyToken: 'verify-token-1' });
  assert.equal(parsed.graphApiUrl, 'https://graph.facebook.com/v21.0');
  assert.equal(facebookChannel.credentials.safeParse({ pageAccessToken: 'short', appSecret: APP_SECRET, verifyToken: 'v' }).success, false);
});

describe('the Send API and downloads against a fake Graph API', () => {
  let fake: FakeGraphApi;
  before(async () => {
    fake = await startFakeGraphApi();
  });
  after(() => fake.close());
  const adapter = () => createFacebookAdapter({ pageAccessToken: fake.token, appSecret: APP_SECRET, verifyToken: 'verify-token-1', graphApiUrl: fake.graphApiUrl, maxDownloadBytes: 1000 });

  test('describeAccount is the Page of the token; events for other Pages are then skipped', async () => {
    const a = adapter();
    const other = { object: 'page', entry: [{ id: '999', time: 1, messaging: [{ sender: { id: PSID }, recipient: { id: '999' }, timestamp: 1, message: { mid: 'm_o', text: 'x' } }] }] };
    assert.equal((await a.parseInbound(other)).kind, 'messages');
    assert.deepEqual(await a.describeAccount(), { externalId: fake.pageId, name: fake.pageName });
    assert.deepEqual(await a.parseInbound(other), { kind: 'ignored', reason: 'an entry for another Page' });
  });

  test('text with quick replies; a long text in pieces, the quick replies on the last', async () => {
    const buttons = [{ label: 'Помогло', payload: 'helpful' }, { label: 'Позвать оператора', payload: 'operator' }];
    const r = await adapter().send({ chatId: 'psid-1', text: 'Ответ', buttons, messageId: 'x1' });
    const m = fake.sent.at(-1);
    assert.equal(r.externalMessageId, `m:${m?.message_id}`);
    assert.deepEqual(m && { recipient: m.recipient_id, type: m.messaging_type, text: m.text, q: m.quick_replies?.map((x) => x.payload) }, { recipient: 'psid-1', type: 'RESPONSE', text: 'Ответ', q: ['helpful', 'operator'] });
    const before = fake.sent.length;
    await adapter().send({ chatId: 'psid-1', text: 'д '.repeat(1500), buttons, messageId: 'x2' });
    const pieces = fake.sent.slice(before);
    assert.equal(pieces.length, 2);
    assert.equal(pieces[0]?.quick_replies, undefined);
    assert.equal(pieces[1]?.quick_replies?.length, 2);
  });

  test('a file goes by multipart upload after its text; a PDF as a file, a PNG as an image', async () => {
    const before = fake.sent.length;
    await adapter().send({ chatId: 'psid-2', text: 'Образец заявления', buttons: [], messageId: 'x3', file: { data: Buffer.from('%PDF-1.4 test'), filename: 'Образец.pdf', mime: 'application/pdf' } });
    const [text, file] = fake.sent.slice(before);
    assert.equal(text?.text, 'Образец заявления');
    assert.deepEqual(file?.file && { type: file.file.type, name: file.file.filename, mime: file.file.mime, data: file.file.data.toString() }, { type: 'file', name: 'Образец.pdf', mime: 'application/pdf', data: '%PDF-1.4 test' });
    await adapter().send({ chatId: 'psid-2', text: '', buttons: [], messageId: 'x4', file: { data: Buffer.from('png'), filename: 'a.png', mime: 'image/png' } });
    assert.equal(fake.sent.at(-1)?.file?.type, 'image');
    assert.equal(fake.sent.length, before + 3, 'no empty text message before a file without caption');
  });

  test('Graph API errors become thrown errors with the status and Facebook’s message, never the token', async () => {
    fake.failSends(1);
    const err = await adapter().send({ chatId: 'psid-3', text: 'x', buttons: [], messageId: 'x5' }).catch((e: Error) => e);
    assert.ok(err instanceof Error);
    assert.match(err.message, /^Graph API 500: An unexpected error has occurred.*\(OAuthException, code 2\)$/);
    const wrongToken = createFacebookAdapter({ pageAccessToken: 'EAAG-wrong-token', appSecret: APP_SECRET, verifyToken: 'verify-token-1', graphApiUrl: fake.graphApiUrl });
    const e2 = await wrongToken.describeAccount().catch((e: Error) => e);
    assert.match(String((e2 as Error).message), /Graph API 400: Invalid OAuth access token.*code 190/);
    assert.ok(!String((e2 as Error).message).includes('EAAG-wrong-token'));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = createFacebookAdapter({ pageAccessToken: 'EAAG-secret-token', appSecret: APP_SECRET, verifyToken: 'verify-token-1', graphApiUrl: `http://127.0.0.1:${port}/v21.0` });
    const e3 = await down.send({ chatId: 'p', text: 'x', buttons: [], messageId: 'x6' }).catch((e: Error) => e);
    assert.match((e3 as Error).message, /^Graph API request failed: ECONNREFUSED$/);
    await assert.rejects(adapter().send({ chatId: 'p', text: '  ', buttons: [], messageId: 'x7' }), /nothing to send/);
  });

  test('download: http(s) only, a file over the cap is cut at cap + 1 bytes without being read whole', async () => {
    const small = fake.addFile('small.pdf', Buffer.from('%PDF-1.4 small'));
    assert.equal((await adapter().download?.(small))?.toString(), '%PDF-1.4 small');
    const big = fake.addFile('big.pdf', { size: 50 * 1024 * 1024 });
    assert.equal((await adapter().download?.(big))?.length, 1001);
    await assert.rejects(adapter().download?.('file:///etc/passwd') ?? Promise.resolve(), /http\(s\)/);
    await assert.rejects(adapter().download?.(`${fake.url}/files/missing.pdf`) ?? Promise.resolve(), /answered 404/);
  });
});
