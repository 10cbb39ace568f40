// PostgreSQL LISTEN/NOTIFY fan-out survives a killed listener connection. PostgreSQL only (PGlite
// has no backend to kill), so it runs in the PostgreSQL suite, which sets SVYAZ_TEST_DATABASE_URL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testDatabaseUrl } from '../../env.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/log/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { createPgFanOut, type ChatSignal, type FanOut } from './realtime.ts';

const log = createLogger({ level: 'silent' });
let tdb: TestDatabase;
let d: Database;
const started: FanOut[] = [];
const pools: Database[] = [];

before(async () => {
  assert.ok(testDatabaseUrl(), 'the PostgreSQL suite runs with SVYAZ_TEST_DATABASE_URL set');
  tdb = await createTestDatabase();
  assert.ok(tdb.url, 'a PostgreSQL test database');
  d = await openDatabase({ url: tdb.url });
});
after(async () => {
  for (const f of started) await f.stop();
  for (const p of pools) await p.close();
  await d?.close();
  await tdb?.drop();
});

/** One fan-out with its own pool and listener, as a separate server process would have. */
async function instance(): Promise<{ fanOut: FanOut; seen: ChatSignal[] }> {
  const own = await openDatabase({ url: tdb.url });
  pools.push(own);
  const fanOut = createPgFanOut({ pool: own.pool, url: tdb.url, log });
  const seen: ChatSignal[] = [];
  fanOut.subscribe((s) => seen.push(s));
  await fanOut.start();
  started.push(fanOut);
  return { fanOut, seen };
}

test('the PostgreSQL listener comes back after its connection is killed', async () => {
  const a = await instance();
  const b = await instance();
  const killed = await d.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'");
  assert.ok(killed.rowCount && killed.rowCount >= 2, 'both listeners were found and killed');
  // signals sent while the listener is down are lost (a resume covers them); later ones arrive
  const deadline = Date.now() + 15_000;
  let n = 0;
  while (!b.seen.some((s) => s.conversationId === 'after-reconnect') && Date.now() < deadline) {
    await a.fanOut.publish({ conversationId: 'after-reconnect', kind: 'message', origin: String((n += 1)) });
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(b.seen.some((s) => s.conversationId === 'after-reconnect'), 'the listener reconnected within 15 s');
});
