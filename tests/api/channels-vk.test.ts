// VK community messages end to end against a fake VK API: the Callback API confirmation and secret,
// a message in and the bot's answer out, a keyboard button hands over, the operator's reply
// delivered, a replayed event stored once; photos and documents both ways (in: the URL in the event
// is downloaded; out: VK's upload server, save, messages.send with the attachment), and a file over
// the chat's limit refused with its caption kept.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createChannelRegistry, DELIVERY_RETRY_LIMIT } from '../../server/modules/channels/index.ts';
import { receiveInboundPayload } from '../../server/modules/channels/receive-inbound-payload.ts';
import { createVkAdapter } from '../../server/modules/channels/vk-adapter.ts';
import { startFakeVkApi, type FakeVkApi } from '../fakes/vk-api.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const GROUP = 229876543;
const SECRET = 'vk-callback-secret-1';
const TOKEN = 'vk1.a.test-community-token';
const CALLBACK = '/api/channels/vk/callback';
// a 1×1 PNG and a minimal PDF (the chat checks files by content)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let eventNo = 0;
const messageNew = (fromId: number, id: number, text: string, payload?: string) => ({
  group_id: GROUP,
  type: 'message_new',
  event_id: `evt-${++eventNo}`,
  v: '5.199',
  object: { message: { date: Math.floor(Date.now() / 1000), from_id: fromId, id, out: 0, peer_id: fromId, conversation_message_id: id, text, attachments: [], ...(payload ? { payload } : {}) }, client_info: { inline_keyboard: true } },
  secret: SECRET,
});
const withAttachments = (event: ReturnType<typeof messageNew>, attachments: unknown[]) => ({ ...event, object: { ...event.object, message: { ...event.object.message, attachments } } });
/** a photo attachment as VK puts it in message_new: copies of several sizes, each with its URL */
const photo = (id: number, ownerId: number, sizes: Array<[string, number, string]>) => ({
  type: 'photo',
  photo: { album_id: -3, date: Math.floor(Date.now() / 1000), id, owner_id: ownerId, access_key: 'c2d4e6f8a0b1', sizes: sizes.map(([type, width, url]) => ({ type, width, height: width, url })), text: '', has_tags: false },
});
const doc = (id: number, ownerId: number, title: string, size: number, url: string) => ({ type: 'doc', doc: { id, owner_id: ownerId, title, size, ext: title.split('.').pop(), date: Math.floor(Date.now() / 1000), type: 1, url, access_key: '8f7e6d5c4b3a' } });

