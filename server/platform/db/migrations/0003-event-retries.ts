import { sql, type Kysely } from 'kysely';

// A failing subscriber must not hold back the events behind it: failures are retried with backoff.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE events ADD COLUMN attempts integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE events ADD COLUMN next_attempt_at timestamptz`.execute(db);
  await sql`ALTER TABLE events ADD COLUMN last_error text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE events DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN last_error`.execute(db);
}
