import { sql, type Kysely } from 'kysely';

// A GIN index with fastupdate (the default) puts new entries in a pending list that every search
// scans in full until VACUUM merges it. Embedded PGlite has no autovacuum, so after a few thousand
// saved articles each search read the whole list (13 ms of a 25 ms query at 10,000 articles);
// on PostgreSQL the list grows between autovacuum runs. Search indexes here are written far less
// often than they are read, so entries go straight into the index.
const indexes = ['kb_search_vector_idx', 'kb_articles_title_trgm_idx', 'kb_terms_trgm_idx', 'centre_search_vector_idx', 'centre_terms_trgm_idx'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of indexes) {
    await sql`ALTER INDEX ${sql.id(name)} SET (fastupdate = off)`.execute(db);
    // whatever is pending already is merged now
    await sql`SELECT gin_clean_pending_list(${name}::regclass)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of indexes) await sql`ALTER INDEX ${sql.id(name)} SET (fastupdate = on)`.execute(db);
}
