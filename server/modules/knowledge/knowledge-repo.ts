// The only SQL on kb_articles, kb_revisions, kb_terms, kb_synonyms and kb_votes.
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.ts';

export type ArticleRow = {
  id: string;
  slug: string;
  kind: string;
  title: string;
  body: string;
  body_text: string;
  short_answer: string;
  category: string;
  service: string;
  tags: string[];
  links: Array<{ title: string; url: string }>;
  video_url: string | null;
  transcript: string | null;
  state: string;
  published_at: Date | null;
  updated_at: Date;
  revision: number;
  lemma_terms: string[];
  helpful_yes: number;
  helpful_no: number;
};

const articleColumns = [
  'id', 'slug', 'kind', 'title', 'body', 'body_text', 'short_answer', 'category', 'service', 'tags', 'links', 'video_url',
  'transcript', 'state', 'published_at', 'updated_at', 'revision', 'lemma_terms', 'helpful_yes', 'helpful_no',
] as const;

export type ArticleWrite = {
  slug: string;
  kind: string;
  title: string;
  body: string;
  bodyText: string;
  shortAnswer: string;
  category: string;
  service: string;
  tags: string[];
  links: Array<{ title: string; url: string }>;
  videoUrl: string | null;
  transcript: string | null;
  state: string;
  publishedAt: Date | null;
  lemmaTitle: string;
  lemmaExtra: string;
  lemmaBody: string;
  lemmaTerms: string[];
};

function columns(a: ArticleWrite) {
  return {
    slug: a.slug,
    kind: a.kind,
    title: a.title,
    body: a.body,
    body_text: a.bodyText,
    short_answer: a.shortAnswer,
    category: a.category,
    service: a.service,
    tags: a.tags,
    links: JSON.stringify(a.links),
    video_url: a.videoUrl,
    transcript: a.transcript,
    state: a.state,
    published_at: a.publishedAt,
    lemma_title: a.lemmaTitle,
    lemma_extra: a.lemmaExtra,
    lemma_body: a.lemmaBody,
    lemma_terms: a.lemmaTerms,
  };
}

export async function insertArticle(db: Executor, a: ArticleWrite): Promise<ArticleRow> {
  return db
    .insertInto('kb_articles')
    .values({ id: randomUUID(), ...columns(a) })
    .returning(articleColumns)
    .executeTakeFirstOrThrow() as Promise<ArticleRow>;
}

export async function updateArticle(db: Executor, id: string, a: ArticleWrite): Promise<ArticleRow> {
  return db
    .updateTable('kb_articles')
    .set({ ...columns(a), updated_at: sql`now()`, revision: sql`revision + 1` })
    .where('id', '=', id)
    .returning(articleColumns)
    .executeTakeFirstOrThrow() as Promise<ArticleRow>;
}

/** Puts a published article into the search index, or takes it out. */
export async function syncSearchRow(db: Executor, row: ArticleRow & { lemma_title?: string }, lemmas: { title: string; extra: string; body: string }): Promise<void> {
  if (row.state !== 'published') {
    await db.deleteFrom('kb_search').where('article_id', '=', row.id).execute();
    return;
  }
  await sql`
    INSERT INTO kb_search (article_id, kind, category, service, published_at, search_vector, title_vector, extra_vector)
    VALUES (${row.id}, ${row.kind}, ${row.category}, ${row.service}, ${row.published_at},
      setweight(to_tsvector('russian', ${lemmas.title}), 'A') || setweight(to_tsvector('russian', ${lemmas.extra}), 'B') || setweight(to_tsvector('russian', ${lemmas.body}), 'C'),
      to_tsvector('russian', ${lemmas.title}), to_tsvector('russian', ${lemmas.extra}))
    ON CONFLICT (article_id) DO UPDATE SET kind = EXCLUDED.kind, category = EXCLUDED.category, service = EXCLUDED.service,
      published_at = EXCLUDED.published_at, search_vector = EXCLUDED.search_vector, title_vector = EXCLUDED.title_vector, extra_vector = EXCLUDED.extra_vector`.execute(db);
}

