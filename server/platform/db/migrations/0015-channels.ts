import { sql, type Kysely } from 'kysely';

// Channels (Telegram, VK, …): the bot accounts, each person's identity on an account, and every
// message that crossed a channel in either direction with its external id and delivery status.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE channel_accounts (
      id uuid PRIMARY KEY,
      kind text NOT NULL,
      external_id text NOT NULL,
      name text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','error','disabled')),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, external_id)
    )`.execute(db);
  await sql`
    CREATE TABLE channel_identities (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
      external_user_id text NOT NULL,
      chat_id text NOT NULL,
      display_name text NOT NULL DEFAULT '',
      citizen_id uuid,
      conversation_id uuid,
      queued_seq integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (account_id, external_user_id)
    )`.execute(db);
  await sql`CREATE INDEX channel_identities_conversation_idx ON channel_identities (conversation_id)`.execute(db);
  await sql`
    CREATE TABLE channel_messages (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
      identity_id uuid NOT NULL REFERENCES channel_identities(id) ON DELETE CASCADE,
      conversation_id uuid NOT NULL,
      message_id uuid NOT NULL,
      direction text NOT NULL CHECK (direction IN ('in','out')),
      external_message_id text,
      status text NOT NULL CHECK (status IN ('received','pending','sent','failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX channel_messages_external_idx ON channel_messages (account_id, direction, external_message_id) WHERE external_message_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX channel_messages_message_idx ON channel_messages (message_id, direction)`.execute(db);
  await sql`CREATE INDEX channel_messages_conversation_idx ON channel_messages (conversation_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS channel_messages`.execute(db);
  await sql`DROP TABLE IF EXISTS channel_identities`.execute(db);
  await sql`DROP TABLE IF EXISTS channel_accounts`.execute(db);
}
