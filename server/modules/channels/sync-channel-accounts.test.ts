// Two processes' runners on one database (two runners over one embedded database in the unit
// suite; on PostgreSQL, through sync-channel-accounts.pg.test.ts, each listens on its own
// connection): an account change announced by one is applied by the other, the one that made it is
// not told again, and a rolled-back change is never announced.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadEnv } from '../../env.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { createFileStore } from '../../platform/files/file-store.ts';
import { createLogger } from '../../platform/log/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { waitFor } from '../../../tests/support/wait-for.ts';
import { lockKind, saveConsoleAccount, setAccountEnabled } from './accounts-repo.ts';
import { createAccountRunner, type AccountRunner } from './account-runner.ts';
import { credentialsBox, sealSecrets, splitCredentials } from './channel-credentials.ts';
import { telegramChannel } from './channel-kinds.ts';
import { createChannelRegistry } from './channel-registry.ts';
import { announceAccountChange, createAccountSync } from './sync-channel-accounts.ts';

let tdb: TestDatabase;
let d: Database;
let dir: string;
let deps: Deps;
const stops: Array<() => Promise<void>> = [];

before(async () => {
  tdb = await createTestDatabase();
  d = await openDatabase({ url: tdb.url, pglite: tdb.pglite });
  await migrateToLatest(d.db as never);
  dir = mkdtempSync(join(tmpdir(), 'svyaz-sync-'));
  const env = loadEnv({ SVYAZ_CREDENTIALS_KEY: randomBytes(32).toString('hex'), SVYAZ_DATA_DIR: dir });
  deps = { db: d.db, env, log: createLogger({ level: 'silent' }), files: createFileStore(dir) } as unknown as Deps;
});
after(async () => {
  for (const stop of stops) await stop();
  await d?.close();
  await tdb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** one process's registry and runner, listening for the others' changes */
async function processRunner(): Promise<AccountRunner> {
  const runner = createAccountRunner({ registry: createChannelRegistry([]), deps: () => deps });
  const sync = createAccountSync({ runner, deps: () => deps, pglite: tdb.pglite, url: tdb.url });
  await sync.start();
  stops.push(() => sync.stop());
  return runner;
}

test('a console account saved, switched off and on in one process changes in the other', async () => {
  const a = await processRunner();
  const b = await processRunner();
  const credentials = telegramChannel.credentials.parse({ token: '777001:sync-test-token', apiRoot: 'http://127.0.0.1:9' });
  const { settings, secrets } = splitCredentials(telegramChannel, credentials);
  const box = credentialsBox(deps.env);
  assert.ok(box);

  // process A saves the account (as save-channel-account.ts does) and runs it itself
  const saved = await inTransaction(d.db, async (tx) => {
    await lockKind(tx, 'telegram');
    await announceAccountChange(tx, a, 'telegram');
    return saveConsoleAccount(tx, { kind: 'telegram', externalId: '777001', name: 'Бот', settings, secrets: sealSecrets(box, { kind: 'telegram', externalId: '777001' }, secrets) });
  });
  const mine = telegramChannel.create(credentials, a.adapterContext());
  await a.run('telegram', mine, saved.id);

  await waitFor('process B to run the account', () => b.registry.get('telegram')?.accountId === saved.id, 10_000);
  // A is not told of its own change: its adapter is still the one it started
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(a.registry.get('telegram')?.adapter, mine);

  await inTransaction(d.db, async (tx) => {
    await announceAccountChange(tx, a, 'telegram');
    await setAccountEnabled(tx, saved.id, false);
  });
  await waitFor('process B to stop it', () => b.registry.get('telegram') === undefined, 10_000);

  // an announcement of a change that was rolled back is never heard
  await inTransaction(d.db, async (tx) => {
    await setAccountEnabled(tx, saved.id, true);
    await announceAccountChange(tx, a, 'telegram');
    throw new Error('rolled back');
  }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(b.registry.get('telegram'), undefined);

  await inTransaction(d.db, async (tx) => {
    await setAccountEnabled(tx, saved.id, true);
    await announceAccountChange(tx, a, 'telegram');
  });
  await waitFor('process B to start it again', () => b.registry.get('telegram')?.accountId === saved.id, 10_000);
});