export async function findArticle(db: Executor, idOrSlug: string, opts: { forUpdate?: boolean } = {}): Promise<ArticleRow | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  let q = db.selectFrom('kb_articles').select(articleColumns).where(isUuid ? 'id' : 'slug', '=', idOrSlug);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst() as Promise<ArticleRow | undefined>;
}

export async function slugTaken(db: Executor, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('kb_articles').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertRevision(db: Executor, r: { articleId: string; revision: number; snapshot: Record<string, unknown>; editedBy: string | null }) {
  await db
    .insertInto('kb_revisions')
    .values({ id: randomUUID(), article_id: r.articleId, revision: r.revision, snapshot: JSON.stringify(r.snapshot), edited_by: r.editedBy })
    .execute();
}

export async function listRevisions(db: Executor, articleId: string) {
  return db
    .selectFrom('kb_revisions')
    .leftJoin('users', 'users.id', 'kb_revisions.edited_by')
    .select(['kb_revisions.revision', 'kb_revisions.snapshot', 'kb_revisions.edited_at', 'users.name as editor'])
    .where('kb_revisions.article_id', '=', articleId)
    .orderBy('kb_revisions.revision', 'desc')
    .execute();
}

export async function listArticles(db: Executor, q: { text?: string; state?: string; kind?: string; category?: string; limit: number; offset: number }) {
  let base = db.selectFrom('kb_articles');
  if (q.state) base = base.where('state', '=', q.state);
  if (q.kind) base = base.where('kind', '=', q.kind);
  if (q.category) base = base.where('category', '=', q.category);
  if (q.text) {
    const like = `%${q.text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) => eb.or([eb(sql`lower(title)`, 'like', like), eb('slug', 'like', like)]));
  }
  const [rows, total] = await Promise.all([
    base.select(articleColumns).orderBy('updated_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ArticleRow[], total: Number(total.n) };
}

// vocabulary (document frequencies of published lemmas)
/** The vocabulary row that counts published articles (a space is never a lemma). */
const DOCUMENTS = ' ';

/** Called once per article that becomes published (+1) or stops being published (-1). */
export async function adjustTerms(db: Executor, lemmaTerms: string[], delta: 1 | -1): Promise<void> {
  const terms = [...lemmaTerms, DOCUMENTS];
  if (delta === 1) {
    await sql`INSERT INTO kb_terms (term, df) SELECT t, 1 FROM unnest(${terms}::text[]) AS t
              ON CONFLICT (term) DO UPDATE SET df = kb_terms.df + 1`.execute(db);
  } else {
    await sql`UPDATE kb_terms SET df = df - 1 WHERE term = ANY(${terms}::text[])`.execute(db);
    await sql`DELETE FROM kb_terms WHERE df <= 0 AND term = ANY(${terms}::text[])`.execute(db);
  }
}

/**
 * How many published articles each term matches in the index: lemmas that share a lexeme
 * (ответить, ответ) are one lexeme there, so their counts are summed — an upper bound when an
 * article holds both, which is what the candidate budget needs. A term without any is absent.
 */
export async function termFrequencies(db: Executor, terms: string[]): Promise<Map<string, number>> {
  if (terms.length === 0) return new Map();
  const r = await sql<{ term: string; df: number | string | null }>`
    SELECT t.term, (SELECT sum(k.df) FROM kb_terms k WHERE k.lexeme = strip(to_tsvector('russian'::regconfig, t.term))::text AND k.term <> ${DOCUMENTS}) AS df
    FROM unnest(${terms}::text[]) AS t(term)`.execute(db);
  return new Map(r.rows.filter((x) => x.df !== null && Number(x.df) > 0).map((x) => [x.term, Number(x.df)]));
}

/** Published articles, kept in the vocabulary table (counting rows scans the whole table). */
export async function publishedCount(db: Executor): Promise<number> {
  const r = await db.selectFrom('kb_terms').select('df').where('term', '=', DOCUMENTS).executeTakeFirst();
  return r?.df ?? 0;
}

/**
 * What every search needs first, in one round trip: the published count and a fingerprint of the
 * synonym groups, so a process reloads (and re-lemmatizes) them only after someone edited them,
 * in this process or another.
 */
export async function searchContext(db: Executor): Promise<{ count: number; synonymsVersion: string }> {
  const r = await sql<{ n: number | null; v: string | null }>`
    SELECT (SELECT df FROM kb_terms WHERE term = ${DOCUMENTS}) AS n,
           (SELECT md5(string_agg(position::text || ':' || array_to_string(terms, '|'), ';' ORDER BY position)) FROM kb_synonyms) AS v`.execute(db);
  const row = r.rows[0];
  return { count: row?.n ?? 0, synonymsVersion: row?.v ?? '' };
}

/** The closest known lemma by trigram similarity (typo repair), or null. */
export async function nearTerms(db: Executor, word: string, minSimilarity: number): Promise<Array<{ term: string; df: number; sim: number }>> {
  // the % operator uses the index with the session's threshold; SET LOCAL keeps it to this transaction
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(minSimilarity)}, true)`.execute(tx);
    const r = await sql<{ term: string; df: number; sim: number }>`
      SELECT term, df, similarity(term, ${word}) AS sim FROM kb_terms
      WHERE term % ${word} AND term <> ${DOCUMENTS} AND abs(length(term) - ${word.length}) <= 2 AND left(term, 1) = left(${word}, 1)
      ORDER BY sim DESC, df DESC LIMIT 20`.execute(tx);
    return r.rows.map((x) => ({ ...x, sim: Number(x.sim) }));
  });
}

