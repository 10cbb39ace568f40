// Facebook Messenger end to end against a fake Graph API: the subscription handshake, a signed
// message in and the bot's answer out with quick replies, «оператор» hands over, the operator's
// reply delivered (never a note, never an echo), quick replies and postbacks as buttons, a batch of
// two, a photo both ways, a huge file refused, a replayed event stored once, bad webhook calls
// refused or ignored with a log line, failed deliveries retried and shown.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DELIVERY_RETRY_LIMIT } from '../../server/modules/channels/index.ts';
import { splitMessengerText } from '../../server/modules/channels/facebook-send-api.ts';
import { startFakeGraphApi, type FakeGraphApi } from '../fakes/facebook-graph-api.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor as waitUntil } from '../support/wait-for.ts';

const APP_SECRET = 'fb-app-secret-0123456789';
const VERIFY_TOKEN = 'fb-verify-token-42';
const WEBHOOK = '/api/channels/facebook/webhook';
// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type LogLine = { level: string; fields: Record<string, unknown>; msg: string };
/** the server's log lines since it started (see captureLog) */
let logs: LogLine[] = [];

/** waits as the other tests do, and says the last warnings the server logged when it times out */
function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  return waitUntil(what, fn, {
    timeoutMs,
    explain: () => {
      const problems = logs.filter((l) => l.level !== 'info').slice(-5).map((l) => `${l.msg} ${String((l.fields.err as Error | undefined)?.message ?? l.fields.error ?? '')}`);
      return problems.length ? `last warnings: ${problems.join(' | ')}` : '';
    },
  });
}

/** Records what the server logs (the test logger is silent): the log object's level methods are replaced. */
function captureLog(log: object): LogLine[] {
  const lines: LogLine[] = [];
  for (const level of ['info', 'warn', 'error'] as const) {
    (log as Record<string, unknown>)[level] = (fields: unknown, msg?: string) => {
      lines.push({ level, fields: typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {}, msg: typeof fields === 'string' ? fields : (msg ?? '') });
    };
  }
  return lines;
}

