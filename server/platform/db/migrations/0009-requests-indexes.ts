// Indexes for requests at scale, found with `npm run bench:requests` (1,000,000 requests on
// PostgreSQL 15; the bench prints each query's plan with and without these). Without them the
// staff queue sorted the whole table (no status filter), and the filters by assignee (also
// «unassigned»), by ЕНГ and «overdue» were sequential scans.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // the queue's order (priority DESC, created_at, id) when no status narrows it
  await sql`CREATE INDEX requests_queue_order_idx ON requests (priority DESC, created_at, id)`.execute(db);
  // «мои» and «не назначенные» (assignee_id IS NULL), with or without a status, in the queue's order
  await sql`CREATE INDEX requests_assignee_idx ON requests (assignee_id, status, priority DESC, created_at, id)`.execute(db);
  // a citizen's requests by ЕНГ (the console's «other requests of this citizen»)
  await sql`CREATE INDEX requests_eng_idx ON requests (eng) WHERE eng IS NOT NULL`.execute(db);
  // «overdue»: open requests past their resolution deadline, escalated or not. `IS NOT NULL` keeps
  // the planner from taking it as a list of all open requests for a plain status filter.
  await sql`CREATE INDEX requests_open_due_idx ON requests (resolution_due_at) WHERE status NOT IN ('completed','rejected') AND resolution_due_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of ['requests_open_due_idx', 'requests_eng_idx', 'requests_assignee_idx', 'requests_queue_order_idx']) await sql`DROP INDEX IF EXISTS ${sql.id(i)}`.execute(db);
}
