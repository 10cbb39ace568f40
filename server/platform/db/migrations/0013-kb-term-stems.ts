import { sql, type Kysely } from 'kysely';

// The index stores lemmas through the `russian` configuration, which stems them: ответить and ответ
// are one lexeme there. Document frequencies must be counted the way the index matches, or a
// query word looks rare while it matches half the knowledge base; so each vocabulary lemma keeps
// its lexeme (to_tsvector with a constant configuration is immutable, so it can be generated).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE kb_terms ADD COLUMN lexeme text GENERATED ALWAYS AS (strip(to_tsvector('russian'::regconfig, term))::text) STORED`.execute(db);
  await sql`CREATE INDEX kb_terms_lexeme_idx ON kb_terms (lexeme)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE kb_terms DROP COLUMN lexeme`.execute(db);
}
