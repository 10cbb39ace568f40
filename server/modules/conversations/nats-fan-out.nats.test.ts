// NATS fan-out: a signal published by one instance reaches a subscriber of another. Needs a NATS
// server on 127.0.0.1:4222, so it runs in the cluster suite (`npm run test:cluster`), not in `npm test`.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { createLogger } from '../../platform/log/logger.ts';
import { createNatsFanOut } from './nats-fan-out.ts';
import type { ChatSignal, FanOut } from './realtime.ts';

const NATS_URL = 'nats://127.0.0.1:4222';
const log = createLogger({ level: 'silent' });


const started: FanOut[] = [];
after(async () => {
  for (const f of started) await f.stop();
});

// a subject per run, so parallel runs on one NATS server do not hear each other
const subject = `svyaz.chat.test.${randomUUID()}`;

async function instance() {
  const fanOut = createNatsFanOut({ url: NATS_URL, log, subject });
  const seen: ChatSignal[] = [];
  fanOut.subscribe((s) => seen.push(s));
  await fanOut.start();
  started.push(fanOut);
  const until = async (pred: () => boolean) => {
    for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(pred(), 'a signal within 5 s');
  };
  return { fanOut, seen, until };
}

test('a signal published by one instance reaches a subscriber of another', async () => {
  const a = await instance();
  const b = await instance();
  const signal: ChatSignal = { conversationId: randomUUID(), kind: 'typing', author: 'operator' };
  await a.fanOut.publish(signal);
  await b.until(() => b.seen.length === 1);
  assert.deepEqual(b.seen, [signal]);
  await a.until(() => a.seen.length === 1);
  assert.deepEqual(a.seen, [signal], 'the publisher hears its own signal too, as with NOTIFY');

  for (const kind of ['message', 'state', 'queue'] as const) await b.fanOut.publish({ conversationId: signal.conversationId, kind });
  await a.until(() => a.seen.length === 4);
  assert.deepEqual(a.seen.map((s) => s.kind), ['typing', 'message', 'state', 'queue'], 'in order');
});

test('garbage on the subject is ignored; a stopped instance hears nothing and refuses to publish', async () => {
  const a = await instance();
  const b = await instance();
  const raw = await import('nats').then((m) => m.connect({ servers: NATS_URL }));
  raw.publish(subject, 'not json');
  raw.publish(subject, JSON.stringify({ conversationId: 1, kind: 'message' }));
  await raw.drain();
  await b.fanOut.stop();
  await a.fanOut.publish({ conversationId: 'last', kind: 'state' });
  await a.until(() => a.seen.length === 1);
  assert.deepEqual(a.seen, [{ conversationId: 'last', kind: 'state' }]);
  assert.deepEqual(b.seen, []);
  await assert.rejects(b.fanOut.publish({ conversationId: 'x', kind: 'state' }), /not started/);
});