/** The body as Facebook sends it: compact JSON with every non-ASCII character escaped (\uXXXX, lowercase hex). */
const facebookBytes = (payload: unknown) => Buffer.from(JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
const signature = (raw: Buffer, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

let mids = 0;
const mid = (tag: string) => `m_${tag}_${++mids}_AbCdEfGhIjKlMnOpQrStUvWxYz`;

describe('Facebook Messenger channel', () => {
  let s: TestServer;
  let fake: FakeGraphApi;
  let operator: string;

  before(async () => {
    fake = await startFakeGraphApi();
    s = await startTestServer({ env: { FACEBOOK_PAGE_ACCESS_TOKEN: fake.token, FACEBOOK_APP_SECRET: APP_SECRET, FACEBOOK_VERIFY_TOKEN: VERIFY_TOKEN, FACEBOOK_GRAPH_API_URL: fake.graphApiUrl } });
    logs = captureLog(s.deps.log);
    operator = await signIn(s, 'operator@example.com');
  });
  after(async () => {
    await s.stop();
    await fake.close();
  });

  const batch = (...events: Array<{ psid: string } & Record<string, unknown>>) => ({
    object: 'page',
    entry: events.map(({ psid, ...body }) => ({ id: fake.pageId, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: fake.pageId }, timestamp: Date.now(), ...body }] })),
  });
  const textEvent = (psid: string, text: string, extra: Record<string, unknown> = {}) => batch({ psid, message: { mid: mid(psid), text, ...extra } });
  /** a webhook POST signed as Facebook signs it */
  const post = (payload: unknown, headers: Record<string, string> = {}) => {
    const raw = facebookBytes(payload);
    return s.request({ method: 'POST', url: WEBHOOK, payload: raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(raw), ...headers } });
  };
  const sentTo = (psid: string) => fake.sent.filter((m) => m.recipient_id === psid);
  const logged = (msg: string, since = 0) => logs.slice(since).filter((l) => l.msg === msg);

  async function conversationOf(psid: string): Promise<string> {
    return waitFor(`the conversation of ${psid}`, async () => {
      const r = await sql<{ conversation_id: string | null }>`SELECT conversation_id FROM channel_identities WHERE external_user_id = ${psid}`.execute(s.database.db);
      return r.rows[0]?.conversation_id ?? undefined;
    });
  }
  async function messagesOf(conversationId: string): Promise<Array<{ author: string; text: string; internal: boolean; attachment: { id: string; name: string; type: string; size: number } | null }>> {
    const r = await s.request({ method: 'GET', url: `/api/chat/conversations/${conversationId}`, token: operator });
    assert.equal(r.status, 200, r.text);
    return r.json.messages;
  }
  async function deliveries(conversationId: string): Promise<Array<{ messageId: string; status: string; attempts: number; error: string | null; externalMessageId: string | null }>> {
    const r = await s.request({ method: 'GET', url: `/api/channels/conversations/${conversationId}/deliveries`, token: operator });
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }
  async function handOverAndTake(psid: string): Promise<string> {
    assert.equal((await post(textEvent(psid, 'Здравствуйте, у меня вопрос про справку о доходах'))).status, 200);
    await waitFor('the bot answer', () => sentTo(psid).length > 0);
    assert.equal((await post(textEvent(psid, 'оператор'))).status, 200);
    await waitFor('the handover message', () => sentTo(psid).some((m) => m.text?.includes('Передаю разговор оператору')));
    const id = await conversationOf(psid);
    const take = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator });
    assert.equal(take.status, 200, take.text);
    await waitFor('the take notice', () => sentTo(psid).some((m) => m.text?.startsWith('Оператор Оператор Демо подключился')));
    return id;
  }

  test('the account is the Page of the token; the subscription handshake answers the challenge only to the verify token', async () => {
    const account = await sql<{ external_id: string; name: string }>`SELECT external_id, name FROM channel_accounts WHERE kind = 'facebook'`.execute(s.database.db);
    assert.deepEqual(account.rows, [{ external_id: fake.pageId, name: fake.pageName }]);

    const ok = await s.request({ method: 'GET', url: `${WEBHOOK}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444` });
    assert.equal(ok.status, 200);
    assert.equal(ok.text, '1158201444');
    assert.match(String(ok.headers['content-type']), /^text\/plain/);

    const since = logs.length;
    const wrong = await s.request({ method: 'GET', url: `${WEBHOOK}?hub.mode=subscribe&hub.verify_token=wrong-token-000&hub.challenge=1158201444` });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.json.error.code, 'FORBIDDEN');
    assert.equal(wrong.json.error.message, 'Недостаточно прав для этого действия.');
    assert.equal(logged('channel subscription refused: wrong or missing verify token', since).length, 1);
    for (const q of ['', '?hub.challenge=1', `?hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`, `?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`]) {
      assert.equal((await s.request({ method: 'GET', url: `${WEBHOOK}${q}` })).status, 403, q);
    }
    const en = await s.request({ method: 'GET', url: `${WEBHOOK}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`, headers: { 'accept-language': 'en' } });
    assert.equal(en.json.error.message, 'You are not allowed to do this.');
    const tooLong = await s.request({ method: 'GET', url: `${WEBHOOK}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=${'1'.repeat(600)}` });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.json.error.code, 'VALIDATION_FAILED');
  });

  test('a signed message in, the bot answers with quick replies; «оператор» hands over; the operator reply goes back; notes and echoes never do', async () => {
    const psid = 'psid-1001';
    const first = await post(textEvent(psid, 'Горячая линия сейчас работает?'));
    assert.equal(first.status, 200);
    assert.equal(first.text, 'EVENT_RECEIVED');
    const answer = await waitFor('the bot answer with quick replies', () => sentTo(psid).find((m) => m.quick_replies));
    assert.equal(answer.messaging_type, 'RESPONSE');
    assert.match(answer.text ?? '', /Горячая линия/);
    assert.deepEqual(answer.quick_replies, [
      { content_type: 'text', title: 'Помогло', payload: 'helpful' },
      { content_type: 'text', title: 'Не помогло', payload: 'not_helpful' },
      { content_type: 'text', title: 'Позвать оператора', payload: 'operator' },
    ]);

    assert.equal((await post(textEvent(psid, 'оператор'))).status, 200);
    await waitFor('the handover message', () => sentTo(psid).some((m) => m.text?.includes('Передаю разговор оператору')));
    const id = await conversationOf(psid);
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator })).status, 200);
    await waitFor('the take notice', () => sentTo(psid).some((m) => m.text?.startsWith('Оператор Оператор Демо подключился')));
    const conv = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}`, token: operator });
    assert.equal(conv.json.channel, 'facebook');
    assert.equal(conv.json.state, 'operator');

    const note = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'внутренняя заметка для коллег', clientMessageId: 'n-1', internal: true } });
    assert.equal(note.status, 201, note.text);
    const reply = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Здравствуйте! Оператор на связи.', clientMessageId: 'o-1' } });
    assert.equal(reply.status, 201, reply.text);
    const delivered = await waitFor('the operator reply in Messenger', () => sentTo(psid).find((m) => m.text === 'Здравствуйте! Оператор на связи.'));

    // Facebook echoes the page's own message back (message_echoes): it must not come in as the person's
    const echo = { object: 'page', entry: [{ id: fake.pageId, time: Date.now(), messaging: [{ sender: { id: fake.pageId }, recipient: { id: psid }, timestamp: Date.now(), message: { is_echo: true, app_id: 1517776481860111, mid: delivered.message_id, text: delivered.text } }] }] };
    assert.equal((await post(echo)).text, 'EVENT_RECEIVED');
    assert.equal((await post(textEvent(psid, 'Спасибо, жду'))).status, 200);
    const messages = await waitFor('the later message', async () => {
      const list = await messagesOf(id);
      return list.some((m) => m.text === 'Спасибо, жду') ? list : undefined;
    });
    assert.ok(!messages.some((m) => m.author === 'citizen' && m.text === 'Здравствуйте! Оператор на связи.'), 'the echo was not taken as the person’s message');

    const texts = sentTo(psid).map((m) => m.text ?? '');
    assert.ok(texts.findIndex((t) => t.startsWith('Оператор Оператор Демо подключился')) < texts.indexOf('Здравствуйте! Оператор на связи.'), 'the take notice goes out before the reply');
    assert.ok(!texts.some((t) => t.includes('внутренняя заметка')), 'an internal note is never sent');
    assert.ok(!texts.some((t) => t === 'оператор' || t === 'Спасибо, жду' || t.startsWith('Горячая линия сейчас')), "the person's own messages are never echoed");
    const ds = await waitFor('every delivery sent', async () => {
      const list = await deliveries(id);
      return list.length > 0 && list.every((d) => d.status === 'sent') ? list : undefined;
    });
    assert.equal(ds.length, texts.length, 'one delivery per message sent');
    assert.deepEqual(new Set(ds.map((d) => d.externalMessageId)), new Set(sentTo(psid).map((m) => `m:${m.message_id}`)), 'the Send API message ids are recorded');
  });

  test('a quick reply press and a postback reach the bot as the button; a batch of two events makes two messages', async () => {
    const tapper = 'psid-1002';
    assert.equal((await post(textEvent(tapper, 'Добрый день'))).status, 200);
    await waitFor('the bot answer', () => sentTo(tapper).length > 0);
    assert.equal((await post(textEvent(tapper, 'Позвать оператора', { quick_reply: { payload: 'operator' } }))).status, 200);
    await waitFor('the handover after the quick reply', () => sentTo(tapper).some((m) => m.text?.includes('Передаю разговор оператору')));
    assert.ok((await messagesOf(await conversationOf(tapper))).some((m) => m.author === 'citizen' && m.text === 'Позвать оператора'), 'the press is stored as the button title');

    const pressed = 'psid-1003';
    assert.equal((await post(batch({ psid: pressed, postback: { title: 'Позвать оператора', payload: 'operator', mid: mid('pb') } }))).status, 200);
    await waitFor('the handover after the postback', () => sentTo(pressed).some((m) => m.text?.includes('Передаю разговор оператору')));

    const [a, b] = ['psid-1004', 'psid-1005'];
    const two = batch({ psid: a, message: { mid: mid(a), text: 'Добрый вечер' } }, { psid: b, message: { mid: mid(b), text: 'Здравствуйте' } });
    assert.equal((await post(two)).status, 200);
    for (const psid of [a, b]) {
      const id = await conversationOf(psid);
      await waitFor(`the message of ${psid}`, async () => (await messagesOf(id)).some((m) => m.author === 'citizen'));
    }
    const [ca, cb] = [await conversationOf(a), await conversationOf(b)];
    assert.notEqual(ca, cb, 'one conversation per person');
  });

  test("a photo both ways: the person's photo is stored; the operator's file goes out by upload; a huge file is refused with a log line and nothing else is lost", async () => {
    const psid = 'psid-1006';
    const url = fake.addFile('photo-1006.png', PNG);
    assert.equal((await post(batch({ psid, message: { mid: mid(psid), attachments: [{ type: 'image', payload: { url } }] } }))).status, 200);
    await waitFor('the handover for a file', () => sentTo(psid).some((m) => m.text?.includes('Файлы смотрит оператор')));
    const id = await conversationOf(psid);
    const photo = (await messagesOf(id)).find((m) => m.attachment);
    assert.equal(photo?.author, 'citizen');
    assert.equal(photo?.attachment?.name, 'photo-1006.png');
    assert.equal(photo?.attachment?.type, 'image/png');
    const file = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}/attachments/${photo?.attachment?.id}`, token: operator });
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'image/png');

    const since = logs.length;
    const huge = fake.addFile('scan.pdf', { size: 12 * 1024 * 1024 });
    assert.equal((await post(batch({ psid, message: { mid: mid(psid), attachments: [{ type: 'file', payload: { url: huge } }] } }))).status, 200);
    assert.equal((await post(textEvent(psid, 'Жду ответа'))).status, 200);
    const later = await waitFor('the later text', async () => {
      const list = await messagesOf(id);
      return list.some((m) => m.text === 'Жду ответа') ? list : undefined;
    });
    assert.equal(later.filter((m) => m.attachment).length, 1, 'the huge file was not stored');
    assert.ok(later.some((m) => m.attachment?.name === 'photo-1006.png'), 'the earlier photo is still there');
    const refused = logged('channel attachment not accepted', since);
    assert.equal(refused.length, 1);
    assert.match(String(refused[0]?.fields.reason), /too large/);

    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator })).status, 200);
    const boundary = 'svyaz-test-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nВот образец\r\n--${boundary}\r\nContent-Disposition: form-data; name="clientMessageId"\r\n\r\nf-1\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sample.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/attachments`, token: operator, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    assert.equal(upload.status, 201, upload.text);
    const out = await waitFor('the operator photo in Messenger', () => sentTo(psid).find((m) => m.file));
    assert.equal(out.file?.type, 'image');
    assert.equal(out.file?.filename, 'sample.png');
    assert.equal(out.file?.mime, 'image/png');
    assert.ok(out.file?.data.equals(PNG));
    const caption = sentTo(psid).findIndex((m) => m.text === 'Вот образец');
    assert.ok(caption >= 0 && caption === sentTo(psid).indexOf(out) - 1, 'the text goes just before the file');
  });

  test('webhook: unsigned, wrongly signed, tampered and malformed calls are refused with a log line; unknown kinds are answered and ignored; a replayed event is stored once', async () => {
    const psid = 'psid-1007';
    const event = textEvent(psid, 'Вопрос про налоговый вычет');
    const raw = facebookBytes(event);
    const since = logs.length;
    const unsigned = await s.request({ method: 'POST', url: WEBHOOK, payload: raw, headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.json.error.code, 'FORBIDDEN');
    const wrong = await post(event, { 'x-hub-signature-256': signature(raw, 'another-app-secret') });
    assert.equal(wrong.status, 403);
    const tampered = await s.request({ method: 'POST', url: WEBHOOK, payload: Buffer.from(raw.toString().replace(psid, 'psid-6666')), headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(raw) } });
    assert.equal(tampered.status, 403);
    const asText = await s.request({ method: 'POST', url: WEBHOOK, payload: raw.toString(), headers: { 'content-type': 'text/plain', 'x-hub-signature-256': signature(raw) } });
    assert.equal(asText.status, 403, 'a body that is not JSON keeps no signed bytes');
    const refusals = logged('channel webhook refused: wrong or missing signature', since);
    assert.equal(refusals.length, 4);
    assert.deepEqual(refusals.map((l) => l.fields.signed), [false, true, true, true]);
    assert.equal(refusals[0]?.level, 'warn');

    const broken = Buffer.from('{"object":"page","entry": [');
    const malformed = await s.request({ method: 'POST', url: WEBHOOK, payload: broken, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(broken) } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'MALFORMED_JSON');
    assert.equal(malformed.json.error.message, 'Тело запроса не является корректным JSON.');
    const malformedEn = await s.request({ method: 'POST', url: WEBHOOK, payload: broken, headers: { 'content-type': 'application/json; charset=utf-8', 'accept-language': 'en' } });
    assert.equal(malformedEn.status, 400);
    assert.equal(malformedEn.json.error.message, 'The request body is not valid JSON.');
    const empty = await s.request({ method: 'POST', url: WEBHOOK, payload: '', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(Buffer.alloc(0)) } });
    assert.equal(empty.status, 400);

    const ignoredSince = logs.length;
    const junk: unknown[] = [
      batch({ psid, delivery: { mids: ['m_x'], watermark: Date.now() } }),
      batch({ psid, read: { watermark: Date.now() } }),
      batch({ psid, reaction: { reaction: 'love', emoji: '❤', action: 'react', mid: 'm_x' } }),
      batch({ psid, message: { mid: mid(psid), attachments: [{ type: 'image', payload: { url: 'https://x/s.png', sticker_id: 369239263222822 } }] } }),
      { object: 'instagram', entry: [] },
      [1, 2],
      'text',
    ];
    for (const j of junk) {
      const r = await post(j);
      assert.equal(r.status, 200, `ignored, not an error: ${JSON.stringify(j)}`);
      assert.equal(r.text, 'EVENT_RECEIVED');
    }
    const ignored = logged('channel payload ignored', ignoredSince);
    assert.equal(ignored.length, junk.length);
    assert.match(String(ignored[0]?.fields.reason), /delivery/);
    assert.match(String(ignored[2]?.fields.reason), /reaction/);
    assert.match(String(ignored[3]?.fields.reason), /sticker/);

    assert.equal((await post(event)).status, 200);
    assert.equal((await post(event)).status, 200, 'Facebook resends an event it thinks failed');
    await waitFor('the bot answer', () => sentTo(psid).length > 0);
    // a later message proves the queue has moved past the replay
    assert.equal((await post(textEvent(psid, 'И ещё один вопрос'))).status, 200);
    const id = await conversationOf(psid);
    const messages = await waitFor('the later message', async () => {
      const list = await messagesOf(id);
      return list.some((m) => m.text === 'И ещё один вопрос') ? list : undefined;
    });
    assert.equal(messages.filter((m) => m.author === 'citizen' && m.text === 'Вопрос про налоговый вычет').length, 1, 'the replayed event adds no message');
    const inbound = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_messages WHERE conversation_id = ${id} AND direction = 'in'`.execute(s.database.db);
    assert.equal(inbound.rows[0]?.n, 2);
    assert.ok(logged('replayed channel message ignored', since).length >= 1);
    const stranger = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_identities WHERE external_user_id = 'psid-6666'`.execute(s.database.db);
    assert.equal(stranger.rows[0]?.n, 0, 'the tampered event created nobody');
  });

  test('a failed delivery is retried; when the retries run out it is shown as failed with its error', async () => {
    const psid = 'psid-1008';
    const id = await handOverAndTake(psid);

    fake.failSends(1);
    const retried = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Ответ после повтора', clientMessageId: 'o-r' } });
    assert.equal(retried.status, 201);
    await waitFor('the retried reply', () => sentTo(psid).some((m) => m.text === 'Ответ после повтора'), 30_000);
    const ok = await waitFor('the retried delivery recorded', async () => (await deliveries(id)).find((d) => d.messageId === retried.json.id && d.status === 'sent'));
    assert.equal(ok.attempts, 2);

    fake.failSends(1000);
    const failing = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Этот ответ не дойдёт', clientMessageId: 'o-f' } });
    assert.equal(failing.status, 201);
    const failed = await waitFor('the delivery marked failed', async () => (await deliveries(id)).find((d) => d.messageId === failing.json.id && d.status === 'failed'), 40_000);
    fake.failSends(0);
    assert.equal(failed.attempts, DELIVERY_RETRY_LIMIT + 1);
    assert.match(failed.error ?? '', /^Graph API 500: An unexpected error has occurred/);
    assert.ok(!(failed.error ?? '').includes(fake.token), 'no token in the recorded error');
    assert.equal(failed.externalMessageId, null);
    assert.ok(!sentTo(psid).some((m) => m.text === 'Этот ответ не дойдёт'));
    assert.ok(logs.some((l) => l.msg === 'channel delivery failed' && l.fields.final === true && !JSON.stringify(l.fields).includes(fake.token)));
    assert.equal((await s.request({ method: 'GET', url: `/api/channels/conversations/${id}/deliveries` })).status, 401, 'staff only');
  });

  test('the person’s name comes from the User Profile API once; without the permission the stand-in stays', async () => {
    const nameOf = async (psid: string) => (await sql<{ display_name: string }>`SELECT display_name FROM channel_identities WHERE external_user_id = ${psid}`.execute(s.database.db)).rows[0]?.display_name;
    const named = '7001002003004005';
    fake.setProfile(named, { first_name: 'Мария', last_name: 'Петрова' });
    assert.equal((await post(textEvent(named, 'Добрый день, вопрос про выписку из реестра'))).status, 200);
    const id = await conversationOf(named);
    assert.equal(await nameOf(named), 'Мария Петрова');
    const asked = () => fake.calls.filter((c) => c.path.endsWith(`/${named}`)).length;
    assert.equal(asked(), 1);
    assert.equal((await post(textEvent(named, 'И ещё один вопрос'))).status, 200);
    await waitFor('the second message', async () => (await messagesOf(id)).some((m) => m.text === 'И ещё один вопрос'));
    assert.equal(await nameOf(named), 'Мария Петрова', 'a message without a name keeps the stored one');
    assert.equal(asked(), 1, 'the provider is not asked again');

    const since = logs.length;
    const unknown = '7001002003004006';
    assert.equal((await post(textEvent(unknown, 'Здравствуйте, не могу войти'))).status, 200);
    await conversationOf(unknown);
    assert.equal(await nameOf(unknown), `Facebook ${unknown}`);
    const refused = await waitFor('the log line', () => logged('the provider did not give the person’s name; the stand-in stays', since)[0]);
    assert.ok(!JSON.stringify(refused).includes(fake.token));
  });

  test('a reply more than 24 hours after the person’s last message goes with the HUMAN_AGENT tag; a fresh one as RESPONSE', async () => {
    const psid = 'psid-1010';
    const id = await handOverAndTake(psid);
    const fresh = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Отвечаю сразу', clientMessageId: 'h-1' } });
    assert.equal(fresh.status, 201);
    assert.equal((await waitFor('the fresh reply', () => sentTo(psid).find((m) => m.text === 'Отвечаю сразу'))).messaging_type, 'RESPONSE');
    // the person wrote two days ago
    await sql`UPDATE channel_messages SET created_at = now() - interval '2 days' WHERE conversation_id = ${id} AND direction = 'in'`.execute(s.database.db);
    const late = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Отвечаю через два дня', clientMessageId: 'h-2' } });
    assert.equal(late.status, 201);
    const tagged = await waitFor('the late reply', () => sentTo(psid).find((m) => m.text === 'Отвечаю через два дня'));
    assert.deepEqual([tagged.messaging_type, tagged.tag], ['MESSAGE_TAG', 'HUMAN_AGENT']);
  });

  test('a long reply goes in pieces; when one fails, the retry sends only the pieces the person does not have', async () => {
    const psid = 'psid-1011';
    const id = await handOverAndTake(psid);
    const paragraph = (n: number) => `Абзац ${n}. ${'Подробное объяснение порядка получения справки. '.repeat(24)}`.trim();
    const text = [1, 2, 3].map(paragraph).join('\n\n');
    assert.ok(text.length > 2000 && text.length <= 4000, String(text.length));
    // the first piece is accepted, the second refused once
    fake.failSends(1, 500, { after: 1 });
    const reply = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text, clientMessageId: 'long-1' } });
    assert.equal(reply.status, 201, reply.text);
    const done = await waitFor('the delivery sent', async () => (await deliveries(id)).find((d) => d.messageId === reply.json.id && d.status === 'sent'), 30_000);
    assert.equal(done.attempts, 2);
    // each piece exactly once, in order: the accepted first piece was not sent again by the retry
    const expected = splitMessengerText(text);
    assert.ok(expected.length >= 2, String(expected.length));
    const pieces = sentTo(psid).filter((m) => m.text !== undefined && expected.includes(m.text));
    assert.deepEqual(pieces.map((m) => m.text), expected);
    assert.equal(done.externalMessageId, `m:${pieces.at(-1)?.message_id}`);
  });
});
