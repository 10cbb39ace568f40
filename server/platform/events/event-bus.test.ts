import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createEventBus } from './event-bus.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createLogger } from '../log/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';

let tdb: TestDatabase;
let d: Database;
before(async () => {
  tdb = await createTestDatabase();
  d = await openDatabase({ url: tdb.url, pglite: tdb.pglite });
});
after(async () => {
  await d.close();
  await tdb.drop();
});

test('events written in a transaction reach subscribers once, after commit; a rolled-back one never', async () => {
  const bus = createEventBus({ db: d.db, log: createLogger({ level: 'silent' }) });
  const seen: string[] = [];
  bus.subscribe('user.registered', async ({ userId }) => {
    seen.push(userId);
  });
  await d.db.transaction().execute((tx) => bus.emit(tx, 'user.registered', { userId: 'a' }));
  await d.db
    .transaction()
    .execute(async (tx) => {
      await bus.emit(tx, 'user.registered', { userId: 'rolled-back' });
      throw new Error('abort');
    })
    .catch(() => undefined);
  await bus.drain();
  await bus.drain();
  assert.deepEqual(seen, ['a']);
});

test('a failing subscriber does not block the events behind it and is retried later', async () => {
  const bus = createEventBus({ db: d.db, log: createLogger({ level: 'silent' }) });
  const seen: string[] = [];
  let failures = 0;
  bus.subscribe('user.password_changed', async ({ userId }) => {
    if (userId === 'poison' && failures < 1) {
      failures++;
      throw new Error('subscriber broke');
    }
    seen.push(userId);
  });
  await d.db.transaction().execute(async (tx) => {
    await bus.emit(tx, 'user.password_changed', { userId: 'poison' });
    await bus.emit(tx, 'user.password_changed', { userId: 'next' });
  });
  await bus.drain();
  assert.deepEqual(seen, ['next'], 'the event after the failing one was dispatched');
  const row = await d.db.selectFrom('events').select(['attempts', 'last_error']).where(sql`payload->>'userId'`, '=', 'poison').executeTakeFirstOrThrow();
  assert.equal(row.attempts, 1);
  assert.equal(row.last_error, 'subscriber broke');
  await d.db.updateTable('events').set({ next_attempt_at: null }).where(sql`payload->>'userId'`, '=', 'poison').execute();
  await bus.drain();
  assert.deepEqual(seen, ['next', 'poison'], 'retried and delivered');
});
