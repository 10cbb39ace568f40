// `npm run bench:requests`: requests at scale on PostgreSQL. Builds Svyaz in-process on a fresh
// database (the real migrations), bulk-loads N requests (1,000,000 by default) over many citizens
// with set-based SQL (generate_series, no API calls), then measures on this machine, in one run:
// - «Мои обращения»: the exact query GET /api/requests runs (listCitizenRequests + presentSummary)
//   for random citizens — first page, with a status filter, and a search by number — and the whole
//   HTTP route (Fastify inject with a session) for a sample;
// - the staff queue GET /api/staff/requests (listStaffRequests) first page with common filters;
// - the deadline escalation sweep (escalateOverdue, the job's use case) over K newly overdue
//   requests, run until it finds nothing, and again when nothing is due;
// - a baseline: a bare primary-key lookup on the same table through the same driver, reported
//   as ratios;
// - EXPLAIN (ANALYZE) of each query as the migrations leave it ("after") and without the indexes
//   of migration 0009 ("before": dropped inside a rolled-back transaction).
// Prints one JSON report.
// Usage: node --import tsx bench/requests-bench.ts [--requests=1000000] [--citizens=100000]
//   [--overdue=1000] [--calls=3000] [--staff-calls=100] [--http-calls=1000]
//   [--postgres=ADMIN_URL] [--keep-db[=NAME]]
// --keep-db keeps the database (named svyaz_bench_requests unless given); a kept database that
// already holds the requested number of requests is reused without loading again.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { buildServer } from '../server/app.ts';
import { loadEnv } from '../server/env.ts';
import type { DB } from '../server/platform/db/schema.ts';
import { createLogger } from '../server/platform/log/logger.ts';
import { escalateOverdue } from '../server/modules/requests/index.ts';
import { presentSummary } from '../server/modules/requests/read-request.ts';
import { listCitizenRequests, listStaffRequests, overdueUnescalated } from '../server/modules/requests/requests-repo.ts';
import { createSession } from '../server/modules/identity/sessions.ts';
import { requestStatuses } from '../shared/contracts/requests.ts';
import { serviceLabels } from '../shared/contracts/knowledge.ts';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const flag = (name: string) => process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const int = (name: string, def: number) => {
  const v = Number(arg(name, String(def)));
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} takes a whole number`);
  return v;
};

const REQUESTS = int('requests', 1_000_000);
const CITIZENS = int('citizens', Math.max(10, Math.min(100_000, Math.floor(REQUESTS / 10))));
const OVERDUE = int('overdue', 1000);
const CALLS = int('calls', 3000);
const STAFF_CALLS = int('staff-calls', 100);
const HTTP_CALLS = int('http-calls', 1000);
const OPERATORS = 50;
const ADMIN_URL = arg('postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const KEEP = flag('keep-db');
const DB_NAME = KEEP ? arg('keep-db', 'svyaz_bench_requests') : `svyaz_bench_requests_${Date.now()}`;
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error('--keep-db takes a plain database name');

/** the indexes added by migration 0009; "before" plans are taken with these dropped */
const INDEXES_0009 = ['requests_queue_order_idx', 'requests_assignee_idx', 'requests_eng_idx', 'requests_open_due_idx'];

const ms = (x: number) => Math.round(x * 100) / 100;
function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const stats = (xs: number[]) => ({ calls: xs.length, p50Ms: ms(percentile(xs, 50)), p99Ms: ms(percentile(xs, 99)), maxMs: ms(Math.max(0, ...xs)) });
const progress = (s: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${s}\x1b[K`);
  else process.stderr.write(`${s}\n`);
};

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

async function timeEach<T>(items: T[], run: (item: T) => Promise<unknown>): Promise<number[]> {
  for (const it of items.slice(0, Math.min(20, items.length))) await run(it); // warm-up
  const times: number[] = [];
  for (const it of items) {
    const t0 = performance.now();
    await run(it);
    times.push(performance.now() - t0);
  }
  return times;
}

