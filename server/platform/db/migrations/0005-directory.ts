import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE phone_lines (
      id uuid PRIMARY KEY,
      position integer NOT NULL,
      number text NOT NULL,
      audience text NOT NULL CHECK (audience IN ('citizens','foreign')),
      purpose text NOT NULL,
      schedule text,
      free boolean NOT NULL,
      notes text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE directory_settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE schedule_notices (
      id uuid PRIMARY KEY,
      published_on date NOT NULL,
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // the official calendar, editable by admins; seeded from the shipped decree files
  await sql`
    CREATE TABLE calendar_years (
      region text NOT NULL,
      year integer NOT NULL,
      data jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (region, year)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['calendar_years', 'schedule_notices', 'directory_settings', 'phone_lines']) await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
}
