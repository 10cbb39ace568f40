import { sql, type Kysely } from 'kysely';

// Admins correct or add calendar years in the console. A year saved there is never overwritten by
// the files the server ships; a shipped provisional year (made before its decree) is replaced when
// a newer server ships that year again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calendar_years ADD COLUMN origin text NOT NULL DEFAULT 'shipped' CHECK (origin IN ('shipped', 'console'))`.execute(db);
  await sql`ALTER TABLE calendar_years ADD COLUMN updated_by uuid REFERENCES users(id) ON DELETE SET NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calendar_years DROP COLUMN IF EXISTS updated_by`.execute(db);
  await sql`ALTER TABLE calendar_years DROP COLUMN IF EXISTS origin`.execute(db);
}
