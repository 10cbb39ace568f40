import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kb_articles (
      id uuid PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('faq','article','instruction','video_guide','answer_template')),
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      body_text text NOT NULL DEFAULT '',
      short_answer text NOT NULL DEFAULT '',
      category text NOT NULL,
      service text NOT NULL,
      tags text[] NOT NULL DEFAULT '{}',
      links jsonb NOT NULL DEFAULT '[]'::jsonb,
      video_url text,
      transcript text,
      state text NOT NULL CHECK (state IN ('draft','published','archived')),
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      revision integer NOT NULL DEFAULT 1,
      lemma_title text NOT NULL DEFAULT '',
      lemma_extra text NOT NULL DEFAULT '',
      lemma_body text NOT NULL DEFAULT '',
      lemma_terms text[] NOT NULL DEFAULT '{}',
      helpful_yes integer NOT NULL DEFAULT 0,
      helpful_no integer NOT NULL DEFAULT 0
    )`.execute(db);
  // The search index lives in its own narrow table: its rows (vectors and filter columns, ~1–2 KB)
  // stay inline and uncompressed, so ranking thousands of candidates does not detoast wide article rows.
  await sql`
    CREATE TABLE kb_search (
      article_id uuid PRIMARY KEY REFERENCES kb_articles(id) ON DELETE CASCADE,
      kind text NOT NULL,
      category text NOT NULL,
      service text NOT NULL,
      published_at timestamptz,
      search_vector tsvector NOT NULL,
      title_vector tsvector NOT NULL,
      extra_vector tsvector NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX kb_search_vector_idx ON kb_search USING gin (search_vector)`.execute(db);
  await sql`CREATE INDEX kb_articles_state_idx ON kb_articles (state, published_at DESC)`.execute(db);
  await sql`CREATE INDEX kb_articles_title_trgm_idx ON kb_articles USING gin (lower(title) gin_trgm_ops)`.execute(db);
  await sql`
    CREATE TABLE kb_revisions (
      id uuid PRIMARY KEY,
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
      revision integer NOT NULL,
      snapshot jsonb NOT NULL,
      edited_by uuid,
      edited_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (article_id, revision)
    )`.execute(db);
  // the vocabulary of published lemmas with document frequencies: idf weights and typo repair
  await sql`CREATE TABLE kb_terms (term text PRIMARY KEY, df integer NOT NULL)`.execute(db);
  await sql`CREATE INDEX kb_terms_trgm_idx ON kb_terms USING gin (term gin_trgm_ops)`.execute(db);
  await sql`
    CREATE TABLE kb_synonyms (
      id uuid PRIMARY KEY,
      position integer NOT NULL,
      terms text[] NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE kb_votes (
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
      voter text NOT NULL,
      helpful boolean NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, voter)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['kb_votes', 'kb_synonyms', 'kb_terms', 'kb_revisions', 'kb_articles']) await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
}
