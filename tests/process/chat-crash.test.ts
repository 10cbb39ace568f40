// A chat survives SIGKILL: every citizen message the server acknowledged (201), and every bot reply
// it returned, is there exactly once after a restart on the same embedded database, including
// when the process dies with more sends in flight; retrying an unacknowledged send stores it once.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import type { ChatMessage } from '../../shared/contracts/chat.ts';
import { callApi } from '../support/http-api.ts';
import { makeTempDir, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const running = new Set<ServerProcess>();
const dirs: string[] = [];

after(async () => {
  for (const p of running) await p.stop('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<ServerProcess> {
  const p = await startServerProcess({ dataDir });
  running.add(p);
  return p;
}

type Sent = { clientMessageId: string; text: string; messageId?: string; replyIds: string[] };

describe('a chat on the embedded database survives SIGKILL', { timeout: 600_000 }, () => {
  test('every acknowledged message is there exactly once after SIGKILL and a restart', async (t) => {
    const dataDir = makeTempDir('chat-crash');
    dirs.push(dataDir);
    const first = await start(dataDir);
    const opened = await callApi(first.url, 'POST', '/api/chat/conversations', { body: { channel: 'web' } });
    assert.equal(opened.status, 201, opened.text);
    const c = opened.json as { id: string; token: string };
    const send = (m: Sent) => callApi(first.url, 'POST', `/api/chat/conversations/${c.id}/messages`, { token: c.token, body: { text: m.text, clientMessageId: m.clientMessageId } });

    const texts = ['Здравствуйте', 'где найти форму обратной связи', 'В какой срок ответят на письмо по почте?', 'как проверить статус обращения', 'спасибо'];
    const acked: Sent[] = [];
    // one after another, each acknowledged before the next
    for (const [i, text] of texts.entries()) {
      const m: Sent = { clientMessageId: `crash-seq-${i}`, text, replyIds: [] };
      const r = await send(m);
      assert.equal(r.status, 201, r.text);
      m.messageId = r.json.message.id;
      m.replyIds = r.json.replies.map((x: { id: string }) => x.id);
      acked.push(m);
    }
    // then several at once, and the process dies as soon as the first of them is acknowledged
    const inFlight: Sent[] = Array.from({ length: 6 }, (_, i) => ({ clientMessageId: `crash-burst-${i}`, text: `сообщение в полёте ${i}`, replyIds: [] }));
    const results = inFlight.map((m) =>
      send(m).then(
        (r) => {
          if (r.status === 201) {
            m.messageId = r.json.message.id;
            m.replyIds = r.json.replies.map((x: { id: string }) => x.id);
            acked.push(m);
          }
          return r.status;
        },
        () => 0, // the connection died with the process: not acknowledged
      ),
    );
    await Promise.race(results);
    first.child.kill('SIGKILL');
    await Promise.all(results);
    assert.equal(await first.stop('SIGKILL'), null);
    running.delete(first);
    assert.equal(first.child.signalCode, 'SIGKILL');
    assert.ok(acked.length >= texts.length + 1, `acknowledged before the kill: ${acked.length}`);
    t.diagnostic(`${acked.length} acknowledged (${acked.length - texts.length} of ${inFlight.length} in flight) when the process was killed`);

    const second = await start(dataDir);
    const read = await callApi(second.url, 'GET', `/api/chat/conversations/${c.id}`, { token: c.token });
    assert.equal(read.status, 200, read.text);
    const messages = read.json.messages as ChatMessage[];
    for (const m of acked) {
      const copies = messages.filter((x) => x.clientMessageId === m.clientMessageId);
      assert.equal(copies.length, 1, `${m.clientMessageId} once`);
      assert.equal(copies[0]?.id, m.messageId, 'the very message that was acknowledged');
      assert.equal(copies[0]?.text, m.text);
      for (const id of m.replyIds) assert.equal(messages.filter((x) => x.id === id).length, 1, `reply ${id} to ${m.clientMessageId} once`);
    }
    const seqs = messages.map((m) => m.seq);
    assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b), 'seq numbers unique and in order');

    // the client retries what it never got an answer for: each is stored once, the rest not again
    for (const m of [...inFlight, ...acked]) {
      const r = await callApi(second.url, 'POST', `/api/chat/conversations/${c.id}/messages`, { token: c.token, body: { text: m.text, clientMessageId: m.clientMessageId } });
      assert.equal(r.status, 201, r.text);
      if (m.messageId) assert.equal(r.json.message.id, m.messageId, 'a retry of an acknowledged send returns the stored message');
    }
    const final = (await callApi(second.url, 'GET', `/api/chat/conversations/${c.id}`, { token: c.token })).json.messages as ChatMessage[];
    for (const m of [...texts.map((_, i) => `crash-seq-${i}`), ...inFlight.map((x) => x.clientMessageId)]) {
      assert.equal(final.filter((x) => x.clientMessageId === m).length, 1, `${m} exactly once after the retries`);
    }
    assert.equal(await second.stop('SIGTERM'), 0, second.stdout());
    running.delete(second);
  });
});
