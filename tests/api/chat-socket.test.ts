// The chat WebSocket against a real listening server: live delivery to the visitor who holds the
// conversation token, resume after a reconnect without loss or duplicates, no way into another
// person's conversation, operators and citizens seeing each other's messages, typing and state,
// and a socket that survives bad frames.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import type { ChatMessage } from '../../shared/contracts/chat.ts';
import { ChatSocketClient, sleep } from '../support/chat-socket-client.ts';
import { callApi, signInOver } from '../support/http-api.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let base: string;
const sockets: ChatSocketClient[] = [];

before(async () => {
  s = await startTestServer({ seedArticles: true });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const address = s.app.server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
});
after(async () => {
  for (const c of sockets) await c.close();
  await s?.stop();
});

async function socket(opts: { cookie?: string } = {}) {
  const c = await ChatSocketClient.open(base, opts);
  sockets.push(c);
  return c;
}

type Conversation = { id: string; token: string };
let n = 0;
async function open(): Promise<Conversation> {
  const r = await callApi(base, 'POST', '/api/chat/conversations', { body: { channel: 'web' } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
async function say(c: Conversation, text: string) {
  n += 1;
  const r = await callApi(base, 'POST', `/api/chat/conversations/${c.id}/messages`, { token: c.token, body: { text, clientMessageId: `ws-${n}` } });
  assert.equal(r.status, 201, r.text);
  return r.json as { message: ChatMessage; replies: Array<{ id: string; author: string; text: string }>; state: string };
}
async function history(c: Conversation, token = c.token): Promise<ChatMessage[]> {
  const r = await callApi(base, 'GET', `/api/chat/conversations/${c.id}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json.messages;
}
const seqs = (ms: ChatMessage[]) => ms.map((m) => m.seq);
/** no frame should arrive: long enough for a NOTIFY round trip and a query on this machine */
const QUIET_MS = 1_000;

describe(`chat WebSocket (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test("an anonymous visitor subscribed with the conversation token gets its own message and the bot's replies live", async () => {
    const c = await open();
    const ws = await socket();
    const ok = await ws.subscribe(c.id, { token: c.token });
    assert.deepEqual(ok, { type: 'subscribed', conversationId: c.id, state: 'bot' });

    const r = await say(c, 'В какой срок ответят на письмо по почте?');
    assert.ok(r.replies.length >= 1);
    const lastId = r.replies.at(-1)?.id;
    await ws.next('message', (f) => f.message.id === lastId);
    const got = ws.messages(c.id);
    assert.equal(got[0]?.id, r.message.id, 'its own message first');
    assert.equal(got[0]?.author, 'citizen');
    assert.deepEqual(
      got.slice(1).map((m) => m.id),
      r.replies.map((x) => x.id),
      "then the bot's replies, as the REST answer lists them",
    );
    assert.match(got[1]?.text ?? '', /10 рабочих дней/);
    assert.deepEqual(seqs(got), seqs(await history(c)), 'exactly the stored history, in order, once');
  });

  test('the same send retried in parallel is stored, acknowledged and delivered once', async () => {
    const c = await open();
    const ws = await socket();
    await ws.subscribe(c.id, { token: c.token });
    await say(c, 'Соедините меня с оператором'); // waiting: the sends below do not involve the bot
    const body = { text: 'повтор с тем же идентификатором', clientMessageId: 'parallel-1' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => callApi(base, 'POST', `/api/chat/conversations/${c.id}/messages`, { token: c.token, body })));
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 201, 201, 201], answers.map((a) => a.text).join('\n'));
    const id = answers[0]?.json.message.id;
    assert.ok(answers.every((a) => a.json.message.id === id), 'every retry answers with the one stored message');
    await ws.next('message', (f) => f.message.id === id);
    await sleep(QUIET_MS);
    assert.equal(ws.messages(c.id).filter((m) => m.clientMessageId === 'parallel-1').length, 1, 'delivered once');
    assert.equal((await history(c)).filter((m) => m.clientMessageId === 'parallel-1').length, 1, 'stored once');
  });

  test('resume after a reconnect with afterSeq: exactly the missing messages, no duplicates', async () => {
    const c = await open();
    const first = await socket();
    await first.subscribe(c.id, { token: c.token });
    await say(c, 'где найти форму обратной связи');
    const seen = (await history(c)).at(-1)?.seq ?? 0;
    await first.seq(c.id, seen);
    await first.close();

    // while away: two more turns with the bot
    await say(c, 'как проверить статус обращения');
    await say(c, 'спасибо');
    const all = await history(c);
    const missing = all.filter((m) => m.seq > seen);
    assert.ok(missing.length >= 2, 'something happened while the socket was away');

    const lastSeen = first.messages(c.id).at(-1)?.seq ?? 0;
    assert.equal(lastSeen, seen);
    const second = await socket();
    await second.subscribe(c.id, { token: c.token, afterSeq: lastSeen });
    await second.seq(c.id, all.at(-1)?.seq ?? 0);
    await sleep(300);
    assert.deepEqual(seqs(second.messages(c.id)), seqs(missing), 'the missing ones, nothing seen before');

    // and live again afterwards, still without repeats
    await say(c, 'Соедините меня с оператором');
    const now = await history(c);
    await second.seq(c.id, now.at(-1)?.seq ?? 0);
    await sleep(300);
    const union = [...first.messages(c.id), ...second.messages(c.id)];
    assert.deepEqual(seqs(union), seqs(now), 'every message exactly once across both connections');
    assert.equal(new Set(union.map((m) => m.id)).size, union.length);
  });

  test("a socket with another conversation's token, no token, or another citizen's session cannot join or read it", async () => {
    const victim = await open();
    const other = await open();
    const citizenToken = await signInOver(base, 'citizen@example.com');

    const wrongToken = await socket();
    const noToken = await socket();
    const citizen = await socket({ cookie: `svyaz_session=${citizenToken}` });
    const forged = await socket();
    for (const [ws, token] of [
      [wrongToken, other.token],
      [noToken, undefined],
      [citizen, undefined],
      [forged, `${victim.token.slice(0, -2)}xx`],
    ] as const) {
      const answer = await ws.subscribe(victim.id, { token });
      assert.equal(answer.type, 'error');
      assert.equal(answer.type === 'error' && answer.code, 'CONVERSATION_NOT_FOUND');
    }
    // an unknown conversation answers the same: the id says nothing
    const unknown = await noToken.subscribe('00000000-0000-4000-8000-000000000000', { token: victim.token });
    assert.equal(unknown.type === 'error' && unknown.code, 'CONVERSATION_NOT_FOUND');

    // the one with another token may still follow its own conversation
    assert.equal((await wrongToken.subscribe(other.id, { token: other.token })).type, 'subscribed');
    // nor may they write into it (typing is the only thing a socket writes)
    wrongToken.send({ type: 'typing', conversationId: victim.id });
    await wrongToken.next('error', (f) => f.code === 'CONVERSATION_NOT_FOUND' && wrongToken.frames.filter((x) => x.type === 'error').length >= 2);

    const owner = await socket();
    await owner.subscribe(victim.id, { token: victim.token });
    owner.send({ type: 'typing', conversationId: victim.id });
    await say(victim, 'Мой паспорт 4510 123456, помогите');
    await say(other, 'привет');
    const last = (await history(victim)).at(-1)?.seq ?? 0;
    await owner.seq(victim.id, last);
    await sleep(QUIET_MS);
    for (const ws of [wrongToken, noToken, citizen, forged]) {
      const leaked = ws.frames.filter((f) => 'conversationId' in f && f.conversationId === victim.id);
      assert.deepEqual(leaked, [], 'nothing of that conversation');
      assert.ok(!JSON.stringify(ws.frames).includes('4510'), 'not even a fragment of its text');
    }
    assert.ok(wrongToken.messages(other.id).length >= 1, 'its own conversation still arrives');
    assert.ok(!JSON.stringify(owner.frames).includes('4510 123456'), 'the citizen socket shows personal data masked, as REST does');
  });

  test("an operator socket sees the citizen's messages and typing; the citizen sees the operator's reply, typing and the state change", async () => {
    const c = await open();
    const handover = await say(c, 'Соедините меня с оператором');
    assert.equal(handover.state, 'waiting');

    const operatorToken = await signInOver(base, 'operator@example.com');
    const operator = await socket({ cookie: `svyaz_session=${operatorToken}` });
    const citizen = await socket();
    assert.deepEqual(await operator.subscribe(c.id), { type: 'subscribed', conversationId: c.id, state: 'waiting' }, 'staff join without the token');
    assert.equal((await citizen.subscribe(c.id, { token: c.token })).type, 'subscribed');
    const before = await history(c);
    await operator.seq(c.id, before.at(-1)?.seq ?? 0);
    assert.ok(operator.messages(c.id).some((m) => m.author === 'bot'), 'the operator sees the bot part on joining');

    // citizen → operator: typing, then a message (personal data unmasked for the operator only)
    citizen.send({ type: 'typing', conversationId: c.id });
    await operator.next('typing', (f) => f.conversationId === c.id && f.author === 'citizen');
    const sent = await say(c, 'мой телефон +7 916 123-45-67');
    const atOperator = await operator.next('message', (f) => f.message.id === sent.message.id);
    assert.match(atOperator.message.text, /\+7 916 123-45-67/);
    const atCitizen = await citizen.next('message', (f) => f.message.id === sent.message.id);
    assert.ok(!atCitizen.message.text.includes('123-45-67'), 'masked on the citizen side');

    // take → the citizen gets the state change and the system message
    const take = await callApi(base, 'POST', `/api/chat/conversations/${c.id}/take`, { token: operatorToken });
    assert.equal(take.status, 200, take.text);
    assert.equal((await citizen.next('state', (f) => f.conversationId === c.id)).state, 'operator');
    await citizen.next('message', (f) => f.message.author === 'system' && /подключился/.test(f.message.text));
    await operator.next('state', (f) => f.conversationId === c.id && f.state === 'operator');

    // operator → citizen: typing and a reply; a private note never reaches the citizen
    operator.send({ type: 'typing', conversationId: c.id });
    await citizen.next('typing', (f) => f.conversationId === c.id && f.author === 'operator');
    const note = await callApi(base, 'POST', `/api/chat/conversations/${c.id}/operator-messages`, { token: operatorToken, body: { text: 'заметка: проверить номер', clientMessageId: 'ws-note', internal: true } });
    assert.equal(note.status, 201, note.text);
    const reply = await callApi(base, 'POST', `/api/chat/conversations/${c.id}/operator-messages`, { token: operatorToken, body: { text: 'Здравствуйте! <script>x()</script>', clientMessageId: 'ws-reply' } });
    assert.equal(reply.status, 201, reply.text);
    const answer = await citizen.next('message', (f) => f.message.id === reply.json.id);
    assert.equal(answer.message.author, 'operator');
    assert.equal(answer.message.text, 'Здравствуйте! <script>x()</script>', 'text stays text');
    await operator.next('message', (f) => f.message.id === note.json.id && f.message.internal);
    await operator.next('message', (f) => f.message.id === reply.json.id);
    await sleep(300);
    assert.ok(!citizen.messages(c.id).some((m) => m.internal || m.text.includes('заметка')), 'no private note on the citizen socket');
    assert.ok(!citizen.frames.some((f) => f.type === 'typing' && f.author === 'citizen'), 'nobody is shown their own typing');
    assert.ok(!operator.frames.some((f) => f.type === 'typing' && f.author === 'operator'));
    assert.ok(operator.frames.some((f) => f.type === 'queue'), 'staff sockets hear queue changes');
    assert.ok(!citizen.frames.some((f) => f.type === 'queue'), 'citizens do not');

    // close: both get the state
    assert.equal((await callApi(base, 'POST', `/api/chat/conversations/${c.id}/close`, { token: operatorToken })).status, 200);
    assert.equal((await citizen.next('state', (f) => f.state === 'closed')).conversationId, c.id);
    await operator.next('state', (f) => f.state === 'closed');
    // a message after closing reopens it with the bot, and both sides are told
    // (the state a frame carries is read when it is delivered: the bot may already have handed over)
    const from = { citizen: citizen.frames.length, operator: operator.frames.length };
    await say(c, 'ещё вопрос');
    const reopened = (ws: ChatSocketClient, i: number) => ws.next('state', (f) => ws.frames.indexOf(f) >= i && f.state !== 'closed');
    await reopened(citizen, from.citizen);
    await reopened(operator, from.operator);
    for (const ws of [citizen, operator]) {
      const ids = ws.messages(c.id).map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      assert.deepEqual(seqs(ws.messages(c.id)), [...seqs(ws.messages(c.id))].sort((a, b) => a - b), 'in order');
    }
  });

  test('frames take effect in the order sent: after unsubscribe nothing more arrives', async () => {
    const c = await open();
    const ws = await socket();
    // back to back, without waiting for the answer: the unsubscribe must not overtake the subscribe
    ws.send({ type: 'subscribe', conversationId: c.id, afterSeq: 0, token: c.token });
    ws.send({ type: 'unsubscribe', conversationId: c.id });
    ws.send({ type: 'ping' });
    await ws.next('pong');
    assert.deepEqual(ws.frames.map((f) => f.type), ['subscribed', 'pong']);
    await say(c, 'привет');
    await sleep(QUIET_MS);
    assert.deepEqual(ws.messages(c.id), []);
    ws.send({ type: 'typing', conversationId: c.id });
    await ws.next('error', (f) => f.code === 'CONVERSATION_NOT_FOUND');

    // subscribe and typing back to back: the typing counts as the subscriber's
    const operatorToken = await signInOver(base, 'operator@example.com');
    const operator = await socket({ cookie: `svyaz_session=${operatorToken}` });
    await operator.subscribe(c.id);
    const again = await socket();
    again.send({ type: 'subscribe', conversationId: c.id, afterSeq: 0, token: c.token });
    again.send({ type: 'typing', conversationId: c.id });
    await operator.next('typing', (f) => f.conversationId === c.id && f.author === 'citizen');
    assert.ok(!again.frames.some((f) => f.type === 'error'), JSON.stringify(again.frames));
  });

  test('malformed JSON and unknown frames get an error frame; the socket stays usable', async () => {
    const ws = await socket();
    ws.send('{not json');
    assert.equal((await ws.next('error', (f) => f.code === 'MALFORMED_JSON')).type, 'error');
    ws.send({ type: 'dance' });
    ws.send({ type: 'subscribe', conversationId: 'not-a-uuid' });
    ws.send({ type: 'typing' });
    ws.send('[]');
    ws.send('null');
    await ws.next('error', () => ws.frames.filter((f) => f.type === 'error' && f.code === 'VALIDATION_FAILED').length === 5);
    ws.send({ type: 'ping' });
    await ws.next('pong');
    assert.ok(ws.open);
    // and it can still do real work
    const c = await open();
    assert.equal((await ws.subscribe(c.id, { token: c.token })).type, 'subscribed');
    const r = await say(c, 'спасибо');
    await ws.next('message', (f) => f.message.id === r.message.id);
  });
});