// synonyms
export async function loadSynonymGroups(db: Executor): Promise<string[][]> {
  const rows = await db.selectFrom('kb_synonyms').select('terms').orderBy('position').execute();
  return rows.map((r) => r.terms);
}

export async function replaceSynonymGroups(db: Executor, groups: string[][]): Promise<void> {
  await db.deleteFrom('kb_synonyms').execute();
  if (groups.length === 0) return;
  await db
    .insertInto('kb_synonyms')
    .values(groups.map((terms, position) => ({ id: randomUUID(), position, terms })))
    .execute();
}

// votes
export async function recordVote(db: Executor, articleId: string, voter: string, helpful: boolean) {
  const prev = await db.selectFrom('kb_votes').select('helpful').where('article_id', '=', articleId).where('voter', '=', voter).forUpdate().executeTakeFirst();
  if (prev && prev.helpful === helpful) return;
  if (prev) {
    await db.updateTable('kb_votes').set({ helpful, at: sql`now()` }).where('article_id', '=', articleId).where('voter', '=', voter).execute();
  } else {
    await db.insertInto('kb_votes').values({ article_id: articleId, voter, helpful }).execute();
  }
  const yes = (helpful ? 1 : 0) - (prev?.helpful === true ? 1 : 0);
  const no = (helpful ? 0 : 1) - (prev?.helpful === false ? 1 : 0);
  await db
    .updateTable('kb_articles')
    .set({ helpful_yes: sql`helpful_yes + ${yes}`, helpful_no: sql`helpful_no + ${no}` })
    .where('id', '=', articleId)
    .execute();
}

// search
export type SearchFilters = { kind?: string; category?: string; service?: string; from?: string; to?: string };
export type ScoredConcept = { tsquery: string; weight: number; df: number };

function filterSql(f: SearchFilters): RawBuilder<unknown>[] {
  // kb_search holds published articles only
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.kind) parts.push(sql`a.kind = ${f.kind}`);
  if (f.category) parts.push(sql`a.category = ${f.category}`);
  if (f.service) parts.push(sql`a.service = ${f.service}`);
  if (f.from) parts.push(sql`a.published_at >= (${f.from}::date)::timestamp AT TIME ZONE 'Europe/Moscow'`);
  if (f.to) parts.push(sql`a.published_at < ((${f.to}::date) + 1)::timestamp AT TIME ZONE 'Europe/Moscow'`);
  return parts;
}

