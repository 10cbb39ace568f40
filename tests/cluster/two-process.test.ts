// Two server processes on one PostgreSQL: a citizen on process A, an operator on process B.
// Messages, typing and state changes must flow both ways between them, through NATS (NATS_URL)
// and through PostgreSQL LISTEN/NOTIFY (no NATS_URL). Needs PostgreSQL on 127.0.0.1:5432 (user
// postgres, trust) and NATS on 127.0.0.1:4222, so it is not part of `npm test`; CI runs it as
//   node --import tsx --test tests/cluster/two-process.test.ts
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { connect as natsConnect } from 'nats';
import pg from 'pg';
import { ChatSocketClient, sleep } from '../support/chat-socket-client.ts';
import { callApi, signInOver } from '../support/http-api.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = 'nats://127.0.0.1:4222';

const processes = new Set<ServerProcess>();
const sockets: ChatSocketClient[] = [];
const databases: string[] = [];

after(async () => {
  for (const s of sockets) await s.close();
  for (const p of processes) await p.stop('SIGTERM');
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

async function freshDatabase(): Promise<string> {
  const name = `svyaz_cluster_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  databases.push(name);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const p = await startServerProcess({ env: { SVYAZ_LOG_LEVEL: 'warn', ...env } });
  processes.add(p);
  return p;
}

async function socket(p: ServerProcess, cookie?: string): Promise<ChatSocketClient> {
  const s = await ChatSocketClient.open(p.url, { cookie });
  sockets.push(s);
  return s;
}

/** Records the fan-out traffic itself, to show which transport carried it. */
async function tapPostgres(url: string) {
  const c = new pg.Client({ connectionString: url });
  const seen: string[] = [];
  c.on('notification', (n) => n.payload && seen.push(n.payload));
  await c.connect();
  await c.query('LISTEN svyaz_chat');
  return { seen, close: () => c.end() };
}
async function tapNats() {
  const nc = await natsConnect({ servers: NATS_URL });
  const seen: string[] = [];
  nc.subscribe('svyaz.chat', { callback: (_err, msg) => seen.push(msg.string()) });
  await nc.flush();
  return { seen, close: () => nc.drain() };
}

for (const transport of ['nats', 'postgres'] as const) {
  describe(`two server processes, fan-out over ${transport === 'nats' ? 'NATS' : 'PostgreSQL LISTEN/NOTIFY'}`, { timeout: 300_000 }, () => {
    test('a citizen on process A and an operator on process B see each other live', async () => {
      const databaseUrl = await freshDatabase();
      const env: Record<string, string> = { DATABASE_URL: databaseUrl, ...(transport === 'nats' ? { NATS_URL } : {}) };
      // one after the other: the first one migrates and seeds, the second finds it done
      const a = await start(env);
      const b = await start(env);
      const pgTap = await tapPostgres(databaseUrl);
      const natsTap = transport === 'nats' ? await tapNats() : undefined;

      try {
        // the citizen, anonymous, talks to process A over REST and its socket
        const opened = await callApi(a.url, 'POST', '/api/chat/conversations', { body: { channel: 'web' } });
        assert.equal(opened.status, 201, opened.text);
        const c = opened.json as { id: string; token: string };
        const citizen = await socket(a);
        assert.equal((await citizen.subscribe(c.id, { token: c.token })).type, 'subscribed');

        // the operator signs in on process B and watches the conversation there
        const operatorToken = await signInOver(b.url, 'operator@example.com');
        const operator = await socket(b, `svyaz_session=${operatorToken}`);
        assert.equal((await operator.subscribe(c.id)).type, 'subscribed');

        // A → B: the citizen's message, the bot's handover and the state change
        const asked = await callApi(a.url, 'POST', `/api/chat/conversations/${c.id}/messages`, { token: c.token, body: { text: 'Соедините меня с оператором', clientMessageId: 'cl-1' } });
        assert.equal(asked.status, 201, asked.text);
        assert.equal(asked.json.state, 'waiting');
        await operator.next('message', (f) => f.message.id === asked.json.message.id);
        for (const r of asked.json.replies as Array<{ id: string }>) await operator.next('message', (f) => f.message.id === r.id);
        await operator.next('state', (f) => f.conversationId === c.id && f.state === 'waiting');
        await operator.next('queue', (f) => f.waiting >= 1);

        // A → B: typing
        citizen.send({ type: 'typing', conversationId: c.id });
        await operator.next('typing', (f) => f.conversationId === c.id && f.author === 'citizen');

        // B → A: the operator takes the chat (state) and types
        const take = await callApi(b.url, 'POST', `/api/chat/conversations/${c.id}/take`, { token: operatorToken });
        assert.equal(take.status, 200, take.text);
        await citizen.next('state', (f) => f.conversationId === c.id && f.state === 'operator');
        await citizen.next('message', (f) => f.message.author === 'system' && /подключился/.test(f.message.text));
        operator.send({ type: 'typing', conversationId: c.id });
        await citizen.next('typing', (f) => f.conversationId === c.id && f.author === 'operator');

        // B → A: the operator's reply; A → B: the citizen's answer
        const reply = await callApi(b.url, 'POST', `/api/chat/conversations/${c.id}/operator-messages`, { token: operatorToken, body: { text: 'Здравствуйте! Чем помочь?', clientMessageId: 'op-1' } });
        assert.equal(reply.status, 201, reply.text);
        assert.equal((await citizen.next('message', (f) => f.message.id === reply.json.id)).message.author, 'operator');
        const answer = await callApi(a.url, 'POST', `/api/chat/conversations/${c.id}/messages`, { token: c.token, body: { text: 'Не приходит ответ на письмо', clientMessageId: 'cl-2' } });
        assert.equal(answer.status, 201, answer.text);
        await operator.next('message', (f) => f.message.id === answer.json.message.id);

        // B → A: closing
        assert.equal((await callApi(b.url, 'POST', `/api/chat/conversations/${c.id}/close`, { token: operatorToken })).status, 200);
        await citizen.next('state', (f) => f.state === 'closed');

        // both sides hold the whole history, in order, each message once
        const full = await callApi(b.url, 'GET', `/api/chat/conversations/${c.id}`, { token: operatorToken });
        const last = (full.json.messages as Array<{ seq: number }>).at(-1)?.seq ?? 0;
        await citizen.seq(c.id, last);
        await operator.seq(c.id, last);
        await sleep(300);
        for (const ws of [citizen, operator]) {
          const seqs = ws.messages(c.id).map((m) => m.seq);
          assert.deepEqual(seqs, [...new Set(seqs)].sort((x, y) => x - y), 'in order, no duplicates');
        }
        assert.deepEqual(
          operator.messages(c.id).map((m) => m.seq),
          (full.json.messages as Array<{ seq: number }>).map((m) => m.seq),
          'the operator socket got every message',
        );

        // the signals really went through the transport under test
        if (natsTap) {
          assert.ok(natsTap.seen.some((s) => s.includes(c.id)), 'signals on NATS');
          assert.ok(!pgTap.seen.some((s) => s.includes(c.id)), 'none on PostgreSQL NOTIFY');
        } else {
          assert.ok(pgTap.seen.some((s) => s.includes(c.id)), 'signals through NOTIFY');
        }
      } finally {
        await pgTap.close();
        await natsTap?.close();
        for (const p of [a, b]) {
          assert.equal(await p.stop('SIGTERM'), 0, p.stdout());
          processes.delete(p);
        }
      }
    });
  });
}