// request numbers: RQ-XXXX-XXXX from the product's alphabet, an affine bijection of the row
// number modulo 31^8, so every row gets a distinct, scattered number without a lookup
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const numberSql = (g: string) => {
  const x = `((${g}::numeric * 472882049 + 91815541) % 852891037441)`;
  const digit = (k: number) => `substr('${ALPHABET}', (floor(${x} / ${31 ** k}) % 31)::int + 1, 1)`;
  return `'RQ-' || ${[7, 6, 5, 4].map(digit).join(' || ')} || '-' || ${[3, 2, 1, 0].map(digit).join(' || ')}`;
};

const descriptions = [
  'Не загружается страница заявления, при отправке формы появляется ошибка 500.',
  'Не приходит код подтверждения по SMS при входе в личный кабинет.',
  'Подскажите, на каком этапе рассмотрения находится моё заявление на загранпаспорт.',
  'Предлагаю добавить в личный кабинет уведомления о смене статуса услуги по e-mail.',
  'После обновления профиля не отображаются ранее загруженные документы.',
  'Оплата госпошлины прошла, но статус заявления не изменился уже неделю.',
  'Не могу прикрепить скан паспорта: файл отклоняется, хотя размер меньше 5 МБ.',
  'Прошу уточнить сроки предоставления услуги по выдаче справки о несудимости.',
];

