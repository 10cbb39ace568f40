import { sql, type Kysely } from 'kysely';

// A desk message that goes out in several parts (Messenger: text in pieces of 2,000 characters, then
// the file) records each part the provider accepted, so a retry after a part failed sends only
// what is left instead of repeating the parts the person already has.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE channel_messages ADD COLUMN parts_sent integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE channel_messages ADD COLUMN last_part_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE channel_messages DROP COLUMN IF EXISTS last_part_id`.execute(db);
  await sql`ALTER TABLE channel_messages DROP COLUMN IF EXISTS parts_sent`.execute(db);
}
