// VK community messages end to end against a fake VK API: the Callback API confirmation and secret,
// a message in and the bot's answer out, a keyboard button hands over, the operator's reply
// delivered, a replayed event stored once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startFakeVkApi, type FakeVkApi } from '../fakes/vk-api.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';

const GROUP = 229876543;
const SECRET = 'vk-callback-secret-1';
const TOKEN = 'vk1.a.test-community-token';
const CALLBACK = '/api/channels/vk/callback';

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let eventNo = 0;
const messageNew = (fromId: number, id: number, text: string, payload?: string) => ({
  group_id: GROUP,
  type: 'message_new',
  event_id: `evt-${++eventNo}`,
  v: '5.199',
  object: { message: { date: Math.floor(Date.now() / 1000), from_id: fromId, id, out: 0, peer_id: fromId, conversation_message_id: id, text, attachments: [], ...(payload ? { payload } : {}) }, client_info: { inline_keyboard: true } },
  secret: SECRET,
});

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
});
