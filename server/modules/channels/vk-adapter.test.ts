import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startFakeVkApi, type FakeVkApi } from '../../../tests/fakes/vk-api.ts';
import type { InboundMessage } from './channel-adapter.ts';
import { createVkAdapter, parseVkEvent, vkKeyboard, vkRandomId, vkUploadKind } from './vk-adapter.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

test('message_new from a person becomes one inbound message keyed by the VK message id', () => {
  assert.deepEqual(parseVkEvent(fixture('vk-message-new')), {
    kind: 'messages',
    messages: [{ externalMessageId: 'm:1543', externalUserId: '712345678', chatId: '712345678', displayName: 'VK id712345678', text: 'Здравствуйте! Как записаться на приём?' }],
  });
});

test('a pressed keyboard button carries its payload', () => {
  const parsed = parseVkEvent(fixture('vk-message-button'));
  const [m] = parsed.kind === 'messages' ? parsed.messages : [];
  assert.equal(m?.text, 'Позвать оператора');
  assert.equal(m?.payload, 'operator');
});

test('the confirmation request is recognised', () => {
  assert.deepEqual(parseVkEvent(fixture('vk-confirmation')), { kind: 'confirmation' });
});

test('events the desk does not handle are ignored with a reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['vk-message-reply', /message_reply/],
    ['vk-message-group-chat', /group chat/],
    ['vk-message-typing', /message_typing_state/],
    ['vk-message-sticker', /^message without text; attachments not handled: sticker$/],
    ['vk-message-audio-message', /attachments not handled: audio_message/],
  ];
  for (const [name, reason] of cases) {
    const parsed = parseVkEvent(fixture(name));
    assert.equal(parsed.kind, 'ignored', name);
    assert.match(parsed.kind === 'ignored' ? parsed.reason : '', reason, name);
  }
  for (const junk of [null, 'x', [], { type: 'message_new' }, { type: 'message_new', object: { message: { from_id: 'x' } } }]) assert.equal(parseVkEvent(junk).kind, 'ignored');
});

test('the bot buttons become an inline keyboard of text buttons within VK limits', () => {
  assert.equal(vkKeyboard([]), undefined);
  const kb = JSON.parse(vkKeyboard([{ label: 'Позвать оператора', payload: 'operator' }, { label: 'Очень длинное название статьи о получении налогового вычета', payload: 'article:x' }]) ?? '{}');
  assert.equal(kb.inline, true);
  assert.deepEqual(kb.buttons[0][0].action, { type: 'text', label: 'Позвать оператора', payload: '{"button":"operator"}' });
  assert.ok(kb.buttons[1][0].action.label.length <= 40);
});

test('random_id is stable per desk message, so a retried send is not duplicated by VK', () => {
  assert.equal(vkRandomId('6f1c9a3e-0000-4000-8000-000000000001'), vkRandomId('6f1c9a3e-0000-4000-8000-000000000001'));
  assert.notEqual(vkRandomId('6f1c9a3e-0000-4000-8000-000000000001'), vkRandomId('6f1c9a3e-0000-4000-8000-000000000002'));
});

test('the Callback API secret and the group id must match; confirmation needs only the group', () => {
  const vk = createVkAdapter({ token: 'vk1.a.token', groupId: 229876543, secret: 'vk-callback-secret-1', confirmationCode: 'a1b2c3d4', apiBaseUrl: 'http://127.0.0.1:9/method' });
  const check = (body: unknown) => vk.verifyWebhook({ headers: {}, body });
  assert.equal(check(fixture('vk-message-new')), true);
  assert.equal(check({ ...(fixture('vk-message-new') as object), secret: 'wrong-secret-000' }), false);
  assert.equal(check({ ...(fixture('vk-message-new') as object), secret: undefined }), false);
  assert.equal(check({ ...(fixture('vk-message-new') as object), group_id: 1 }), false);
  assert.equal(check(fixture('vk-confirmation')), true);
  assert.equal(vk.answerConfirmation?.(), 'a1b2c3d4');
});

const messagesOf = (payload: unknown): InboundMessage[] => {
  const parsed = parseVkEvent(payload);
  assert.equal(parsed.kind, 'messages', JSON.stringify(parsed));
  return parsed.kind === 'messages' ? parsed.messages : [];
};
/** a fixture's message_new with other attachments and text */
const withAttachments = (attachments: unknown[], text = '') => {
  const event = structuredClone(fixture('vk-message-new')) as { object: { message: Record<string, unknown> } };
  Object.assign(event.object.message, { attachments, text });
  return event;
};

test('a photo becomes a message whose attachment is its largest copy (the original), with no size (VK gives none)', () => {
  const [m, ...rest] = messagesOf(fixture('vk-message-photo'));
  assert.equal(rest.length, 0);
  assert.deepEqual(m, {
    externalMessageId: 'm:1547',
    externalUserId: '712345678',
    chatId: '712345678',
    displayName: 'VK id712345678',
    text: '',
    attachment: { fileId: 'https://sun9-1.userapi.com/impg/Hq3kR7vLw2Nc8Zp0TgYb5uXsA1eDmF4o/scr.jpg?quality=95&sign=0a1b2c3d4e5f60718293a4b5c6d7e8f9&type=album', filename: 'photo-712345678_457239017.jpg' },
  });
});

