// PostgreSQL LISTEN/NOTIFY fan-out: a signal published by one instance reaches a subscriber of
// another (PGlite in the unit suite, PostgreSQL when SVYAZ_TEST_DATABASE_URL is set).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testDatabaseUrl } from '../../env.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/log/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { createPgFanOut, parseChatSignal, type ChatSignal, type FanOut } from './realtime.ts';

const log = createLogger({ level: 'silent' });
let tdb: TestDatabase;
let d: Database;
const started: FanOut[] = [];
const pools: Database[] = [];

before(async () => {
  tdb = await createTestDatabase();
  d = await openDatabase({ url: tdb.url, pglite: tdb.pglite });
});
after(async () => {
  for (const f of started) await f.stop();
  for (const p of pools) await p.close();
  await d.close();
  await tdb.drop();
});

async function instance(): Promise<{ fanOut: FanOut; seen: ChatSignal[]; next(pred: (s: ChatSignal) => boolean): Promise<ChatSignal> }> {
  // on PostgreSQL each instance has its own pool and listener, as a second server process would;
  // PGlite is one session, so its instances share the pool and listen through pglite.listen
  let own = d;
  if (tdb.url) pools.push((own = await openDatabase({ url: tdb.url })));
  const fanOut = createPgFanOut({ pool: own.pool, pglite: own.pglite, url: tdb.url, log });
  const seen: ChatSignal[] = [];
  const waiters: Array<{ pred: (s: ChatSignal) => boolean; resolve: (s: ChatSignal) => void }> = [];
  fanOut.subscribe((s) => {
    seen.push(s);
    for (const w of [...waiters]) {
      if (!w.pred(s)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(s);
    }
  });
  await fanOut.start();
  started.push(fanOut);
  return {
    fanOut,
    seen,
    next(pred) {
      const hit = seen.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no signal within 5 s')), 5_000);
        waiters.push({ pred, resolve: (s) => (clearTimeout(timer), resolve(s)) });
      });
    },
  };
}

test(`a signal published by one instance reaches a subscriber of another (${testDatabaseUrl() ? 'postgres' : 'pglite'})`, async () => {
  const a = await instance();
  const b = await instance();
  const signal: ChatSignal = { conversationId: '5d7f1f0e-8a2b-4a47-9d8e-2f1f3f0f6a01', kind: 'typing', author: 'citizen' };
  await a.fanOut.publish(signal);
  assert.deepEqual(await b.next((s) => s.conversationId === signal.conversationId), signal);
  assert.deepEqual(await a.next((s) => s.conversationId === signal.conversationId), signal, 'the publisher hears its own signal too');

  // several in a row arrive in order
  const ids = ['message', 'state', 'queue'] as const;
  for (const kind of ids) await a.fanOut.publish({ conversationId: signal.conversationId, kind });
  await b.next((s) => s.kind === 'queue');
  assert.deepEqual(b.seen.map((s) => s.kind), ['typing', 'message', 'state', 'queue']);
});

test('after stop an instance hears nothing more', async () => {
  const a = await instance();
  const b = await instance();
  await b.fanOut.stop();
  await a.fanOut.publish({ conversationId: 'after-stop', kind: 'message' });
  await a.next((s) => s.conversationId === 'after-stop');
  assert.equal(b.seen.length, 0);
});

test('payloads that are not chat signals are ignored', () => {
  assert.equal(parseChatSignal('not json'), null);
  assert.equal(parseChatSignal('null'), null);
  assert.equal(parseChatSignal('{"conversationId":"x","kind":"delete-everything"}'), null);
  assert.deepEqual(parseChatSignal('{"conversationId":"x","kind":"state"}'), { conversationId: 'x', kind: 'state' });
});
