import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createVkAdapter, parseVkEvent, vkKeyboard, vkRandomId } from './vk-adapter.ts';

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
    ['vk-message-photo', /without text/],
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