export type SearchRow = {
  id: string;
  slug: string;
  title: string;
  kind: string;
  category: string;
  service: string;
  short_answer: string;
  published_at: Date | null;
  score: number;
  /** the share of the query's weight this article matches, 0…1 */
  coverage: number;
  /** the plain text the snippet is cut from (see snippet.ts) */
  body_text: string;
  total: number;
};

/** Candidates come from the concepts whose combined document frequency stays under this. */
const CANDIDATE_BUDGET = 1500;

/**
 * The tsquery that selects candidates. Scoring uses every concept, but an article that matches
 * only the most common concepts cannot outrank one that matches a rarer one, so when the query's
 * words are common the most common concepts are left out of the candidate filter (the rarest one
 * always stays). When even the rarest concept is common, candidates must match two of the three
 * rarest concepts. This bounds the work per query on a large knowledge base.
 */
export function candidateFilter(concepts: ScoredConcept[]): { tsquery: string; strict: boolean } {
  const byRarity = [...concepts].sort((a, b) => a.df - b.df);
  const part = (c: ScoredConcept) => `(${c.tsquery})`;
  const [first] = byRarity;
  if (first && first.df > CANDIDATE_BUDGET) {
    // words in nearly every article (weight ~0) cannot tell candidates apart
    const informative = byRarity.filter((c) => c.weight >= 0.3).slice(0, 3);
    if (informative.length >= 2) {
      const pairs: Array<[ScoredConcept, ScoredConcept]> = [];
      for (let i = 0; i < informative.length; i++) for (let j = i + 1; j < informative.length; j++) pairs.push([informative[i] as ScoredConcept, informative[j] as ScoredConcept]);
      return { tsquery: pairs.map(([a, b]) => `(${part(a)} & ${part(b)})`).join(' | '), strict: true };
    }
    return { tsquery: part(first), strict: false };
  }
  const chosen: ScoredConcept[] = [];
  let budget = 0;
  for (const c of byRarity) {
    if (chosen.length > 0 && budget + c.df > CANDIDATE_BUDGET) break;
    chosen.push(c);
    budget += c.df;
  }
  return { tsquery: chosen.map(part).join(' | '), strict: false };
}

/**
 * Ranks published articles by the query's concepts: each concept found in an article adds its idf
 * weight, more when it is in the title or in the short answer and tags; ts_rank_cd over the whole
 * query breaks ties. Every tsquery is parsed once (the q CTE), not per row.
 */
export async function searchArticles(
  db: Executor,
  q: { concepts: ScoredConcept[]; filters: SearchFilters; sort: 'relevance' | 'date'; limit: number; offset: number },
): Promise<SearchRow[]> {
  const filter = candidateFilter(q.concepts);
  const rows = await rankArticles(db, { ...q, filterQuery: filter.tsquery });
  // a strict filter that finds nothing falls back to the concepts one by one
  if (rows.length === 0 && filter.strict && q.offset === 0) {
    return rankArticles(db, { ...q, filterQuery: q.concepts.map((c) => `(${c.tsquery})`).join(' | ') });
  }
  return rows;
}

