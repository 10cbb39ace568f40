// A citizen's choice of channels per kind of event. No row means the default: every channel on.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_preferences (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      topic text NOT NULL CHECK (topic IN ('statusChange','reply')),
      email boolean NOT NULL,
      sms boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, topic)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS notification_preferences`.execute(db);
}
