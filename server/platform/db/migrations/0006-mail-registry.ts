import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE letters (
      id uuid PRIMARY KEY,
      sender_name text NOT NULL,
      account_number text,
      eng text,
      citizen_id uuid,
      phone text,
      email text,
      address text,
      summary text,
      tracking_number text NOT NULL,
      received_on date NOT NULL,
      reply_due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('registered','answered')),
      reply_kind text CHECK (reply_kind IN ('postal','email')),
      reply_tracking_number text,
      replied_on date,
      reply_text text,
      registered_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX letters_tracking_idx ON letters (tracking_number)`.execute(db);
  await sql`CREATE INDEX letters_due_idx ON letters (status, reply_due_on)`.execute(db);
  await sql`CREATE INDEX letters_eng_idx ON letters (eng)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS letters`.execute(db);
}