async function rankArticles(
  db: Executor,
  q: { concepts: ScoredConcept[]; filters: SearchFilters; sort: 'relevance' | 'date'; limit: number; offset: number; filterQuery: string },
): Promise<SearchRow[]> {
  const any = q.concepts.map((c) => `(${c.tsquery})`).join(' | ');
  const filterQuery = q.filterQuery;
  const cols = q.concepts.map((c, i) => sql`to_tsquery('russian', ${c.tsquery}) AS ${sql.ref(`c${i}`)}`);
  // each concept is matched against the whole article once (m0, m1, …); the title and short-answer
  // vectors are only looked at for concepts the article has
  const matches = q.concepts.map((_, i) => sql`(a.search_vector @@ ${sql.ref(`q.c${i}`)}) AS ${sql.ref(`m${i}`)}`);
  const scoreParts = q.concepts.map((c, i) => {
    const m = sql.ref(`m.m${i}`);
    const ref = sql.ref(`q.c${i}`);
    // float8 constants: a bare 1.5 is numeric in PostgreSQL, several times slower per row
    return sql`CASE WHEN ${m} THEN ${c.weight}::float8 * (1::float8 + 1.5::float8 * (a.title_vector @@ ${ref})::int + 0.5::float8 * (a.extra_vector @@ ${ref})::int) ELSE 0::float8 END`;
  });
  const score = sql.join(scoreParts, sql` + `);
  const totalWeight = q.concepts.reduce((acc, c) => acc + c.weight, 0) || 1;
  const coverage = sql.join(q.concepts.map((c, i) => sql`${c.weight}::float8 * ${sql.ref(`m.m${i}`)}::int`), sql` + `);
  const where = sql.join(filterSql(q.filters), sql` AND `);
  const order = q.sort === 'date' ? sql`published_at DESC NULLS LAST, score DESC, id` : sql`score DESC, published_at DESC NULLS LAST, id`;
  const finalOrder = q.sort === 'date' ? sql`ranked.published_at DESC NULLS LAST, ranked.score DESC, ranked.id` : sql`ranked.score DESC, ranked.published_at DESC NULLS LAST, ranked.id`;
  const shortlistOrder = q.sort === 'date' ? sql`a.published_at DESC NULLS LAST, base DESC, a.article_id` : sql`base DESC, a.published_at DESC NULLS LAST, a.article_id`;
  // ts_rank_cd costs several times the rest of the score, so it only breaks ties among the best rows
  const shortlist = q.offset + q.limit + 40;
  const r = await sql<SearchRow>`
    WITH q AS (SELECT to_tsquery('russian', ${any}) AS tsq, to_tsquery('russian', ${filterQuery}) AS fq, ${sql.join(cols)}),
    scored AS (
      SELECT a.article_id AS id, a.published_at, a.search_vector,
             (${score}) AS base,
             (${coverage}) / ${totalWeight}::float8 AS coverage,
             count(*) OVER () AS total
      FROM kb_search a CROSS JOIN q CROSS JOIN LATERAL (SELECT ${sql.join(matches)}) m
      WHERE ${where} AND a.search_vector @@ q.fq
      ORDER BY ${shortlistOrder}
      LIMIT ${shortlist}
    ),
    ranked AS (
      SELECT scored.id, scored.published_at, scored.coverage, scored.total, scored.base + ts_rank_cd(scored.search_vector, q.tsq, 1) AS score
      FROM scored, q
      ORDER BY ${order}
      LIMIT ${q.limit} OFFSET ${q.offset}
    )
    SELECT ranked.id, art.slug, art.title, art.kind, art.category, art.service, art.short_answer,
           ranked.published_at, ranked.score, ranked.coverage, ranked.total, art.body_text
    FROM ranked JOIN kb_articles art ON art.id = ranked.id
    ORDER BY ${finalOrder}`.execute(db);
  return r.rows.map((row) => ({ ...row, score: Number(row.score), coverage: Number(row.coverage), total: Number(row.total) }));
}

export async function suggestTitles(db: Executor, prefix: string, limit: number) {
  const lower = prefix.toLowerCase();
  const like = `%${lower.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const r = await sql<{ id: string; slug: string; title: string }>`
    SELECT id, slug, title FROM kb_articles
    WHERE state = 'published' AND (lower(title) LIKE ${like} OR word_similarity(${lower}, lower(title)) > 0.45)
    ORDER BY (lower(title) LIKE ${`${lower.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}) DESC, word_similarity(${lower}, lower(title)) DESC, title
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

export async function relatedArticles(db: Executor, a: { id: string; category: string; terms: string[] }, limit: number) {
  const r = await sql<{ id: string; slug: string; title: string; kind: string }>`
    SELECT id, slug, title, kind FROM kb_articles
    WHERE state = 'published' AND id <> ${a.id} AND category = ${a.category}
    ORDER BY cardinality(ARRAY(SELECT unnest(lemma_terms) INTERSECT SELECT unnest(${a.terms}::text[]))) DESC, title
    LIMIT ${limit}`.execute(db);
  return r.rows;
}
