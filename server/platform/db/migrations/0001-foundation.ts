import { sql, type Kysely } from 'kysely';

// SQL written for PostgreSQL 15 (the server here) and PGlite (PostgreSQL 18).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      email text UNIQUE,
      phone text UNIQUE,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('citizen','operator','supervisor','centre_clerk','mail_clerk','admin')),
      eng text UNIQUE,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX users_role_idx ON users (role, created_at)`.execute(db);
  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db);
  await sql`
    CREATE TABLE login_failures (
      key text PRIMARY KEY,
      failures integer NOT NULL,
      first_at timestamptz NOT NULL,
      locked_until timestamptz
    )`.execute(db);
  await sql`
    CREATE TABLE recovery_requests (
      id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      code_hash text,
      code_attempts integer NOT NULL DEFAULT 0,
      completed_at timestamptz
    )`.execute(db);
  await sql`
    CREATE TABLE audit_log (
      id uuid PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_role text,
      action text NOT NULL,
      subject_id uuid,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`.execute(db);
  await sql`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_subject_idx ON audit_log (subject_id, at DESC)`.execute(db);
  await sql`
    CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      channel text NOT NULL CHECK (channel IN ('email','sms')),
      recipient text NOT NULL,
      subject text,
      body text NOT NULL,
      transport text NOT NULL,
      status text NOT NULL CHECK (status IN ('queued','sending','sent','failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX notifications_created_idx ON notifications (created_at DESC)`.execute(db);
  await sql`
    CREATE TABLE events (
      id bigserial PRIMARY KEY,
      name text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      dispatched_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX events_pending_idx ON events (id) WHERE dispatched_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['events', 'notifications', 'audit_log', 'recovery_requests', 'login_failures', 'sessions', 'users']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
  }
}