async function loadData(pool: pg.Pool) {
  const services = Object.keys(serviceLabels);
  const t0 = performance.now();
  await pool.query(`
    INSERT INTO users (id, name, email, phone, password_hash, role, eng, created_at, updated_at)
    SELECT md5('bench-operator-' || g)::uuid, 'Оператор ' || g, 'bench-operator-' || g || '@example.org', NULL, 'bench', 'operator', NULL, now(), now()
    FROM generate_series(1, ${OPERATORS}) g`);
  await pool.query(`
    INSERT INTO users (id, name, email, phone, password_hash, role, eng, created_at, updated_at)
    SELECT md5('bench-citizen-' || g)::uuid, 'Гражданин ' || g, 'bench-citizen-' || g || '@example.org', '+7999' || lpad(g::text, 7, '0'),
      'bench', 'citizen', 'ЕНГ-9' || lpad(g::text, 9, '0'), now() - interval '800 days', now() - interval '800 days'
    FROM generate_series(1, ${CITIZENS}) g`);
  const citizensSeconds = (performance.now() - t0) / 1000;

  // Ages spread over two years. Status by age: the last 3 days mostly new, 3–14 days mostly in
  // work, 14–30 days mostly closed, older almost all closed (a few stale open ones). One request
  // in ten comes from the 1% most active citizens.
  const servicesSql = `(ARRAY[${services.map((x) => `'${x}'`).join(',')}])`;
  const descriptionsSql = `(ARRAY[${descriptions.map((x) => `'${x}'`).join(',')}])`;
  const batch = 100_000;
  const t1 = performance.now();
  for (let lo = 1; lo <= REQUESTS; lo += batch) {
    const hi = Math.min(REQUESTS, lo + batch - 1);
    await pool.query(`
      INSERT INTO requests (id, number, citizen_id, eng, type, description, contact_email, contact_phone, contact_name, service, status, priority,
        assignee_id, first_response_due_at, resolution_due_at, first_response_at, status_changed_at, created_at, updated_at)
      SELECT gen_random_uuid(), ${numberSql('g')}, md5('bench-citizen-' || c)::uuid, 'ЕНГ-9' || lpad(c::text, 9, '0'), type,
        ${descriptionsSql}[1 + (g % ${descriptions.length})], 'bench-citizen-' || c || '@example.org', NULL, 'Гражданин ' || c,
        CASE WHEN r_service < 0.3 THEN NULL ELSE ${servicesSql}[1 + floor(r_service * 1000)::int % ${services.length}] END,
        status, 0,
        CASE WHEN status = 'accepted' AND r_assign > 0.2 THEN NULL WHEN r_assign > 0.85 THEN NULL
          ELSE md5('bench-operator-' || (1 + floor(r_assign * 100000)::int % ${OPERATORS}))::uuid END,
        created + CASE type WHEN 'recommendation' THEN interval '2 days' ELSE interval '1 day' END,
        created + CASE type WHEN 'technical' THEN interval '7 days' WHEN 'service_status' THEN interval '5 days' ELSE interval '14 days' END,
        CASE WHEN status = 'accepted' THEN NULL ELSE created + r_assign * interval '20 hours' END,
        CASE WHEN status = 'accepted' THEN created ELSE least(now(), created + r_assign * interval '5 days') END,
        created,
        CASE WHEN status = 'accepted' THEN created ELSE least(now(), created + r_assign * interval '5 days') END
      FROM (
        SELECT g, c, created, r_service, r_assign,
          (ARRAY['technical','service_status','recommendation'])[1 + g % 3] AS type,
          CASE
            WHEN age < interval '3 days' THEN CASE WHEN r_status < 0.6 THEN 'accepted' WHEN r_status < 0.9 THEN 'in_progress' WHEN r_status < 0.95 THEN 'rejected' ELSE 'completed' END
            WHEN age < interval '14 days' THEN CASE WHEN r_status < 0.35 THEN 'in_progress' WHEN r_status < 0.45 THEN 'awaiting_documents' WHEN r_status < 0.9 THEN 'completed' ELSE 'rejected' END
            WHEN age < interval '30 days' THEN CASE WHEN r_status < 0.05 THEN 'in_progress' WHEN r_status < 0.08 THEN 'awaiting_documents' WHEN r_status < 0.88 THEN 'completed' ELSE 'rejected' END
            ELSE CASE WHEN r_status < 0.003 THEN 'in_progress' WHEN r_status < 0.005 THEN 'awaiting_documents' WHEN r_status < 0.935 THEN 'completed' ELSE 'rejected' END
          END AS status
        FROM (
          SELECT g,
            CASE WHEN random() < 0.1 THEN 1 + floor(random() * ${Math.max(1, Math.floor(CITIZENS / 100))}) ELSE 1 + floor(random() * ${CITIZENS}) END::int AS c,
            age, now() - age AS created, random() AS r_status, random() AS r_service, random() AS r_assign
          FROM (SELECT g, random() * interval '730 days' AS age FROM generate_series(${lo}, ${hi}) g) a
        ) b
      ) s`);
    progress(`loading requests: ${hi}/${REQUESTS} (${Math.round((performance.now() - t1) / 1000)} s)`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const requestsSeconds = (performance.now() - t1) / 1000;
  // the timeline's first entry of each request, as the feedback form writes it
  const te = performance.now();
  await pool.query(`
    INSERT INTO request_events (id, request_id, kind, author_id, author_role, from_status, to_status, text, visible_to_citizen, created_at)
    SELECT gen_random_uuid(), id, 'created', citizen_id, 'citizen', NULL, 'accepted', NULL, true, created_at FROM requests`);
  const eventsSeconds = (performance.now() - te) / 1000;
  const t2 = performance.now();
  // what the sweep has already done on a live system: every request past its deadline is escalated
  await pool.query(`
    UPDATE requests SET escalated_at = greatest(created_at, least(now(), coalesce(resolution_due_at, now()))), priority = priority + 1
    WHERE escalated_at IS NULL AND status NOT IN ('completed','rejected')
      AND (resolution_due_at < now() OR (status = 'accepted' AND first_response_due_at < now()))`);
  // a few citizens pressed «Повторный запрос»
  await pool.query(`UPDATE requests SET priority = priority + 1, reraised_at = escalated_at + interval '1 day' WHERE escalated_at IS NOT NULL AND random() < 0.2`);
  await pool.query('VACUUM (ANALYZE) requests');
  await pool.query('VACUUM (ANALYZE) request_events');
  await pool.query('VACUUM (ANALYZE) users');
  return { citizensSeconds: Math.round(citizensSeconds * 10) / 10, requestsSeconds: Math.round(requestsSeconds * 10) / 10, eventsSeconds: Math.round(eventsSeconds * 10) / 10, vacuumAnalyzeSeconds: Math.round((performance.now() - t2) / 100) / 10 };
}

/** K open requests become due a moment ago and nothing else is due: the sweep's real work. */
async function prepareOverdue(pool: pg.Pool, k: number) {
  await pool.query(`
    UPDATE requests SET escalated_at = now(), priority = priority + 1
    WHERE escalated_at IS NULL AND status NOT IN ('completed','rejected')
      AND (resolution_due_at < now() OR (status = 'accepted' AND first_response_due_at < now()))`);
  const r = await pool.query(
    `UPDATE requests SET resolution_due_at = now() - random() * interval '50 minutes'
     WHERE id IN (SELECT id FROM requests WHERE escalated_at IS NULL AND status IN ('in_progress','awaiting_documents') AND resolution_due_at >= now() ORDER BY random() LIMIT $1)`,
    [k],
  );
  await pool.query('ANALYZE requests');
  return r.rowCount ?? 0;
}

type Plan = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: Plan[] };
function planNodes(p: Plan): string[] {
  const here = p['Index Name'] ? `${p['Node Type']} using ${p['Index Name']}` : p['Relation Name'] ? `${p['Node Type']} on ${p['Relation Name']}` : p['Node Type'];
  return [here, ...(p.Plans ?? []).flatMap(planNodes)];
}

async function explain(client: pg.Client, q: CompiledQuery, dropIndexes: boolean) {
  await client.query('BEGIN');
  try {
    if (dropIndexes) for (const i of INDEXES_0009) await client.query(`DROP INDEX IF EXISTS ${i}`);
    const out = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, q.parameters as unknown[]);
    const json = (out.rows[0] as { 'QUERY PLAN': Array<{ Plan: Plan; 'Execution Time': number }> })['QUERY PLAN'][0];
    if (!json) throw new Error('no plan');
    return { executionMs: ms(json['Execution Time']), nodes: planNodes(json.Plan).filter((n) => !/^(Limit|Aggregate|Gather|Gather Merge|Finalize Aggregate|Partial Aggregate|Result)$/.test(n)) };
  } finally {
    await client.query('ROLLBACK');
  }
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = Boolean((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount);
  if (!exists) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const filesDir = mkdtempSync(join(tmpdir(), 'svyaz-bench-files-'));

  const env = loadEnv({ NODE_ENV: 'test', SVYAZ_DEMO: '1', SVYAZ_LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), SVYAZ_DATA_DIR: filesDir });
  const server = await buildServer({ env, log: createLogger({ level: 'silent' }), workers: false, seedArticles: false, webDir: '/nonexistent', rateLimitPerMinute: 1_000_000_000 });
  const { pool } = server.database;
  const db = server.deps.db;
  const report: Record<string, unknown> = {
    benchmark: 'requests',
    database: `postgresql ${(await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v}`,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model },
  };
  try {
    const have = Number((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM requests')).rows[0]?.n ?? 0);
    if (have === 0) report.load = await loadData(pool);
    else if (have !== REQUESTS) throw new Error(`database ${DB_NAME} already holds ${have} requests, not ${REQUESTS}: drop it or name another with --keep-db=NAME`);
    else report.load = { reused: DB_NAME };
    const counts = (await pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM requests GROUP BY status ORDER BY status')).rows;
    const size = (await pool.query<{ t: string; i: string }>("SELECT pg_size_pretty(pg_table_size('requests')) AS t, pg_size_pretty(pg_indexes_size('requests')) AS i")).rows[0];
    report.data = {
      requests: REQUESTS,
      citizens: CITIZENS,
      byStatus: Object.fromEntries(counts.map((c) => [c.status, c.n])),
      open: counts.filter((c) => c.status !== 'completed' && c.status !== 'rejected').reduce((a, c) => a + c.n, 0),
      tableSize: size?.t,
      indexesSize: size?.i,
    };

    // samples: random citizens, random requests (for the search by number), operators
    const citizenIds = (await pool.query<{ id: string }>(`SELECT md5('bench-citizen-' || (1 + floor(random() * ${CITIZENS}))::int)::uuid::text AS id FROM generate_series(1, $1)`, [CALLS])).rows.map((r) => r.id);
    const sampled = (await pool.query<{ citizen_id: string; number: string; eng: string }>(`SELECT citizen_id, number, eng FROM requests TABLESAMPLE SYSTEM (1) LIMIT $1`, [CALLS])).rows;
    const numberCases = Array.from({ length: CALLS }, (_, i) => sampled[i % sampled.length] as (typeof sampled)[number]);
    const operatorIds = Array.from({ length: OPERATORS }, (_, i) => i + 1);
    const operatorUuid = (await pool.query<{ id: string }>(`SELECT md5('bench-operator-' || g)::uuid::text AS id FROM generate_series(1, ${OPERATORS}) g`)).rows.map((r) => r.id);
    const now = () => new Date();

    // the exact SQL of each measured call, captured from Kysely, for EXPLAIN
    const captured: CompiledQuery[] = [];
    const capture = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === 'query' && captured.push(e.query)) });
    const sqlOf = async (run: (d: Kysely<DB>) => Promise<unknown>) => {
      captured.length = 0;
      await run(capture);
      return [...captured];
    };

    // baseline: a bare primary-key lookup on the same table, same driver and query builder
    const ids = (await pool.query<{ id: string }>('SELECT id::text FROM requests TABLESAMPLE SYSTEM (1) LIMIT $1', [CALLS])).rows.map((r) => r.id);
    progress('baseline: primary-key lookups');
    const baseline = stats(await timeEach(ids, (id) => db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst()));

    // «Мои обращения»: what GET /api/requests runs
    const mine = (d: Kysely<DB>, q: { citizenId: string; status?: string; number?: string }) =>
      listCitizenRequests(d, { ...q, limit: 20, offset: 0 }).then(({ rows, total }) => ({ total, items: rows.map((x) => presentSummary(x, now())) }));
    progress('«Мои обращения»: first page');
    const firstPage = stats(await timeEach(citizenIds, (citizenId) => mine(db, { citizenId })));
    progress('«Мои обращения»: status filter');
    const withStatus = stats(await timeEach(citizenIds, (citizenId) => mine(db, { citizenId, status: pick(requestStatuses) })));
    progress('«Мои обращения»: search by number');
    const byNumber = stats(await timeEach(numberCases, (c) => mine(db, { citizenId: c.citizen_id, number: c.number.slice(3, 7) })));

    // the whole route: session, validation, query, presentation, serialization
    const httpCitizens = citizenIds.slice(0, Math.min(200, citizenIds.length));
    const tokens = await Promise.all(httpCitizens.map((id) => createSession(db, id, now())));
    progress('«Мои обращения»: HTTP route');
    const httpCases = Array.from({ length: HTTP_CALLS }, (_, i) => tokens[i % tokens.length] as string);
    const http = stats(
      await timeEach(httpCases, async (token) => {
        const res = await server.app.inject({ method: 'GET', url: '/api/requests', headers: { authorization: `Bearer ${token}` } });
        if (res.statusCode !== 200) throw new Error(`GET /api/requests answered ${res.statusCode}: ${res.body}`);
      }),
    );

    // the staff queue with its common filters
    const staffFilters: Record<string, () => Parameters<typeof listStaffRequests>[1]> = {
      all: () => ({ now: now(), limit: 20, offset: 0 }),
      accepted: () => ({ status: 'accepted', now: now(), limit: 20, offset: 0 }),
      overdue: () => ({ overdue: true, now: now(), limit: 20, offset: 0 }),
      mineInProgress: () => ({ status: 'in_progress', assignee: operatorUuid[pick(operatorIds) - 1] as string, now: now(), limit: 20, offset: 0 }),
      unassigned: () => ({ assignee: null, now: now(), limit: 20, offset: 0 }),
      technicalAccepted: () => ({ type: 'technical', status: 'accepted', now: now(), limit: 20, offset: 0 }),
      serviceInProgress: () => ({ service: pick(Object.keys(serviceLabels)), status: 'in_progress', now: now(), limit: 20, offset: 0 }),
      citizenByEng: () => ({ eng: pick(sampled).eng, now: now(), limit: 20, offset: 0 }),
    };
    const staff: Record<string, unknown> = {};
    const staffAll: number[] = [];
    for (const [name, make] of Object.entries(staffFilters)) {
      progress(`staff queue: ${name}`);
      const times = await timeEach(Array.from({ length: STAFF_CALLS }, make), async (q) => listStaffRequests(db, q).then(({ rows, total }) => ({ total, items: rows.map((x) => presentSummary(x, now())) })));
      staff[name] = stats(times);
      staffAll.push(...times);
    }

    // EXPLAIN with and without the indexes of migration 0009, on the exact SQL
    progress('EXPLAIN before/after');
    const c0 = citizenIds[0] as string;
    const n0 = numberCases[0] as (typeof numberCases)[number];
    const shapes: Record<string, CompiledQuery[]> = {
      mineFirstPage: await sqlOf((d) => mine(d, { citizenId: c0 })),
      mineStatus: await sqlOf((d) => mine(d, { citizenId: c0, status: 'completed' })),
      mineNumber: await sqlOf((d) => mine(d, { citizenId: n0.citizen_id, number: n0.number.slice(3, 7) })),
    };
    for (const [name, make] of Object.entries(staffFilters)) shapes[`staff_${name}`] = await sqlOf((d) => listStaffRequests(d, make()));
    const sweepSql = await sqlOf((d) => overdueUnescalated(d, now(), 200));
    const explainClient = new pg.Client({ connectionString: url.toString() });
    await explainClient.connect();

    // the deadline escalation sweep: K newly overdue requests, then nothing due
    const newlyOverdue = await prepareOverdue(pool, OVERDUE);
    shapes.sweepSelect = sweepSql;
    const explained: Record<string, unknown> = {};
    for (const [name, queries] of Object.entries(shapes)) {
      const out = [];
      for (const q of queries) out.push({ query: q.sql.includes('count(*)') ? 'count' : 'rows', before: await explain(explainClient, q, true), after: await explain(explainClient, q, false) });
      explained[name] = out;
    }
    await explainClient.end();

    progress(`sweep: ${newlyOverdue} newly overdue requests`);
    const sweepCalls: Array<{ escalated: number; ms: number }> = [];
    const sweepStart = performance.now();
    for (;;) {
      const t0 = performance.now();
      const done = await escalateOverdue({ deps: server.deps });
      sweepCalls.push({ escalated: done.length, ms: ms(performance.now() - t0) });
      if (done.length === 0) break;
      if (sweepCalls.length > 1000) throw new Error('the sweep does not converge');
    }
    const sweepTotal = performance.now() - sweepStart;
    const escalated = sweepCalls.reduce((a, c) => a + c.escalated, 0);
    progress('sweep: nothing due');
    const idle = stats(await timeEach(Array.from({ length: 50 }, (_, i) => i), () => escalateOverdue({ deps: server.deps })));
    const leftover = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM requests WHERE escalated_at IS NULL AND status NOT IN ('completed','rejected') AND resolution_due_at < now()`.execute(db)).rows[0]?.n);
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

    const staffP99 = ms(percentile(staffAll, 99));
    report.baselinePrimaryKey = baseline;
    report.myRequests = { firstPage, withStatus, byNumber, httpRoute: { ...http, citizens: tokens.length } };
    report.staffQueue = { ...staff, allFilters: { calls: staffAll.length, p50Ms: ms(percentile(staffAll, 50)), p99Ms: staffP99 } };
    report.escalationSweep = {
      newlyOverdue,
      escalated,
      leftOverdueUnescalated: leftover,
      calls: sweepCalls.length,
      batchLimit: 200,
      totalMs: ms(sweepTotal),
      perEscalationMs: escalated ? ms(sweepTotal / escalated) : null,
      perCall: sweepCalls,
      nothingDue: idle,
    };
    const ratio = (x: number) => (baseline.p99Ms ? Math.round((100 * x) / baseline.p99Ms) / 100 : null);
    report.ratiosToPrimaryKeyP99 = {
      myRequestsFirstPage: ratio(firstPage.p99Ms),
      myRequestsWithStatus: ratio(withStatus.p99Ms),
      myRequestsByNumber: ratio(byNumber.p99Ms),
      myRequestsHttpRoute: ratio(http.p99Ms),
      staffQueueAllFilters: ratio(staffP99),
      sweepNothingDue: ratio(idle.p99Ms),
    };
    report.explain = explained;
    report.goals = {
      myRequestsP99Under50ms: Math.max(firstPage.p99Ms, withStatus.p99Ms, byNumber.p99Ms) < 50,
      staffQueueP99Under200ms: staffP99 < 200,
      sweepEscalatedEveryOverdue: escalated === newlyOverdue && leftover === 0,
      sweepNothingDueP99Under50ms: idle.p99Ms < 50,
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await server.close();
    rmSync(filesDir, { recursive: true, force: true });
    if (!KEEP) {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await c.end();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
