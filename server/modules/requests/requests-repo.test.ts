// The staff queue's total is counted up to a cap (an exact count over a million requests costs a
// second per page); below the cap it is exact. Runs on PGlite, or PostgreSQL with SVYAZ_TEST_DATABASE_URL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { listStaffRequests } from './requests-repo.ts';

describe('listStaffRequests', () => {
  let testDb: TestDatabase;
  let database: Database;
  const now = new Date('2026-05-20T12:00:00Z');
  const operator = randomUUID();

  before(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase({ url: testDb.url, pglite: testDb.pglite });
    await migrateToLatest(database.db as never);
    const rows = Array.from({ length: 7 }, (_, i) => ({
      id: randomUUID(),
      number: `RQ-TEST-${String(i).padStart(4, '2')}`,
      citizen_id: null,
      eng: i < 2 ? 'ЕНГ-0000000018' : null,
      type: 'technical',
      description: 'Проверка очереди',
      status: i < 5 ? 'in_progress' : 'completed',
      priority: i === 3 ? 2 : 0,
      assignee_id: i < 2 ? operator : null,
      resolution_due_at: new Date(now.getTime() + (i < 3 ? -1 : 1) * 86_400_000),
      created_at: new Date(now.getTime() - (10 - i) * 3_600_000),
      status_changed_at: now,
      updated_at: now,
    }));
    await database.db.insertInto('requests').values(rows).execute();
  });
  after(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const list = (q: Partial<Parameters<typeof listStaffRequests>[1]>) => listStaffRequests(database.db, { now, limit: 20, offset: 0, ...q });

  test('below the cap the total is exact; above it the total stops at the cap and says so', async () => {
    assert.deepEqual(await list({}).then((r) => [r.total, r.totalCapped]), [7, false]);
    const capped = await list({ totalCap: 4 });
    assert.equal(capped.total, 4);
    assert.equal(capped.totalCapped, true);
    assert.equal(capped.rows.length, 7, 'the page itself is not cut by the cap');
    assert.deepEqual(await list({ totalCap: 7 }).then((r) => [r.total, r.totalCapped]), [7, false]);
  });

  test('the filters the indexes of migration 0009 serve still select the right rows, in the queue order', async () => {
    const all = await list({});
    assert.equal(all.rows[0]?.priority, 2, 'highest priority first');
    assert.deepEqual((await list({ overdue: true })).rows.map((r) => r.number).sort(), ['RQ-TEST-2220', 'RQ-TEST-2221', 'RQ-TEST-2222']);
    assert.equal((await list({ assignee: operator, status: 'in_progress' })).total, 2);
    assert.equal((await list({ assignee: null })).total, 5);
    assert.equal((await list({ eng: 'ЕНГ-0000000018' })).total, 2);
  });
});
