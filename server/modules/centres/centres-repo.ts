// The only SQL on centres, centre_exceptions, centre_search, centre_terms and centre_clerks.
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { weekdayKeys, type CentreException, type CentreInput, type CentreSchedule } from '../../../shared/contracts/centres.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import type { CentreLemmas } from './centre-index.ts';

export type CentreRow = {
  id: string;
  code: string | null;
  name: string;
  address: string;
  postcode: string;
  region: string;
  phone: string | null;
  latitude: number;
  longitude: number;
  schedule: CentreSchedule;
  services: string[];
  sample: boolean;
};

const columns = ['id', 'code', 'name', 'address', 'postcode', 'region', 'phone', 'latitude', 'longitude', 'schedule', 'services', 'sample'] as const;

const values = (c: CentreInput, lemmas: CentreLemmas) => ({
  code: c.code,
  name: c.name,
  address: c.address,
  postcode: c.postcode,
  region: c.region,
  phone: c.phone,
  latitude: c.latitude,
  longitude: c.longitude,
  schedule: JSON.stringify(c.schedule),
  ...flatHours(c.schedule),
  services: c.services,
  sample: c.sample,
  lemma_terms: lemmas.terms,
});

/** The schedule as two arrays for SQL: 1–7 Monday…Sunday, 8 holidays (see openNowSql). */
function flatHours(schedule: CentreSchedule): { opens: Array<string | null>; closes: Array<string | null> } {
  const intervals = [...weekdayKeys.map((d) => schedule.days[d] ?? null), schedule.holiday ?? null];
  return { opens: intervals.map((i) => i?.open ?? null), closes: intervals.map((i) => i?.close ?? null) };
}

export type Written = { id: string; code: string | null; created: boolean; oldTerms: string[] | null };

/**
 * Inserts centres, or updates those whose code is already known (import by code). Returns, per
 * input, its id, whether it was created, and the lemmas it had before (for the vocabulary counts).
 */
export async function upsertCentres(tx: Executor, items: Array<{ input: CentreInput; lemmas: CentreLemmas }>): Promise<Written[]> {
  if (items.length === 0) return [];
  const codes = items.map((i) => i.input.code).filter((c): c is string => c !== null);
  const before = new Map<string, string[]>();
  if (codes.length > 0) {
    const rows = await tx.selectFrom('centres').select(['code', 'lemma_terms']).where('code', 'in', codes).forUpdate().execute();
    for (const r of rows) if (r.code) before.set(r.code, r.lemma_terms);
  }
  const ids = items.map(() => randomUUID());
  const rows = await tx
    .insertInto('centres')
    .values(items.map((i, k) => ({ id: ids[k] as string, ...values(i.input, i.lemmas) })))
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        address: eb.ref('excluded.address'),
        postcode: eb.ref('excluded.postcode'),
        region: eb.ref('excluded.region'),
        phone: eb.ref('excluded.phone'),
        latitude: eb.ref('excluded.latitude'),
        longitude: eb.ref('excluded.longitude'),
        schedule: eb.ref('excluded.schedule'),
        opens: eb.ref('excluded.opens'),
        closes: eb.ref('excluded.closes'),
        services: eb.ref('excluded.services'),
        sample: eb.ref('excluded.sample'),
        lemma_terms: eb.ref('excluded.lemma_terms'),
        updated_at: sql`now()`,
      })),
    )
    .returning(['id', 'code'])
    .execute();
  // an updated row keeps its own id: match the answers to the inputs by id, else by code
  const byCode = new Map(rows.filter((r) => r.code !== null).map((r) => [r.code as string, r.id]));
  const written = items.map((i, k) => {
    const code = i.input.code;
    const id = code !== null ? (byCode.get(code) ?? (ids[k] as string)) : (ids[k] as string);
    return { id, code, created: !(code !== null && before.has(code)), oldTerms: code !== null ? (before.get(code) ?? null) : null };
  });
  await syncSearchRows(tx, written.map((w, k) => ({ id: w.id, lemmas: (items[k] as { lemmas: CentreLemmas }).lemmas })));
  await replaceExceptions(tx, written.map((w, k) => ({ id: w.id, exceptions: (items[k] as { input: CentreInput }).input.exceptions })));
  return written;
}