test('without orig_photo the largest size wins by pixels, then by size type when VK gives no dimensions', () => {
  const url = (t: string) => `https://sun9-1.userapi.com/${t}.jpg`;
  const bySize = withAttachments([{ type: 'photo', photo: { id: 1, owner_id: 5, sizes: [{ type: 'w', width: 2560, height: 1920, url: url('w') }, { type: 's', width: 75, height: 56, url: url('s') }, { type: 'r', width: 510, height: 383, url: url('r') }] } }]);
  assert.equal(messagesOf(bySize)[0]?.attachment?.fileId, url('w'));
  const noDimensions = withAttachments([{ type: 'photo', photo: { id: 1, owner_id: 5, sizes: [{ type: 'x', width: 0, height: 0, url: url('x') }, { type: 'z', width: 0, height: 0, url: url('z') }, { type: 'm', width: 0, height: 0, url: url('m') }] } }]);
  assert.equal(messagesOf(noDimensions)[0]?.attachment?.fileId, url('z'));
});

test('a document carries its title, size and the caption', () => {
  const [m, ...rest] = messagesOf(fixture('vk-message-doc'));
  assert.equal(rest.length, 0);
  assert.equal(m?.externalMessageId, 'm:1548');
  assert.equal(m?.text, 'Заполненное заявление');
  assert.deepEqual(m?.attachment, {
    fileId: 'https://vk.com/doc712345678_671234567?hash=Kz3Y8dQm1pVbR0tXwA5nLcE2hJ6fG9sU4iO7yT1aZ0&dl=c9Yh2Lq7Wm3Xp8Rt1Vn5Bz0Kd4Fj6Gs&api=1&no_preview=1',
    filename: 'Заявление.pdf',
    size: 183422,
  });
  const untitled = withAttachments([{ type: 'doc', doc: { id: 77, owner_id: 5, title: 'скан', ext: 'pdf', size: 10, url: 'https://vk.com/doc5_77' } }]);
  assert.equal(messagesOf(untitled)[0]?.attachment?.filename, 'скан.pdf', 'the extension is added when the title lacks it');
});

test('several attachments: one message each in VK order, the text and button on the first, other kinds dropped', () => {
  const messages = messagesOf(fixture('vk-message-photo-and-doc'));
  assert.deepEqual(
    messages.map((m) => [m.externalMessageId, m.text, m.attachment?.filename]),
    [
      ['m:1549', 'Скриншот ошибки и заявление', 'photo-712345678_457239018.jpg'],
      ['m:1549:2', '', 'Заявление.pdf'],
    ],
  );
  assert.ok(messages.every((m) => m.chatId === '712345678' && m.externalUserId === '712345678'));
  const pressed = withAttachments([{ type: 'doc', doc: { id: 1, owner_id: 5, title: 'a.pdf', ext: 'pdf', url: 'https://vk.com/doc5_1' } }, { type: 'doc', doc: { id: 2, owner_id: 5, title: 'b.pdf', ext: 'pdf', url: 'https://vk.com/doc5_2' } }], 'x');
  (pressed.object.message as Record<string, unknown>).payload = '{"button":"operator"}';
  assert.deepEqual(messagesOf(pressed).map((m) => m.payload), ['operator', undefined]);
});

test('text with only kinds the desk does not take (a wall post) is kept as text', () => {
  const [m, ...rest] = messagesOf(fixture('vk-message-wall-and-text'));
  assert.equal(rest.length, 0);
  assert.equal(m?.text, 'Вот этот пост, что он значит?');
  assert.equal(m?.attachment, undefined);
});

test('a file whose URL is not http(s), or a photo without any URL, is not taken', () => {
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://vk.com/doc', '//vk.com/doc5_1', 42]) {
    const parsed = parseVkEvent(withAttachments([{ type: 'doc', doc: { id: 1, owner_id: 5, title: 'a.pdf', ext: 'pdf', size: 3, url } }]));
    assert.equal(parsed.kind, 'ignored', String(url));
    assert.match(parsed.kind === 'ignored' ? parsed.reason : '', /attachments not handled: doc/);
  }
  assert.equal(parseVkEvent(withAttachments([{ type: 'photo', photo: { id: 1, owner_id: 5, sizes: [] } }])).kind, 'ignored');
  assert.equal(parseVkEvent(withAttachments(['junk', null, { type: 'doc' }])).kind, 'ignored');
});