describe('VK channel', () => {
  let s: TestServer;
  let fake: FakeVkApi;
  let operator: string;

  before(async () => {
    fake = await startFakeVkApi({ token: TOKEN });
    s = await startTestServer({ env: { VK_GROUP_TOKEN: TOKEN, VK_GROUP_ID: String(GROUP), VK_CALLBACK_SECRET: SECRET, VK_CONFIRMATION_CODE: 'a1b2c3d4', VK_API_BASE_URL: fake.url } });
    operator = await signIn(s, 'operator@example.com');
  });
  after(async () => {
    await s.stop();
    await fake.close();
  });

  const sentTo = (peer: number) => fake.sent.filter((m) => m.peer_id === String(peer));
  const post = (body: unknown) => s.request({ method: 'POST', url: CALLBACK, body });
  const conversationOf = (peer: number) =>
    waitFor(`the conversation of ${peer}`, async () => {
      const rows = await sql<{ conversation_id: string | null }>`SELECT conversation_id FROM channel_identities WHERE external_user_id = ${String(peer)}`.execute(s.database.db);
      return rows.rows[0]?.conversation_id ?? undefined;
    });
  type Message = { id: string; author: string; text: string; attachment: { id: string; name: string; type: string; size: number } | null };
  const messagesOf = async (id: string): Promise<Message[]> => (await s.request({ method: 'GET', url: `/api/chat/conversations/${id}`, token: operator })).json.messages;
  /** the stored file's bytes and type, as staff download it */
  const fileOf = async (conversationId: string, attachmentId: string) => {
    const r = await s.app.inject({ method: 'GET', url: `/api/chat/conversations/${conversationId}/attachments/${attachmentId}`, headers: { authorization: `Bearer ${operator}` } });
    assert.equal(r.statusCode, 200, r.body);
    return { type: r.headers['content-type'], data: r.rawPayload };
  };
  /** the operator's multipart upload of a file into the conversation */
  const sendFile = (id: string, file: Buffer, filename: string, mime: string, text: string, clientMessageId: string) => {
    const boundary = 'svyaz-vk-test-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n${text}\r\n--${boundary}\r\nContent-Disposition: form-data; name="clientMessageId"\r\n\r\n${clientMessageId}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return s.request({ method: 'POST', url: `/api/chat/conversations/${id}/attachments`, token: operator, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  };

  test('the confirmation request gets the code; a wrong secret or group is refused; other events get "ok"', async () => {
    const confirm = await post({ type: 'confirmation', group_id: GROUP });
    assert.equal(confirm.status, 200);
    assert.equal(confirm.text, 'a1b2c3d4');
    assert.equal((await post({ ...messageNew(1, 1, 'x'), secret: 'wrong-secret-000' })).status, 403);
    assert.equal((await post({ ...messageNew(1, 1, 'x'), group_id: 1 })).status, 403);
    const typing = await post({ group_id: GROUP, type: 'message_typing_state', event_id: 'e', v: '5.199', object: { state: 'typing', from_id: 1, to_id: -GROUP }, secret: SECRET });
    assert.equal(typing.status, 200);
    assert.equal(typing.text, 'ok');
  });

  test('a message in, the bot answers; the keyboard button hands over; the operator reply goes back; a replay is stored once', async () => {
    const peer = 712345678;
    const first = messageNew(peer, 100, 'Здравствуйте, как записаться на приём?');
    const r = await post(first);
    assert.equal(r.status, 200);
    assert.equal(r.text, 'ok');
    assert.equal((await post(first)).text, 'ok', 'VK repeats an event it did not see answered');
    await waitFor('the bot answer', () => sentTo(peer).length > 0);

    assert.equal((await post(messageNew(peer, 101, 'Позвать оператора', JSON.stringify({ button: 'operator' })))).status, 200);
    await waitFor('the handover message', () => sentTo(peer).some((m) => m.message.includes('Передаю разговор оператору')));

    const id = await waitFor('the conversation', async () => {
      const rows = await sql<{ conversation_id: string | null }>`SELECT conversation_id FROM channel_identities WHERE external_user_id = ${String(peer)}`.execute(s.database.db);
      return rows.rows[0]?.conversation_id ?? undefined;
    });
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator })).status, 200);
    const reply = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Оператор на связи', clientMessageId: 'vk-o-1' } });
    assert.equal(reply.status, 201);
    await waitFor('the operator reply in VK', () => sentTo(peer).some((m) => m.message === 'Оператор на связи'));

    const conv = await s.request({ method: 'GET', url: `/api/chat/conversations/${id}`, token: operator });
    assert.equal(conv.json.channel, 'vk');
    const citizen = (conv.json.messages as Array<{ author: string; text: string }>).filter((m) => m.author === 'citizen');
    assert.deepEqual(citizen.map((m) => m.text), ['Здравствуйте, как записаться на приём?', 'Позвать оператора'], 'the replayed event added nothing');
    assert.ok(!sentTo(peer).some((m) => m.message.startsWith('Здравствуйте, как записаться')), 'no echo');
    assert.equal(new Set(sentTo(peer).map((m) => m.random_id)).size, sentTo(peer).length, 'a random_id per message');
  });

  test('malformed JSON is refused with 400; an event of another kind or without a message is answered and stores nothing', async () => {
    const malformed = await s.request({ method: 'POST', url: CALLBACK, payload: '{"type": "message_new", "object": ', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'MALFORMED_JSON');
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_messages`.execute(s.database.db);
    const wallPost = await post({ group_id: GROUP, type: 'wall_post_new', event_id: 'evt-wall', v: '5.199', object: { id: 1, text: 'пост' }, secret: SECRET });
    assert.equal(wallPost.status, 200);
    assert.equal(wallPost.text, 'ok');
    const empty = await post({ group_id: GROUP, type: 'message_new', event_id: 'evt-empty', v: '5.199', object: {}, secret: SECRET });
    assert.equal(empty.status, 200);
    await new Promise((r) => setTimeout(r, 500));
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM channel_messages`.execute(s.database.db);
    assert.equal(after.rows[0]?.n, before.rows[0]?.n, 'nothing stored for ignored events');
  });

  test('a failed delivery is retried; when the retries run out it is shown as failed with its error', async () => {
    const peer = 712340001;
    await post(messageNew(peer, 900, 'Позвать оператора', JSON.stringify({ button: 'operator' })));
    const id = await conversationOf(peer);
    await waitFor('the handover message', () => sentTo(peer).some((m) => m.message.includes('Передаю разговор оператору')));
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator })).status, 200);
    const deliveries = async () => (await s.request({ method: 'GET', url: `/api/channels/conversations/${id}/deliveries`, token: operator })).json.items as Array<{ messageId: string; status: string; attempts: number; error: string | null; externalMessageId: string | null }>;
    // the take notice is on its way too: the failures below are meant for the replies only
    await waitFor('the take notice delivered', () => sentTo(peer).some((m) => m.message.includes('подключился')));
    await waitFor('everything so far delivered', async () => (await deliveries()).every((d) => d.status === 'sent'));

    try {
      fake.failSends(1);
      const retried = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Ответ после повтора', clientMessageId: 'vk-r' } });
      assert.equal(retried.status, 201);
      await waitFor('the retried reply', () => sentTo(peer).some((m) => m.message === 'Ответ после повтора'), 30_000);
      const ok = await waitFor('the delivery recorded as sent', async () => (await deliveries()).find((d) => d.messageId === retried.json.id && d.status === 'sent'));
      assert.equal(ok.attempts, 2);

      fake.failSends(1000);
      const failing = await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/operator-messages`, token: operator, body: { text: 'Этот ответ не дойдёт', clientMessageId: 'vk-f' } });
      assert.equal(failing.status, 201);
      const failed = await waitFor('the delivery marked failed', async () => (await deliveries()).find((d) => d.messageId === failing.json.id && d.status === 'failed'), 40_000);
      assert.equal(failed.attempts, DELIVERY_RETRY_LIMIT + 1);
      assert.match(failed.error ?? '', /Internal server error/);
      assert.equal(failed.externalMessageId, null);
      assert.ok(!sentTo(peer).some((m) => m.message === 'Этот ответ не дойдёт'));
    } finally {
      fake.failSends(0);
    }
  });

  test('a photo with a caption in: its largest copy is stored with its bytes and type, and the bot hands over', async () => {
    const peer = 712300001;
    fake.files.set('p1-x.png', PNG);
    const r = await post(withAttachments(messageNew(peer, 200, 'Ошибка при входе на портал'), [photo(457239200, peer, [['s', 75, fake.fileUrl('p1-s.png')], ['x', 604, fake.fileUrl('p1-x.png')], ['m', 130, fake.fileUrl('p1-m.png')]])]));
    assert.equal(r.status, 200);
    assert.equal(r.text, 'ok');
    await waitFor('the handover for a file', () => sentTo(peer).some((m) => m.message.includes('Файлы смотрит оператор')));
    const id = await conversationOf(peer);
    const [m, ...rest] = (await messagesOf(id)).filter((x) => x.author === 'citizen');
    assert.equal(rest.length, 0);
    assert.equal(m?.text, 'Ошибка при входе на портал');
    assert.equal(m?.attachment?.name, 'photo-712300001_457239200.jpg');
    const file = await fileOf(id, m?.attachment?.id ?? '');
    assert.equal(file.type, 'image/png', 'the type is judged by the bytes');
    assert.ok(file.data.equals(PNG));
    assert.deepEqual(fake.downloads, ['p1-x.png'], 'only the largest copy is fetched');
  });

  test('a document in; a photo and a document in one message become two messages, the caption on the first', async () => {
    const peer = 712300002;
    fake.files.set('d2.pdf', PDF);
    assert.equal((await post(withAttachments(messageNew(peer, 300, ''), [doc(671230001, peer, 'Заявление.pdf', PDF.length, fake.fileUrl('d2.pdf'))]))).status, 200);
    const id = await conversationOf(peer);
    const first = await waitFor('the document', async () => (await messagesOf(id)).find((m) => m.attachment));
    assert.equal(first.text, '');
    assert.equal(first.attachment?.name, 'Заявление.pdf');
    const file = await fileOf(id, first.attachment?.id ?? '');
    assert.equal(file.type, 'application/pdf');
    assert.ok(file.data.equals(PDF));

    fake.files.set('p2.png', PNG);
    const both = withAttachments(messageNew(peer, 301, 'Скриншот и заявление'), [photo(457239201, peer, [['x', 604, fake.fileUrl('p2.png')]]), { type: 'sticker', sticker: { product_id: 1, sticker_id: 9, images: [] } }, doc(671230002, peer, 'Заявление-2.pdf', PDF.length, fake.fileUrl('d2.pdf'))]);
    assert.equal((await post(both)).status, 200);
    assert.equal((await post(both)).status, 200, 'VK repeats an event it did not see answered');
    const files = await waitFor('both files', async () => {
      const list = (await messagesOf(id)).filter((m) => m.attachment);
      return list.length >= 3 ? list : undefined;
    });
    assert.deepEqual(
      files.map((m) => [m.text, m.attachment?.name, m.attachment?.type]),
      [
        ['', 'Заявление.pdf', 'application/pdf'],
        ['Скриншот и заявление', 'photo-712300002_457239201.jpg', 'image/png'],
        ['', 'Заявление-2.pdf', 'application/pdf'],
      ],
    );
    // a later message proves the queue has moved past the replay
    assert.equal((await post(messageNew(peer, 302, 'Жду ответа'))).status, 200);
    const all = await waitFor('the later text', async () => {
      const list = await messagesOf(id);
      return list.some((m) => m.text === 'Жду ответа') ? list : undefined;
    });
    assert.equal(all.filter((m) => m.attachment).length, 3, 'the replayed event added nothing');
  });

  test('a file whose link is dead fails the inbound job until its last try, which keeps the text without the file', async () => {
    // the job's own registry, as the server builds it, bound to the VK account the server created
    const registry = createChannelRegistry([createVkAdapter({ token: TOKEN, groupId: GROUP, secret: SECRET, apiBaseUrl: fake.url })]);
    const account = await sql<{ id: string }>`SELECT id FROM channel_accounts WHERE kind = 'vk'`.execute(s.database.db);
    const channel = registry.get('vk');
    assert.ok(channel && account.rows[0]);
    channel.accountId = account.rows[0].id;
    const peer = 712300077;
    const event = withAttachments(messageNew(peer, 950, 'Вот скриншот ошибки'), [photo(457239950, peer, [['x', 604, fake.fileUrl('gone.png')]])]);
    const receive = (finalAttempt: boolean) => receiveInboundPayload({ deps: s.deps, fanOut: s.fanOut, registry, kind: 'vk', payload: event, finalAttempt });
    await assert.rejects(receive(false), /answered 404/, 'an early try fails, so the job is retried');
    assert.equal(await receive(true), 1, 'the last try stores the message');
    assert.equal(await receive(true), 0, 'and only once');
    const id = await conversationOf(peer);
    const mine = (await messagesOf(id)).filter((m) => m.author === 'citizen');
    assert.deepEqual(
      mine.map((m) => [m.text, m.attachment]),
      [['Вот скриншот ошибки', null]],
    );
    const notices = (await messagesOf(id)).filter((m) => m.author === 'system' && m.text.includes('не удалось получить'));
    assert.equal(notices.length, 1, 'the operator and the person are told the file did not come');
  });

  test('a file link off VK’s hosts is refused at once (the desk fetches nothing there); the text is kept', async () => {
    const registry = createChannelRegistry([createVkAdapter({ token: TOKEN, groupId: GROUP, secret: SECRET, apiBaseUrl: fake.url })]);
    const account = await sql<{ id: string }>`SELECT id FROM channel_accounts WHERE kind = 'vk'`.execute(s.database.db);
    const channel = registry.get('vk');
    assert.ok(channel && account.rows[0]);
    channel.accountId = account.rows[0].id;
    const peer = 712300078;
    // the cloud metadata address: a forged payload must not make the desk ask it anything
    const event = withAttachments(messageNew(peer, 951, 'Скриншот по ссылке'), [photo(457239951, peer, [['x', 604, 'http://169.254.169.254/latest/meta-data/']])]);
    assert.equal(await receiveInboundPayload({ deps: s.deps, fanOut: s.fanOut, registry, kind: 'vk', payload: event, finalAttempt: false }), 1, 'not retried: stored on the first try');
    const id = await conversationOf(peer);
    const messages = await messagesOf(id);
    assert.deepEqual(messages.filter((m) => m.author === 'citizen').map((m) => [m.text, m.attachment]), [['Скриншот по ссылке', null]]);
    assert.equal(messages.filter((m) => m.author === 'system' && m.text.includes('ведёт не на сервер канала')).length, 1);
  });

  test('a file over the chat limit is refused with a log line and no error; its caption is kept', async () => {
    const peer = 712300003;
    const refusals: string[] = [];
    const log = s.deps.log as any;
    const info = log.info;
    log.info = function (obj: unknown, msg?: string, ...rest: unknown[]) {
      if (msg === 'channel attachment not accepted') refusals.push(String((obj as { reason?: string }).reason));
      return info.call(this, obj, msg, ...rest);
    };
    try {
      // a document says its size: it is refused unread
      const hugeDoc = await post(withAttachments(messageNew(peer, 400, 'Скан всех страниц'), [doc(671230003, peer, 'скан.pdf', 50 * 1024 * 1024, fake.fileUrl('huge.pdf'))]));
      assert.equal(hugeDoc.status, 200);
      assert.equal(hugeDoc.text, 'ok');
      // a photo does not: it is read only up to the limit
      fake.files.set('huge.png', Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024, 1)]));
      const hugePhoto = await post(withAttachments(messageNew(peer, 401, 'Фото документа'), [photo(457239202, peer, [['w', 2560, fake.fileUrl('huge.png')]])]));
      assert.equal(hugePhoto.status, 200);
      const id = await conversationOf(peer);
      const citizen = await waitFor('both captions', async () => {
        const list = (await messagesOf(id)).filter((m) => m.author === 'citizen');
        return list.length >= 2 ? list : undefined;
      });
      assert.deepEqual(
        citizen.map((m) => [m.text, m.attachment]),
        [
          ['Скан всех страниц', null],
          ['Фото документа', null],
        ],
      );
      assert.ok(!fake.downloads.includes('huge.pdf'), 'the document was not downloaded');
      assert.equal(refusals.length, 2);
      assert.ok(refusals.every((r) => /^too large: \d+ bytes$/.test(r)), refusals.join('; '));
      // the person is told, in the chat they wrote from
      await waitFor('the notices in VK', () => sentTo(peer).filter((m) => /Файл «.+» не принят: он больше 10 МБ/.test(m.message)).length === 2);
    } finally {
      log.info = info;
    }
  });

  test("the operator's photo and document go out through VK's upload; deliveries are recorded as sent", async () => {
    const peer = 712300004;
    assert.equal((await post(messageNew(peer, 500, 'Позвать оператора', JSON.stringify({ button: 'operator' })))).status, 200);
    await waitFor('the handover message', () => sentTo(peer).some((m) => m.message.includes('Передаю разговор оператору')));
    const id = await conversationOf(peer);
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${id}/take`, token: operator })).status, 200);

    const up = await sendFile(id, PNG, 'sample.png', 'image/png', 'Вот образец', 'vk-f-1');
    assert.equal(up.status, 201, up.text);
    const out = await waitFor('the photo in VK', () => sentTo(peer).find((m) => m.attachments.length > 0));
    assert.equal(out.message, 'Вот образец');
    assert.match(out.attachment ?? '', /^photo-229876543_\d+_\w+$/);
    assert.equal(out.attachments[0]?.type, 'photo');
    assert.ok(out.attachments[0]?.data.equals(PNG));

    const upDoc = await sendFile(id, PDF, 'Образец заявления.pdf', 'application/pdf', '', 'vk-f-2');
    assert.equal(upDoc.status, 201, upDoc.text);
    const outDoc = await waitFor('the document in VK', () => sentTo(peer).find((m) => m.attachments[0]?.type === 'doc'));
    assert.match(outDoc.attachment ?? '', /^doc-229876543_\d+$/);
    assert.equal(outDoc.attachments[0]?.title, 'Образец заявления.pdf');
    assert.ok(outDoc.attachments[0]?.data.equals(PDF));
    assert.equal(outDoc.message, '', 'no caption, no text');

    const calls = fake.calls.map((c) => c.method);
    for (const m of ['photos.getMessagesUploadServer', 'photos.saveMessagesPhoto', 'docs.getMessagesUploadServer', 'docs.save']) assert.ok(calls.includes(m), m);
    const ds = await waitFor('every delivery sent', async () => {
      const r = await s.request({ method: 'GET', url: `/api/channels/conversations/${id}/deliveries`, token: operator });
      const items = r.json.items as Array<{ messageId: string; status: string; externalMessageId: string | null }>;
      return items.length > 0 && items.every((d) => d.status === 'sent') ? items : undefined;
    });
    assert.ok(ds.some((d) => d.messageId === up.json.message.id && d.externalMessageId === `m:${out.id}`));
    assert.ok(ds.some((d) => d.messageId === upDoc.json.message.id && d.externalMessageId === `m:${outDoc.id}`));
  });
});