export async function updateCentre(tx: Executor, id: string, input: CentreInput, lemmas: CentreLemmas): Promise<{ oldTerms: string[] } | undefined> {
  const old = await tx.selectFrom('centres').select('lemma_terms').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!old) return undefined;
  await tx.updateTable('centres').set({ ...values(input, lemmas), updated_at: sql`now()` }).where('id', '=', id).execute();
  await syncSearchRows(tx, [{ id, lemmas }]);
  await replaceExceptions(tx, [{ id, exceptions: input.exceptions }]);
  return { oldTerms: old.lemma_terms };
}

export async function deleteCentre(tx: Executor, id: string): Promise<{ oldTerms: string[] } | undefined> {
  const row = await tx.deleteFrom('centres').where('id', '=', id).returning('lemma_terms').executeTakeFirst();
  return row ? { oldTerms: row.lemma_terms } : undefined;
}

export async function codeTaken(db: Executor, code: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('centres').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

async function syncSearchRows(tx: Executor, rows: Array<{ id: string; lemmas: CentreLemmas }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO centre_search (centre_id, search_vector, name_vector)
    SELECT t.id, setweight(to_tsvector('russian', t.n), 'A') || setweight(to_tsvector('russian', t.a), 'B') || setweight(to_tsvector('russian', t.e), 'C'), to_tsvector('russian', t.n)
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.lemmas.name)}::text[], ${rows.map((r) => r.lemmas.address)}::text[], ${rows.map((r) => r.lemmas.extra)}::text[]) AS t(id, n, a, e)
    ON CONFLICT (centre_id) DO UPDATE SET search_vector = EXCLUDED.search_vector, name_vector = EXCLUDED.name_vector`.execute(tx);
}

async function replaceExceptions(tx: Executor, rows: Array<{ id: string; exceptions: CentreException[] }>): Promise<void> {
  if (rows.length === 0) return;
  await tx.deleteFrom('centre_exceptions').where('centre_id', 'in', rows.map((r) => r.id)).execute();
  const values = rows.flatMap((r) => {
    // one entry a day: the last one given wins
    const byDay = new Map(r.exceptions.map((e) => [e.date, e]));
    return [...byDay.values()].map((e) => ({ centre_id: r.id, day: e.date, open: e.open, close: e.close, note: e.note }));
  });
  if (values.length > 0) await tx.insertInto('centre_exceptions').values(values).execute();
}

export async function findCentre(db: Executor, id: string): Promise<CentreRow | undefined> {
  return db.selectFrom('centres').select(columns).where('id', '=', id).executeTakeFirst() as Promise<CentreRow | undefined>;
}

/** Exceptions from `fromDay` on, by centre. */
export async function exceptionsFor(db: Executor, ids: string[], fromDay: string): Promise<Map<string, CentreException[]>> {
  const out = new Map<string, CentreException[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('centre_exceptions').selectAll().where('centre_id', 'in', ids).where('day', '>=', fromDay).orderBy('day').execute();
  for (const r of rows) {
    const list = out.get(r.centre_id) ?? [];
    list.push({ date: r.day, open: r.open, close: r.close, note: r.note });
    out.set(r.centre_id, list);
  }
  return out;
}

// vocabulary (document frequencies of the centres' lemmas)
/** The vocabulary row that counts centres (a space is never a lemma). */
const DOCUMENTS = ' ';
/** The vocabulary row counting its changes: a process may cache what it read while this stays the same. */
const VERSION = '  ';

/** Adds (+1) or removes (-1) the lemmas of several centres at once, each list counting one centre. */
export async function adjustTerms(db: Executor, termLists: string[][], delta: 1 | -1): Promise<void> {
  if (termLists.length === 0) return;
  const counts = new Map<string, number>();
  for (const list of termLists) for (const t of new Set([...list, DOCUMENTS])) counts.set(t, (counts.get(t) ?? 0) + 1);
  const terms = [...counts.keys()];
  const dfs = terms.map((t) => (counts.get(t) ?? 0) * delta);
  await sql`INSERT INTO centre_terms (term, df) SELECT t, d FROM unnest(${terms}::text[], ${dfs}::int[]) AS x(t, d)
            ON CONFLICT (term) DO UPDATE SET df = centre_terms.df + EXCLUDED.df`.execute(db);
  if (delta === -1) await sql`DELETE FROM centre_terms WHERE df <= 0 AND term = ANY(${terms}::text[])`.execute(db);
  await sql`INSERT INTO centre_terms (term, df) VALUES (${VERSION}, 1) ON CONFLICT (term) DO UPDATE SET df = centre_terms.df + 1`.execute(db);
}

export async function termFrequencies(db: Executor, terms: string[]): Promise<Map<string, number>> {
  if (terms.length === 0) return new Map();
  const rows = await db.selectFrom('centre_terms').select(['term', 'df']).where('term', 'in', terms).execute();
  return new Map(rows.map((r) => [r.term, r.df]));
}

/** How many centres the vocabulary counts, and its version (changes with every write). */
export async function vocabularyState(db: Executor): Promise<{ count: number; version: number }> {
  const rows = await db.selectFrom('centre_terms').select(['term', 'df']).where('term', 'in', [DOCUMENTS, VERSION]).execute();
  const get = (t: string) => rows.find((r) => r.term === t)?.df ?? 0;
  return { count: get(DOCUMENTS), version: get(VERSION) };
}

/** Known lemmas close to a (misspelt) word by trigram similarity. */
export async function nearTerms(db: Executor, word: string, minSimilarity: number): Promise<Array<{ term: string; df: number; sim: number }>> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(minSimilarity)}, true)`.execute(tx);
    const r = await sql<{ term: string; df: number; sim: number }>`
      SELECT term, df, similarity(term, ${word}) AS sim FROM centre_terms
      WHERE term % ${word} AND term NOT IN (${DOCUMENTS}, ${VERSION}) AND abs(length(term) - ${word.length}) <= 2 AND left(term, 1) = left(${word}, 1)
      ORDER BY sim DESC, df DESC LIMIT 20`.execute(tx);
    return r.rows.map((x) => ({ ...x, sim: Number(x.sim) }));
  });
}

