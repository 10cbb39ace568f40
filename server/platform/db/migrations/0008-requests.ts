import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE requests (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      citizen_id uuid,
      eng text,
      type text NOT NULL CHECK (type IN ('technical','service_status','recommendation')),
      description text NOT NULL,
      contact_email text,
      contact_phone text,
      contact_name text,
      service text,
      status text NOT NULL CHECK (status IN ('accepted','in_progress','awaiting_documents','completed','rejected')),
      priority integer NOT NULL DEFAULT 0,
      assignee_id uuid,
      conversation_id uuid,
      tracking_token_hash text,
      first_response_due_at timestamptz,
      resolution_due_at timestamptz,
      first_response_at timestamptz,
      status_changed_at timestamptz NOT NULL DEFAULT now(),
      escalated_at timestamptz,
      reraised_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX requests_citizen_idx ON requests (citizen_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX requests_queue_idx ON requests (status, priority DESC, created_at)`.execute(db);
  await sql`CREATE INDEX requests_due_idx ON requests (resolution_due_at) WHERE escalated_at IS NULL AND status NOT IN ('completed','rejected')`.execute(db);
  await sql`CREATE UNIQUE INDEX requests_tracking_idx ON requests (tracking_token_hash) WHERE tracking_token_hash IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE request_events (
      id uuid PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('created','status','reply','note','document','escalated','reraised','assigned')),
      author_id uuid,
      author_role text,
      from_status text,
      to_status text,
      text text,
      visible_to_citizen boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX request_events_idx ON request_events (request_id, created_at)`.execute(db);
  await sql`
    CREATE TABLE request_documents (
      id uuid PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
      filename text NOT NULL,
      mime text NOT NULL,
      size integer NOT NULL,
      storage_key text NOT NULL,
      uploaded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE request_sla (
      type text PRIMARY KEY,
      first_response_days integer NOT NULL CHECK (first_response_days BETWEEN 1 AND 60),
      resolution_days integer NOT NULL CHECK (resolution_days BETWEEN 1 AND 120)
    )`.execute(db);
  await sql`INSERT INTO request_sla (type, first_response_days, resolution_days) VALUES
    ('technical', 1, 5), ('service_status', 1, 3), ('recommendation', 2, 10)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['request_sla', 'request_documents', 'request_events', 'requests']) await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
}
