import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE conversations (
      id uuid PRIMARY KEY,
      channel text NOT NULL,
      state text NOT NULL CHECK (state IN ('bot','waiting','operator','closed')),
      citizen_id uuid,
      token_hash text NOT NULL,
      contact_email text,
      contact_phone text,
      assigned_operator_id uuid,
      handoff_reason text,
      handoff_due_at timestamptz,
      waiting_since timestamptz,
      first_response_at timestamptz,
      priority integer NOT NULL DEFAULT 0,
      unhelpful_count integer NOT NULL DEFAULT 0,
      last_message_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX conversations_queue_idx ON conversations (state, priority DESC, waiting_since)`.execute(db);
  await sql`CREATE INDEX conversations_citizen_idx ON conversations (citizen_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX conversations_operator_idx ON conversations (assigned_operator_id, state)`.execute(db);
  await sql`
    CREATE TABLE messages (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      author text NOT NULL CHECK (author IN ('citizen','bot','operator','system')),
      author_id uuid,
      text text NOT NULL,
      text_masked text NOT NULL,
      links jsonb NOT NULL DEFAULT '[]'::jsonb,
      buttons jsonb NOT NULL DEFAULT '[]'::jsonb,
      internal boolean NOT NULL DEFAULT false,
      client_message_id text,
      reply_to uuid,
      pii_kinds text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (conversation_id, seq),
      UNIQUE (conversation_id, client_message_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS messages`.execute(db);
  await sql`DROP TABLE IF EXISTS conversations`.execute(db);
}
