import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createTelegramAdapter, parseTelegramUpdate, telegramKeyboard } from './telegram-adapter.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

test('a private text message becomes one inbound message keyed by chat and message id', () => {
  const parsed = parseTelegramUpdate(fixture('telegram-message-text'));
  assert.deepEqual(parsed, {
    kind: 'messages',
    messages: [{ externalMessageId: 'm:401234567:52', externalUserId: '401234567', chatId: '401234567', displayName: 'Иван Петров', text: 'Как получить справку о доходах?' }],
  });
});

test('a button press (callback_query) carries the button label as text and callback_data as payload', () => {
  const parsed = parseTelegramUpdate(fixture('telegram-callback-query'));
  assert.equal(parsed.kind, 'messages');
  const [m] = parsed.kind === 'messages' ? parsed.messages : [];
  assert.deepEqual(m, { externalMessageId: 'cb:1724893675128923411', externalUserId: '401234567', chatId: '401234567', displayName: 'Иван', text: 'Позвать оператора', payload: 'operator', callbackId: '1724893675128923411' });
});

test('a label-only button (payload over 64 bytes) sends the label and no payload', () => {
  const parsed = parseTelegramUpdate(fixture('telegram-callback-label-only'));
  const [m] = parsed.kind === 'messages' ? parsed.messages : [];
  assert.equal(m?.text, 'Как подать заявление на налоговый вычет');
  assert.equal(m?.payload, undefined);
  assert.equal(m?.callbackId, '1724893675128923412');
});

test('a photo carries its largest size as the attachment and its caption as text', () => {
  const parsed = parseTelegramUpdate(fixture('telegram-photo-caption'));
  const [m] = parsed.kind === 'messages' ? parsed.messages : [];
  assert.equal(m?.text, 'Ошибка при входе');
  assert.equal(m?.externalMessageId, 'm:401234567:55');
  assert.deepEqual(m?.attachment, { fileId: 'AgACAgIAAxkBAAIBQ2Vn-large', filename: 'photo-55.jpg', size: 48211 });
});

test('a document carries its name and size; no caption means empty text', () => {
  const parsed = parseTelegramUpdate(fixture('telegram-document'));
  const [m] = parsed.kind === 'messages' ? parsed.messages : [];
  assert.equal(m?.text, '');
  assert.deepEqual(m?.attachment, { fileId: 'BQACAgIAAxkBAAIBRWVn-doc', filename: 'Заявление.pdf', size: 183422 });
});

test('updates the desk does not handle are ignored with a reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['telegram-sticker', /without text/],
    ['telegram-group-message', /supergroup/],
    ['telegram-edited-message', /edited_message/],
    ['telegram-my-chat-member', /my_chat_member/],
  ];
  for (const [name, reason] of cases) {
    const parsed = parseTelegramUpdate(fixture(name));
    assert.equal(parsed.kind, 'ignored', name);
    assert.match(parsed.kind === 'ignored' ? parsed.reason : '', reason, name);
  }
  for (const junk of [null, 'text', [], { message: {} }, { update_id: 'x' }]) assert.equal(parseTelegramUpdate(junk).kind, 'ignored');
});

test('the bot buttons become an inline keyboard; a payload over 64 bytes becomes a label-only key', () => {
  assert.equal(telegramKeyboard([]), undefined);
  const long = `article:${'очень-длинный-адрес-статьи'.repeat(3)}`;
  const kb = telegramKeyboard([{ label: 'Помогло', payload: 'helpful' }, { label: 'Статья', payload: long }]);
  assert.deepEqual(kb?.inline_keyboard[0], [{ text: 'Помогло', callback_data: 'helpful' }]);
  const data = kb?.inline_keyboard[1]?.[0]?.callback_data ?? '';
  assert.ok(data.startsWith('~') && Buffer.byteLength(data) <= 64, data);
});

test('the webhook secret must match exactly', () => {
  const adapter = createTelegramAdapter({ token: '1:x', apiRoot: 'http://127.0.0.1:9', webhookSecret: 'secret-secret-123', polling: false });
  assert.equal(adapter.verifyWebhook({ headers: { 'x-telegram-bot-api-secret-token': 'secret-secret-123' }, body: {} }), true);
  assert.equal(adapter.verifyWebhook({ headers: { 'x-telegram-bot-api-secret-token': 'secret-secret-124' }, body: {} }), false);
  assert.equal(adapter.verifyWebhook({ headers: {}, body: {} }), false);
  const open = createTelegramAdapter({ token: '1:x', apiRoot: 'http://127.0.0.1:9', polling: true });
  assert.equal(open.verifyWebhook({ headers: { 'x-telegram-bot-api-secret-token': '' }, body: {} }), false, 'no secret configured: every webhook call is refused');
});
