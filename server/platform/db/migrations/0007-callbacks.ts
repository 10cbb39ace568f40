import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE callbacks (
      id uuid PRIMARY KEY,
      citizen_id uuid,
      phone text NOT NULL,
      topic text NOT NULL,
      slot_start timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('scheduled','done','missed','cancelled')),
      cancel_token_hash text NOT NULL,
      handled_by uuid,
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX callbacks_slot_idx ON callbacks (status, slot_start)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS callbacks`.execute(db);
}
