import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../log/logger.ts';
import { openDatabase } from './database.ts';
import { vacuumEmbedded } from './maintenance.ts';

test('the embedded vacuum reclaims dead rows (PGlite has no autovacuum)', async () => {
  const database = await openDatabase({});
  try {
    const { pool } = database;
    await pool.query('CREATE TABLE churn (id int PRIMARY KEY, n int NOT NULL)');
    await pool.query('INSERT INTO churn SELECT g, 0 FROM generate_series(1, 2000) g');
    for (let i = 0; i < 5; i++) await pool.query('UPDATE churn SET n = n + 1');
    await pool.query('DELETE FROM churn');
    const size = async () => Number((await pool.query<{ s: string }>("SELECT pg_relation_size('churn') AS s")).rows[0]?.s);
    assert.ok((await size()) > 0, 'the dead versions still take pages');
    await vacuumEmbedded(pool, createLogger({ level: 'silent' }));
    assert.equal(await size(), 0, 'VACUUM truncated the empty table');
  } finally {
    await database.close();
  }
});