// search
export type OpenAt = { day: string; time: string; weekday: string; holiday: boolean };
export type Point = { latitude: number; longitude: number };

/** Whether a centre is open at a Moscow day and time: the same rules as centre-hours.ts (intervalOn). */
function openNowSql(at: OpenAt): RawBuilder<unknown> {
  const k = at.holiday ? 8 : Number(at.weekday);
  return sql`(CASE WHEN x.centre_id IS NOT NULL THEN (x.open IS NOT NULL AND x.open <= ${at.time} AND ${at.time} < x.close)
                   ELSE (c.opens[${k}::int] <= ${at.time} AND ${at.time} < c.closes[${k}::int]) END) IS TRUE`;
}

function distanceSql(p: Point): RawBuilder<number> {
  return sql<number>`(6371 * 2 * asin(least(1, sqrt(power(sin(radians(c.latitude - ${p.latitude}::float8) / 2), 2)
    + cos(radians(${p.latitude}::float8)) * cos(radians(c.latitude)) * power(sin(radians(c.longitude - ${p.longitude}::float8) / 2), 2)))))`;
}

export type SearchRow = CentreRow & { score: number; distance: number | null; total: number };

/**
 * Centres matching every concept of the query (each concept: its alternatives), open at `openAt`,
 * with the postcode, ranked by the concepts' weights (more when in the name) or by distance from
 * `near`. Ranking and counting run on ids; the page's rows are read at the end.
 */
