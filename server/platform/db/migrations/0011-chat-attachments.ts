import { sql, type Kysely } from 'kysely';

// A chat message may carry one file (an image or a PDF). The bytes live in the file store under the
// data directory; this row holds what the history shows and where the bytes are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE chat_attachments (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      message_id uuid NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
      filename text NOT NULL,
      filename_masked text NOT NULL,
      mime text NOT NULL CHECK (mime IN ('image/png','image/jpeg','image/gif','image/webp','application/pdf')),
      size integer NOT NULL CHECK (size > 0),
      storage_key text NOT NULL,
      uploaded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX chat_attachments_conversation_idx ON chat_attachments (conversation_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS chat_attachments`.execute(db);
}
