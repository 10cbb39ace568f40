import { sql, type Kysely } from 'kysely';

// The scan of a registered postal letter (one per letter; a new upload replaces it). The bytes live
// in the file store under the data directory; this row holds what the lists show and where the bytes are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE letter_scans (
      letter_id uuid PRIMARY KEY REFERENCES letters(id) ON DELETE CASCADE,
      filename text NOT NULL,
      mime text NOT NULL CHECK (mime IN ('image/png','image/jpeg','image/gif','image/webp','application/pdf')),
      size integer NOT NULL CHECK (size > 0),
      storage_key text NOT NULL,
      uploaded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS letter_scans`.execute(db);
}