export async function searchCentres(
  db: Executor,
  q: {
    concepts: Array<{ tsquery: string; weight: number }>;
    openAt?: OpenAt;
    postcode?: string;
    near?: Point;
    /** only centres within this many km of `near`: a box on the coordinates first, so the distance is computed for few rows */
    radiusKm?: number;
    limit: number;
    offset: number;
  },
): Promise<{ rows: SearchRow[]; total: number }> {
  const text = q.concepts.length > 0;
  const cols = q.concepts.map((c, i) => sql`to_tsquery('russian', ${c.tsquery}) AS ${sql.ref(`c${i}`)}`);
  const all = q.concepts.map((c) => `(${c.tsquery})`).join(' & ');
  const score = text
    ? sql.join(q.concepts.map((c, i) => sql`${c.weight}::float8 * (1::float8 + 1.5::float8 * (s.name_vector @@ ${sql.ref(`q.c${i}`)})::int)`), sql` + `)
    : sql`0::float8`;
  const distance = q.near ? distanceSql(q.near) : sql`NULL::float8`;
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (text) where.push(sql`s.search_vector @@ q.tsq`);
  if (q.openAt) where.push(openNowSql(q.openAt));
  if (q.postcode) where.push(sql`c.postcode = ${q.postcode}`);
  if (q.near && q.radiusKm !== undefined) {
    const dLat = q.radiusKm / 111.2;
    const dLon = q.radiusKm / (111.2 * Math.max(0.05, Math.cos((q.near.latitude * Math.PI) / 180)));
    where.push(sql`c.latitude BETWEEN ${q.near.latitude - dLat}::float8 AND ${q.near.latitude + dLat}::float8`);
    where.push(sql`c.longitude BETWEEN ${q.near.longitude - dLon}::float8 AND ${q.near.longitude + dLon}::float8`);
    where.push(sql`${distanceSql(q.near)} <= ${q.radiusKm}::float8`);
  }
  const from = sql.join(
    [
      sql`centres c`,
      ...(text ? [sql`JOIN centre_search s ON s.centre_id = c.id CROSS JOIN q`] : []),
      ...(q.openAt ? [sql`LEFT JOIN centre_exceptions x ON x.centre_id = c.id AND x.day = ${q.openAt.day}::date`] : []),
    ],
    sql` `,
  );
  const order = q.near ? sql`distance, score DESC, name, id` : sql`score DESC, name, id`;
  const withQ = text ? sql`WITH q AS (SELECT to_tsquery('russian', ${all}) AS tsq, ${sql.join(cols)}), ` : sql`WITH `;
  const r = await sql<SearchRow>`
    ${withQ} hits AS (
      SELECT c.id, c.name, (${score})::float8 AS score, ${distance} AS distance, count(*) OVER () AS total
      FROM ${from}
      WHERE ${sql.join(where, sql` AND `)}
      ORDER BY ${order}
      LIMIT ${q.limit} OFFSET ${q.offset}
    )
    SELECT ${sql.join(columns.map((c) => sql.ref(`c.${c}`)))}, hits.score, hits.distance, hits.total
    FROM hits JOIN centres c ON c.id = hits.id
    ORDER BY ${q.near ? sql`hits.distance, hits.score DESC, hits.name, hits.id` : sql`hits.score DESC, hits.name, hits.id`}`.execute(db);
  const rows = r.rows.map((row) => ({ ...row, score: Number(row.score), distance: row.distance === null ? null : Number(row.distance), total: Number(row.total) }));
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.offset > 0) {
    // a page past the end still reports how many there are
    const c = await sql<{ n: number }>`${withQ} hits AS (SELECT 1 FROM ${from} WHERE ${sql.join(where, sql` AND `)}) SELECT count(*)::int AS n FROM hits`.execute(db);
    total = Number(c.rows[0]?.n ?? 0);
  }
  return { rows, total };
}

/**
 * Where a postcode is: the centres with exactly that postcode, else the centres sharing its
 * longest prefix of at least 3 digits (in Russia the first three digits name the city or the
 * region's sorting centre). The average of their coordinates; null when nothing is that close.
 */
export async function locatePostcode(db: Executor, postcode: string): Promise<{ basis: 'centre' | 'prefix'; latitude: number; longitude: number } | null> {
  for (const len of [6, 5, 4, 3]) {
    const prefix = postcode.slice(0, len);
    const q = db.selectFrom('centres').select((eb) => [eb.fn.avg<number>('latitude').as('lat'), eb.fn.avg<number>('longitude').as('lon'), eb.fn.countAll<number>().as('n')]);
    const r = await (len === 6 ? q.where('postcode', '=', postcode) : q.where('postcode', 'like', `${prefix}%`)).executeTakeFirstOrThrow();
    if (Number(r.n) > 0) return { basis: len === 6 ? 'centre' : 'prefix', latitude: Number(r.lat), longitude: Number(r.lon) };
  }
  return null;
}

// where clerks work
export async function workplaceOf(db: Executor, userId: string): Promise<CentreRow | undefined> {
  const row = await db.selectFrom('centre_clerks').select('centre_id').where('user_id', '=', userId).executeTakeFirst();
  return row ? findCentre(db, row.centre_id) : undefined;
}

export async function setWorkplace(db: Executor, userId: string, centreId: string): Promise<void> {
  await db
    .insertInto('centre_clerks')
    .values({ user_id: userId, centre_id: centreId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ centre_id: centreId, updated_at: sql`now()` }))
    .execute();
}

export async function anyCentre(db: Executor): Promise<boolean> {
  return (await db.selectFrom('centres').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function firstSampleCentre(db: Executor): Promise<string | undefined> {
  const r = await db.selectFrom('centres').select('id').where('sample', '=', true).orderBy('name').limit(1).executeTakeFirst();
  return r?.id;
}