test('JPEG, PNG and GIF go to VK as photos, anything else as a document', () => {
  assert.deepEqual(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'].map(vkUploadKind), ['photo', 'photo', 'photo', 'doc', 'doc']);
});

describe('against a fake VK API', () => {
  const TOKEN = 'vk1.a.unit-token';
  // a 1×1 PNG
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  let fake: FakeVkApi;
  let vk: ReturnType<typeof createVkAdapter>;
  before(async () => {
    fake = await startFakeVkApi({ token: TOKEN, groupId: 229876543 });
    vk = createVkAdapter({ token: TOKEN, groupId: 229876543, secret: 's', apiBaseUrl: fake.url, maxDownloadBytes: 1000 });
  });
  after(() => fake.close());

  test('a photo goes by the upload server and photos.saveMessagesPhoto, then rides messages.send; a retry is not sent twice', async () => {
    assert.equal(vk.sendsFiles, true);
    const message = { chatId: '712345678', text: 'Вот образец', buttons: [], messageId: 'desk-msg-photo-1', file: { data: PNG, filename: 'sample.png', mime: 'image/png' } };
    const first = await vk.send(message);
    assert.deepEqual(
      fake.calls.map((c) => c.method),
      ['photos.getMessagesUploadServer', 'photos.saveMessagesPhoto', 'messages.send'],
    );
    assert.equal(fake.calls[0]?.params.peer_id, '712345678');
    assert.deepEqual(fake.uploads.at(-1), { kind: 'photo', field: 'photo', filename: 'sample.png', contentType: 'image/png', size: PNG.length });
    const out = fake.sent.at(-1);
    assert.equal(out?.message, 'Вот образец');
    assert.match(out?.attachment ?? '', /^photo-229876543_\d+_\w+$/);
    assert.equal(out?.attachments.length, 1);
    assert.ok(out?.attachments[0]?.data.equals(PNG));
    assert.equal(first.externalMessageId, `m:${out?.id}`);

    const again = await vk.send(message);
    assert.equal(again.externalMessageId, first.externalMessageId, 'VK answers the first send for a repeated random_id');
    assert.equal(fake.sent.filter((m) => m.random_id === out?.random_id).length, 1);
  });

  test('a PDF goes by docs.getMessagesUploadServer (type doc) and docs.save under its name; no caption, no message text', async () => {
    fake.calls.length = 0;
    await vk.send({ chatId: '712345678', text: '', buttons: [], messageId: 'desk-msg-doc-1', file: { data: PDF, filename: 'Образец заявления.pdf', mime: 'application/pdf' } });
    assert.deepEqual(
      fake.calls.map((c) => c.method),
      ['docs.getMessagesUploadServer', 'docs.save', 'messages.send'],
    );
    assert.equal(fake.calls[0]?.params.type, 'doc');
    assert.equal(fake.calls[0]?.params.peer_id, '712345678');
    assert.equal(fake.calls[1]?.params.title, 'Образец заявления.pdf');
    assert.equal(fake.calls[2]?.params.message, undefined);
    const out = fake.sent.at(-1);
    assert.match(out?.attachment ?? '', /^doc-229876543_\d+$/);
    assert.equal(out?.attachments[0]?.title, 'Образец заявления.pdf');
    assert.ok(out?.attachments[0]?.data.equals(PDF));
  });

  test('a picture VK cannot read fails the send (it is retried by the delivery job) and sends nothing', async () => {
    const before = fake.sent.length;
    await assert.rejects(vk.send({ chatId: '712345678', text: 'x', buttons: [], messageId: 'desk-msg-bad-1', file: { data: Buffer.from('not a picture'), filename: 'x.png', mime: 'image/png' } }), /photos_list is invalid/);
    assert.equal(fake.sent.length, before);
  });

  test('download fetches an http(s) URL, cuts a file over the limit at limit + 1 bytes, and refuses other schemes', async () => {
    fake.files.set('small.pdf', PDF);
    assert.ok((await vk.download?.(fake.fileUrl('small.pdf')))?.equals(PDF));
    fake.files.set('big.bin', Buffer.alloc(50_000, 7));
    assert.equal((await vk.download?.(fake.fileUrl('big.bin')))?.length, 1001, 'the caller refuses anything over its limit');
    await assert.rejects(vk.download?.(fake.fileUrl('missing')) ?? Promise.resolve(), /answered 404/);
    const downloads = fake.downloads.length;
    for (const bad of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'javascript:alert(1)', '/files/small.pdf', 'data:application/pdf;base64,JVBERg==']) {
      await assert.rejects(vk.download?.(bad) ?? Promise.resolve(), /only from an http\(s\) URL/, bad);
    }
    assert.equal(fake.downloads.length, downloads, 'nothing was fetched for them');
  });

  test('describing the account asks VK for the community: its name comes back, a refused token is an error', async () => {
    assert.deepEqual(await vk.describeAccount(), { externalId: '229876543', name: 'Сообщество 229876543' });
    const wrong = createVkAdapter({ token: 'vk1.a.revoked-token', groupId: 229876543, apiBaseUrl: fake.url });
    await assert.rejects(wrong.describeAccount(), /authorization failed/i);
  });
});
