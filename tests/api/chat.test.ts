// The chat contract: the bot answers or hands over, personal data is masked outside the operator's
// view, sends are idempotent, nobody reads another person's conversation, operators work the queue.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabaseUrl } from '../../server/env.ts';
import { handOverOverdue, postCitizenMessage } from '../../server/modules/conversations/index.ts';
import { signIn, startTestServer, type TestServer } from '../support/test-server.ts';

let s: TestServer;
let clock = Date.now();
before(async () => {
  s = await startTestServer({ seedArticles: true, now: () => new Date(clock) });
});
after(async () => {
  await s?.stop();
});

let n = 0;
async function open(token?: string) {
  const r = await s.request({ method: 'POST', url: '/api/chat/conversations', body: { channel: 'web' }, token });
  assert.equal(r.status, 201, r.text);
  return r.json as { id: string; token: string; state: string };
}
async function say(c: { id: string; token: string }, text: string, extra: Record<string, unknown> = {}) {
  n += 1;
  const r = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token: c.token, body: { text, clientMessageId: `t-${n}`, ...extra } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

describe(`chat (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, () => {
  test('an anonymous visitor asks; the bot answers briefly with a link and buttons', async () => {
    const c = await open();
    assert.equal(c.state, 'bot');
    const r = await say(c, 'В какой срок ответят на письмо по почте?');
    assert.equal(r.state, 'bot');
    const [reply] = r.replies;
    assert.equal(reply.author, 'bot');
    assert.match(reply.text, /10 рабочих дней/);
    assert.ok(reply.text.length <= 800);
    assert.ok(reply.links.length >= 1 && reply.links[0].url.startsWith('/help/articles/'));
    assert.deepEqual(reply.buttons.map((b: { payload: string }) => b.payload), ['helpful', 'not_helpful', 'operator']);
  });

  test('asking for a human, a legal question and «Не помогло» hand over at once, with what to prepare and the wait', async () => {
    for (const text of ['Соедините меня с оператором', 'Хочу обжаловать решение в суде, какой закон?']) {
      const r = await say(await open(), text);
      assert.equal(r.state, 'waiting', text);
      const last = r.replies.at(-1);
      assert.match(last.text, /номер заявки или ИНН/);
      assert.match(last.text, /Ожидаемое время ответа — около \d+ мин/);
      assert.match(last.text, /оставьте телефон или e-mail/, 'anonymous visitors are asked for a contact');
    }
    const c = await open();
    await say(c, 'как проверить статус обращения');
    const r = await say(c, 'Не помогло', { payload: 'not_helpful' });
    assert.equal(r.state, 'waiting');
  });

  test('a question about operators is answered, not handed over', async () => {
    const r = await say(await open(), 'как написать оператору в чат');
    assert.equal(r.state, 'bot');
  });

  test('each kind of personal data hands over and is masked outside the operator view', async () => {
    const cases: Array<[string, string]> = [
      ['Мой паспорт 4510 123456, поменяйте дату рождения', '4510 123456'],
      ['СНИЛС 112-233-445 95 не находится', '112-233-445 95'],
      ['мой ИНН 7707083893, что с заявлением?', '7707083893'],
      ['списали с карты 4111 1111 1111 1111 дважды', '4111 1111 1111 1111'],
      ['перезвоните на +7 916 123-45-67', '+7 916 123-45-67'],
      ['ответьте на ivan.petrov@example.ru', 'ivan.petrov@example.ru'],
    ];
    const operator = await signIn(s, 'operator@example.com');
    for (const [text, secret] of cases) {
      const c = await open();
      const r = await say(c, text);
      assert.equal(r.state, 'waiting', text);
      assert.ok(!r.message.text.includes(secret), `echo masked: ${r.message.text}`);
      const mine = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: c.token });
      assert.ok(!mine.text.includes(secret), 'the citizen view is masked');
      assert.match(mine.text, /скрыт/);
      const staff = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: operator });
      assert.ok(staff.json.messages.some((m: { text: string }) => m.text.includes(secret)), 'the operator sees it');
      const queue = await s.request({ method: 'GET', url: '/api/chat/queue?view=waiting&limit=100', token: operator });
      assert.ok(!queue.text.includes(secret), 'the queue preview is masked');
    }
    const admin = await signIn(s, 'admin@example.com');
    const audit = await s.request({ method: 'GET', url: '/api/admin/audit?action=pii.read&limit=100', token: admin });
    assert.ok(audit.json.items.some((i: { details: { what?: string } }) => i.details.what === 'conversation'), 'operator reads are audit-logged');
  });

  test('sending twice with one clientMessageId stores one message and returns the same replies', async () => {
    const c = await open();
    const body = { text: 'где найти форму обратной связи', clientMessageId: 'same-id' };
    const a = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token: c.token, body });
    const b = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token: c.token, body });
    assert.equal(a.json.message.id, b.json.message.id);
    assert.deepEqual(b.json.replies.map((x: { id: string }) => x.id), a.json.replies.map((x: { id: string }) => x.id));
    const all = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: c.token });
    assert.equal(all.json.messages.filter((m: { author: string }) => m.author === 'citizen').length, 1);
    const seqs = all.json.messages.map((m: { seq: number }) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((x: number, y: number) => x - y));
    const after = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}?afterSeq=1`, token: c.token });
    assert.equal(after.json.messages.length, all.json.messages.length - 1, 'resume after the last seen message');
  });

  test("another person's conversation is a 404 for reading and writing", async () => {
    const mine = await open();
    const other = await open();
    const read = await s.request({ method: 'GET', url: `/api/chat/conversations/${mine.id}`, token: other.token });
    assert.equal(read.status, 404);
    const write = await s.request({ method: 'POST', url: `/api/chat/conversations/${mine.id}/messages`, token: other.token, body: { text: 'привет', clientMessageId: 'x' } });
    assert.equal(write.status, 404);
    const citizen = await signIn(s, 'citizen@example.com');
    assert.equal((await s.request({ method: 'GET', url: `/api/chat/conversations/${mine.id}`, token: citizen })).status, 404);
    assert.equal((await s.request({ method: 'GET', url: `/api/chat/conversations/${mine.id}` })).status, 404);
    assert.equal((await s.request({ method: 'GET', url: '/api/chat/conversations/not-a-uuid', token: mine.token })).status, 400);
    assert.equal((await s.request({ method: 'GET', url: '/api/chat/queue', token: citizen })).status, 403);
  });

  test('a signed-in citizen owns the conversation; their token works instead of the conversation token', async () => {
    const token = await signIn(s, 'citizen@example.com');
    const c = await open(token);
    const r = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token, body: { text: 'Соедините с оператором', clientMessageId: 'own-1' } });
    assert.equal(r.status, 201);
    assert.equal(r.json.state, 'waiting');
    assert.ok(!r.json.replies.at(-1).text.includes('оставьте телефон'), 'signed-in citizens are not asked for a contact');
  });

  test('the durable timer hands over 20–30 s after a failed bot answer (fake clock)', async () => {
    const c = await open();
    const failing = async () => {
      throw new Error('bot is down');
    };
    const access = { actor: null, bearer: c.token };
    const r = await postCitizenMessage({ deps: s.deps, fanOut: s.fanOut, conversationId: c.id, access, text: 'вопрос', clientMessageId: 'timer-1', bot: failing });
    assert.equal(r.state, 'bot');
    assert.equal(r.replies.length, 0);
    const start = clock;
    clock = start + 10_000;
    assert.deepEqual(await handOverOverdue({ deps: s.deps, fanOut: s.fanOut }), [], 'not yet at 10 s');
    clock = start + 21_000;
    assert.deepEqual(await handOverOverdue({ deps: s.deps, fanOut: s.fanOut }), [c.id], 'handed over by 21 s');
    const after = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: c.token });
    assert.equal(after.json.state, 'waiting');
    assert.equal(after.json.handoffReason, 'bot_timeout');
    clock = Date.now();
  });

  test('operators: queue, take, reply, the citizen sees it; notes stay internal; close', async () => {
    const c = await open();
    await say(c, 'позовите оператора');
    const op = await signIn(s, 'operator@example.com');
    const q = await s.request({ method: 'GET', url: '/api/chat/queue?view=waiting&limit=100', token: op });
    assert.ok(q.json.items.some((i: { id: string }) => i.id === c.id));
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/operator-messages`, token: op, body: { text: 'рано', clientMessageId: 'o-0' } })).status, 409, 'take first');
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/take`, token: op })).status, 200);
    const reply = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/operator-messages`, token: op, body: { text: 'Здравствуйте! <b>Чем</b> помочь?', clientMessageId: 'o-1' } });
    assert.equal(reply.status, 201);
    await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/operator-messages`, token: op, body: { text: 'заметка для коллег', clientMessageId: 'o-2', internal: true } });
    const seen = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: c.token });
    assert.equal(seen.json.state, 'operator');
    const texts = seen.json.messages.map((m: { text: string }) => m.text);
    assert.ok(texts.includes('Здравствуйте! <b>Чем</b> помочь?'), 'text stays text; the apps render it as text');
    assert.ok(!texts.includes('заметка для коллег'), 'internal notes are not shown to the citizen');
    const full = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: op });
    assert.ok(full.json.messages.some((m: { text: string; internal: boolean }) => m.internal && m.text === 'заметка для коллег'));
    assert.ok(full.json.messages.some((m: { author: string }) => m.author === 'bot'), 'the operator sees the bot part');
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/to-request`, token: op })).status, 202);
    assert.equal((await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/close`, token: op })).status, 200);
    const closed = await s.request({ method: 'GET', url: `/api/chat/conversations/${c.id}`, token: c.token });
    assert.equal(closed.json.state, 'closed');
    const reopened = await say(c, 'ещё вопрос: где служба поддержки в приложении');
    assert.equal(reopened.state, 'bot', 'a new message reopens the conversation with the bot');
  });

  test('bad chat input: empty text, missing id, huge text, bad state changes', async () => {
    const c = await open();
    const empty = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token: c.token, body: { text: '   ', clientMessageId: 'e' } });
    assert.equal(empty.status, 400);
    const noId = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token: c.token, body: { text: 'привет' } });
    assert.equal(noId.status, 400);
    const huge = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/messages`, token: c.token, body: { text: 'а'.repeat(5000), clientMessageId: 'h' } });
    assert.equal(huge.status, 400);
    const op = await signIn(s, 'operator@example.com');
    const closeBot = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/close`, token: op });
    assert.equal(closeBot.status, 200);
    const takeClosed = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/take`, token: op });
    assert.equal(takeClosed.status, 409);
    assert.equal(takeClosed.json.error.code, 'INVALID_STATE');
    const contact = await s.request({ method: 'POST', url: `/api/chat/conversations/${c.id}/contact`, token: c.token, body: { phone: '123' } });
    assert.equal(contact.status, 400);
  });
});
