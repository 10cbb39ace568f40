import { sql, type Kysely } from 'kysely';

// A citizen's identities across channels are read whenever staff open a conversation of theirs, and
// linking reads every conversation an identity ever wrote into: both by index, not by scanning
// channel_identities or channel_messages (the biggest channel table).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX channel_identities_citizen_idx ON channel_identities (citizen_id) WHERE citizen_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX channel_messages_identity_idx ON channel_messages (identity_id, conversation_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS channel_messages_identity_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS channel_identities_citizen_idx`.execute(db);
}
