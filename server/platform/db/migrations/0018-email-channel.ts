import { sql, type Kysely } from 'kysely';

// E-mail threads: one per conversation that began with a letter. The token is what our outbound
// Message-IDs and `[#tag]` subjects carry, so a reply finds its conversation even when its client
// dropped References; the subject is what the desk's replies answer (`Re: <subject>`); queued_seq
// is the thread's delivery cursor (one address may have several conversations, one per thread).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE email_threads (
      conversation_id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
      identity_id uuid NOT NULL REFERENCES channel_identities(id) ON DELETE CASCADE,
      token text NOT NULL UNIQUE,
      subject text NOT NULL DEFAULT '',
      queued_seq integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // the subject tag names a thread by the token's first 8 characters, looked up within one identity
  await sql`CREATE INDEX email_threads_identity_tag_idx ON email_threads (identity_id, left(token, 8))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS email_threads`.execute(db);
}
