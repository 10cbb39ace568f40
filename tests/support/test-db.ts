// A fresh database for each test file: on PGlite, a copy of a migrated template (initdb once per
// machine, not per test); on PostgreSQL (SVYAZ_TEST_DATABASE_URL set), a new database per file.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { testDatabaseUrl } from '../../server/env.ts';
import { openDatabase } from '../../server/platform/db/database.ts';
import { migrateToLatest } from '../../server/platform/db/migrate.ts';

const root = new URL('../..', import.meta.url).pathname;

function templateKey(): string {
  const h = createHash('sha256');
  const dir = join(root, 'server/platform/db/migrations');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  h.update(readFileSync(join(root, 'package-lock.json')));
  return h.digest('hex').slice(0, 16);
}

async function pgliteFromTemplate(): Promise<PGlite> {
  const file = join(tmpdir(), `svyaz-pglite-template-${templateKey()}.tar.gz`);
  if (!existsSync(file)) {
    const fresh = await PGlite.create({ extensions: { pg_trgm } });
    const d = await openDatabase({ pglite: fresh });
    await migrateToLatest(d.db as never);
    await d.close();
    const dump = await fresh.dumpDataDir('gzip');
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel test files never read a half-written template
    await fresh.close();
  }
  const blob = new Blob([readFileSync(file)]);
  return PGlite.create({ loadDataDir: blob, extensions: { pg_trgm } });
}

export type TestDatabase = { url?: string; pglite?: PGlite; drop(): Promise<void>; label: string };

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testDatabaseUrl();
  if (adminUrl) {
    const name = `svyaz_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      label: 'postgres',
      async drop() {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const pglite = await pgliteFromTemplate();
  return {
    pglite,
    label: 'pglite',
    async drop() {
      await pglite.close();
    },
  };
}
