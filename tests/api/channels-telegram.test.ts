// Telegram end to end against a fake Bot API server: long polling in, the bot's answer out,
// «оператор» hands over, the operator's reply delivered (never a note, never an echo), a photo both
// ways, a replayed
// webhook update stored once, bad webhook calls refused or ignored, failed deliveries retried and shown.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DELIVERY_RETRY_LIMIT } from '../../server/modules/channels/index.ts';
import { createTelegramAdapter } from '../../server/modules/channels/telegram-adapter.ts';
import { startFakeBotApi, type FakeBotApi } from '../fakes/telegram-bot-api.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const SECRET = 'webhook-secret-0123456789';
// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const WEBHOOK = '/api/channels/telegram/webhook';

const person = (id: number) => ({ id, is_bot: false, first_name: 'Иван', last_name: 'Петров' });
const textMessage = (chatId: number, messageId: number, text: string) => ({
  message: { message_id: messageId, from: person(chatId), chat: { id: chatId, type: 'private', first_name: 'Иван' }, date: Math.floor(Date.now() / 1000), text },
});

describe('Telegram channel', () => {
  let s: TestServer;
  let fake: FakeBotApi;
  let operator: string;

  before(async () => {
    fake = await startFakeBotApi();
    s = await startTestServer({ env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: SECRET } });
    operator = await signIn(s, 'operator@example.com');
  });
  after(async () => {
    await s.stop();
    await fake.close();
  });

  const sentTo = (chatId: number) => fake.sent.filter((m) => String(m.chat_id) === String(chatId));
  async function conversationOf(chatId: number): Promise<string> {
    return waitFor(`the conversation of chat ${chatId}`, async () => {
      const r = await sql<{ conversation_id: string | null }>`SELECT conversation_id FROM channel_identities WHERE external_user_id = ${String(chatId)}`.execute(s.database.db);
      return r.rows[0]?.conversation_id ?? undefined;
    });
  }
  async function messagesOf(conversationId: string): Promise<Array<{ author: string; text: string; internal: boolean }>> {
    const r = await s.request({ method: 'GET', url: `/api/chat/conversations/${conversationId}`, token: operator });
    assert.equal(r.status, 200, r.text);
    return r.json.messages;
  }
  async function deliveries(conversationId: string): Promise<Array<{ messageId: string; status: string; attempts: number; error: string | null; externalMessageId: string | null }>> {
    const r = await s.request({ method: 'GET', url: `/api/channels/conversations/${conversationId}/deliveries`, token: operator });
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }
  async function handOverAndTake(chatId: number, firstMessageId: number): Promise<string> {
    fake.pushUpdate(textMessage(chatId, firstMessageId, 'Здравствуйте, у меня вопрос про справку о доходах'));
    await waitFor('the bot answer', () => sentTo(chatId).length > 0);
    fake.pushUpdate(textMessage(chatId, firstMessageId + 1, 'оператор'));
    await waitFor('the handover message', () => sentTo(chatId).some((m) => m.text.includes('Передаю разговор оператору')));
    const id = await conversationOf(chatId);
    const take = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator });
    assert.equal(take.status, 200, take.text);
    await waitFor('the take notice', () => sentTo(chatId).some((m) => m.text.startsWith('Оператор Оператор Демо подключился')));
    return id;
  }

  test('a message in, the bot answers; «оператор» hands over; the operator reply goes back; notes and echoes never do', async () => {
    const chat = 501;
    const id = await handOverAndTake(chat, 1);
    const conv = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}`, token: operator });
    assert.equal(conv.json.channel, 'telegram');
    assert.equal(conv.json.state, 'operator');

    const note = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'внутренняя заметка для коллег', clientMessageId: 'n-1', internal: true } });
    assert.equal(note.status, 201, note.text);
    const reply = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Здравствуйте! Оператор на связи.', clientMessageId: 'o-1' } });
    assert.equal(reply.status, 201, reply.text);
    await waitFor('the operator reply in Telegram', () => sentTo(chat).some((m) => m.text === 'Здравствуйте! Оператор на связи.'));

    const texts = sentTo(chat).map((m) => m.text);
    assert.ok(texts.findIndex((t) => t.startsWith('Оператор Оператор Демо подключился')) < texts.indexOf('Здравствуйте! Оператор на связи.'), 'the take notice goes out before the reply');
    assert.ok(!texts.some((t) => t.includes('внутренняя заметка')), 'an internal note is never sent');
    assert.ok(!texts.some((t) => t === 'оператор' || t.startsWith('Здравствуйте, у меня вопрос')), "the person's own messages are never echoed");
    const ds = await waitFor('every delivery sent', async () => {
      const list = await deliveries(id);
      return list.length > 0 && list.every((d) => d.status === 'sent') ? list : undefined;
    });
    assert.equal(ds.length, texts.length, 'one delivery per message sent');
    assert.ok(ds.every((d) => /^m:501:\d+$/.test(d.externalMessageId ?? '')), 'the external ids are recorded');
  });

  test('a button press (callback_query) reaches the bot as the button and is acknowledged', async () => {
    const chat = 502;
    fake.pushUpdate(textMessage(chat, 1, 'Добрый день'));
    await waitFor('the bot answer', () => sentTo(chat).length > 0);
    fake.pushUpdate({
      callback_query: {
        id: 'cbq-502-1',
        from: person(chat),
        chat_instance: '42',
        data: 'operator',
        message: { message_id: 9, chat: { id: chat, type: 'private' }, date: 0, text: 'Ответ помог?', reply_markup: { inline_keyboard: [[{ text: 'Позвать оператора', callback_data: 'operator' }]] } },
      },
    });
    await waitFor('the handover message', () => sentTo(chat).some((m) => m.text.includes('Передаю разговор оператору')));
    await waitFor('answerCallbackQuery', () => fake.calls.some((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === 'cbq-502-1'));
    const messages = await messagesOf(await conversationOf(chat));
    assert.ok(messages.some((m) => m.author === 'citizen' && m.text === 'Позвать оператора'), 'the press is stored as the button label');
  });

  test('webhook: the secret is checked, bad payloads are refused or ignored, a replayed update is stored once', async () => {
    const update = { update_id: 90001, ...textMessage(503, 7, 'Вопрос про налоговый вычет') };
    assert.equal((await s.request({ method: 'POST', url: WEBHOOK, body: update })).status, 403, 'no secret');
    const wrong = await s.request({ method: 'POST', url: WEBHOOK, body: update, headers: { 'x-telegram-bot-api-secret-token': 'wrong-secret-0123456789' } });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.json.error.code, 'FORBIDDEN');
    const headers = { 'x-telegram-bot-api-secret-token': SECRET, 'content-type': 'application/json' };
    const malformed = await s.request({ method: 'POST', url: WEBHOOK, payload: '{"update_id": 1, "message": ', headers });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'MALFORMED_JSON');
    for (const junk of [{ update_id: 90002, edited_message: { message_id: 1, chat: { id: 503, type: 'private' }, date: 0, text: 'x' } }, { update_id: 90003, poll: {} }, [1, 2], 'text']) {
      const r = await s.request({ method: 'POST', url: WEBHOOK, body: junk, headers });
      assert.equal(r.status, 200, `ignored, not an error: ${JSON.stringify(junk)}`);
    }

    assert.equal((await s.request({ method: 'POST', url: WEBHOOK, body: update, headers })).status, 200);
    assert.equal((await s.request({ method: 'POST', url: WEBHOOK, body: update, headers })).status, 200, 'Telegram retries an update it thinks failed');
    await waitFor('the bot answer', () => sentTo(503).length > 0);
    // a later message proves the queue has moved past the replay
    const later = await s.request({ method: 'POST', url: WEBHOOK, body: { update_id: 90004, ...textMessage(503, 8, 'И ещё один вопрос') }, headers });
    assert.equal(later.status, 200);
    const id = await conversationOf(503);
    const messages = await waitFor('the later message', async () => {
      const list = await messagesOf(id);
      return list.some((m) => m.text === 'И ещё один вопрос') ? list : undefined;
    });
    assert.equal(messages.filter((m) => m.author === 'citizen' && m.text === 'Вопрос про налоговый вычет').length, 1, 'the replayed update adds no message');
    const inbound = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_messages WHERE conversation_id = ${id} AND direction = 'in'`.execute(s.database.db);
    assert.equal(inbound.rows[0]?.n, 2);
  });

  test('a photo both ways: the person\'s photo is stored and hands over; the operator\'s file goes out as a photo; a huge file is ignored', async () => {
    const chat = 505;
    fake.addFile('photo-505-big', PNG);
    fake.pushUpdate({
      message: {
        message_id: 1,
        from: person(chat),
        chat: { id: chat, type: 'private' },
        date: Math.floor(Date.now() / 1000),
        caption: 'Ошибка при входе',
        photo: [
          { file_id: 'photo-505-small', file_unique_id: 's', width: 90, height: 90, file_size: 10 },
          { file_id: 'photo-505-big', file_unique_id: 'b', width: 800, height: 800, file_size: PNG.length },
        ],
      },
    });
    await waitFor('the handover for a file', () => sentTo(chat).some((m) => m.text.includes('Файлы смотрит оператор')));
    const id = await conversationOf(chat);
    const conv = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}`, token: operator });
    const photo = (conv.json.messages as Array<{ author: string; text: string; attachment: { id: string; filename: string } | null }>).find((m) => m.attachment);
    assert.equal(photo?.author, 'citizen');
    assert.equal(photo?.text, 'Ошибка при входе');
    const file = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}/attachments/${photo?.attachment?.id}`, token: operator });
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'image/png');

    fake.pushUpdate({ message: { message_id: 2, from: person(chat), chat: { id: chat, type: 'private' }, date: 0, document: { file_id: 'doc-505-huge', file_name: 'scan.pdf', mime_type: 'application/pdf', file_size: 50 * 1024 * 1024 } } });
    fake.pushUpdate(textMessage(chat, 3, 'Жду ответа'));
    const after = await waitFor('the later text', async () => {
      const r = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}`, token: operator });
      return (r.json.messages as Array<{ text: string }>).some((m) => m.text === 'Жду ответа') ? (r.json.messages as Array<{ attachment: unknown }>) : undefined;
    });
    assert.equal(after.filter((m) => m.attachment).length, 1, 'the huge document was not stored');
    assert.ok(!fake.calls.some((c) => c.method === 'getFile' && c.params.file_id === 'doc-505-huge'), 'nor downloaded');

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
    const out = await waitFor('the operator photo in Telegram', () => fake.sentFiles.find((f) => f.chat_id === String(chat)));
    assert.equal(out.method, 'sendPhoto');
    assert.equal(out.filename, 'sample.png');
    assert.equal(out.caption, 'Вот образец');
    assert.ok(out.data.equals(PNG));
  });

  test('webhook mode registers the webhook with its secret instead of polling', async () => {
    const adapter = createTelegramAdapter({ token: fake.token, apiRoot: fake.url, polling: false, webhookSecret: SECRET, webhookUrl: 'https://svyaz.example.ru/api/channels/telegram/webhook' });
    await adapter.startReceiving?.(async () => undefined);
    const call = fake.calls.find((c) => c.method === 'setWebhook');
    assert.equal(call?.params.url, 'https://svyaz.example.ru/api/channels/telegram/webhook');
    assert.equal(call?.params.secret_token, SECRET);
    const noSecret = createTelegramAdapter({ token: fake.token, apiRoot: fake.url, polling: false, webhookUrl: 'https://svyaz.example.ru/x' });
    await assert.rejects(noSecret.startReceiving?.(async () => undefined) ?? Promise.resolve(), /TELEGRAM_WEBHOOK_SECRET/);
  });

  test('a failed delivery is retried; when the retries run out it is shown as failed with its error', async () => {
    const chat = 504;
    const id = await handOverAndTake(chat, 1);

    fake.failSends(1, 429);
    const retried = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Ответ после повтора', clientMessageId: 'o-r' } });
    assert.equal(retried.status, 201);
    await waitFor('the retried reply', () => sentTo(chat).some((m) => m.text === 'Ответ после повтора'), 30_000);
    const ok = (await deliveries(id)).find((d) => d.messageId === retried.json.id);
    assert.equal(ok?.status, 'sent');
    assert.equal(ok?.attempts, 2);

    fake.failSends(1000, 500);
    const failing = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Этот ответ не дойдёт', clientMessageId: 'o-f' } });
    assert.equal(failing.status, 201);
    const failed = await waitFor(
      'the delivery marked failed',
      async () => (await deliveries(id)).find((d) => d.messageId === failing.json.id && d.status === 'failed'),
      40_000,
    );
    fake.failSends(0, 500);
    assert.equal(failed.attempts, DELIVERY_RETRY_LIMIT + 1);
    assert.match(failed.error ?? '', /500/);
    assert.equal(failed.externalMessageId, null);
    assert.ok(!sentTo(chat).some((m) => m.text === 'Этот ответ не дойдёт'));
    assert.equal((await s.request({ method: 'GET', url: `/api/channels/conversations/${id}/deliveries` })).status, 401, 'staff only');
  });
});
