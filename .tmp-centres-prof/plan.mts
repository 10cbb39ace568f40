import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'kysely';
import { openDatabase } from '/work/main/server/platform/db/database.ts';
import { initLemmatizer, planQuery, closestByEdits } from '/work/main/server/modules/knowledge/index.ts';
import { centreCount, termFrequencies, nearTerms } from '/work/main/server/modules/centres/centres-repo.ts';
import { addressSynonyms } from '/work/main/server/modules/centres/centre-index.ts';
const database = await openDatabase({ pglite: await PGlite.create('/tmp/centres-prof-db', { extensions: { pg_trgm } }) });
const { db } = database;
await initLemmatizer();
for (const q of ['на Тверской улице в Москве', 'Новосибрск Красный проспект']) for (let r = 0; r < 3; r++) {
  const times: string[] = [];
  const t0 = performance.now();
  const plan = await planQuery(q, { synonymGroups: addressSynonyms, publishedCount: 10000,
    frequencies: async (x) => { const t = performance.now(); const m = await termFrequencies(db, x); times.push(`freq ${x.length} ${(performance.now() - t).toFixed(1)}`); return m; },
    nearest: async (w) => { const t = performance.now(); const n = await nearTerms(db, w, 0.2); times.push(`near ${w} ${(performance.now() - t).toFixed(1)}`); return closestByEdits(w, n); } });
  if (r === 2) { console.log(q, (performance.now() - t0).toFixed(1), times, plan.concepts.map((c) => c.tsquery)); 
    const all = plan.concepts.map((c) => `(${c.tsquery})`).join(' & ');
    const e = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ANALYZE SELECT c.id FROM centres c JOIN centre_search s ON s.centre_id = c.id WHERE s.search_vector @@ to_tsquery('russian', ${all})`.execute(db);
    console.log(e.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
}
await database.close();
