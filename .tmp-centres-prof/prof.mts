import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { openDatabase } from '/work/main/server/platform/db/database.ts';
import { migrateToLatest } from '/work/main/server/platform/db/migrate.ts';
import { seedCalendar, loadCalendar } from '/work/main/server/modules/calendar/index.ts';
import { importCentres, searchCentres } from '/work/main/server/modules/centres/index.ts';
import { initLemmatizer, planQuery, closestByEdits } from '/work/main/server/modules/knowledge/index.ts';
import { searchCentres as rows, centreCount, termFrequencies, nearTerms } from '/work/main/server/modules/centres/centres-repo.ts';
import { addressSynonyms } from '/work/main/server/modules/centres/centre-index.ts';
import { readFileSync, existsSync } from 'node:fs';
const dir = '/tmp/centres-prof-db';
const fresh = !existsSync(dir);
const database = await openDatabase({ pglite: await PGlite.create(dir, { extensions: { pg_trgm } }) });
const { db } = database;
await migrateToLatest(db as never);
await db.transaction().execute((tx) => seedCalendar(tx));
await initLemmatizer();
if (fresh) {
  const csv = readFileSync('/tmp/centres.csv', 'utf8');
  await importCentres({ deps: { db }, format: 'csv', content: csv, lang: 'ru' });
}
const now = () => new Date('2026-11-05T12:00:00+03:00');
const qs = ['Казань улица Баумана', 'на Тверской улице в Москве', 'Новосибрск Красный проспект', 'центр обслуживания Москва', 'ktcyfz ekbwf Gthvm'];
for (let r = 0; r < 3; r++) for (const q of qs) {
  let t = performance.now();
  await loadCalendar(db); const tCal = performance.now() - t; t = performance.now();
  const count = await centreCount(db);
  const plan = await planQuery(q, { synonymGroups: addressSynonyms, publishedCount: count, frequencies: (x) => termFrequencies(db, x), nearest: async (w) => closestByEdits(w, await nearTerms(db, w, 0.2)) });
  const tPlan = performance.now() - t; t = performance.now();
  const f = await rows(db, { concepts: plan.concepts, limit: 20, offset: 0 });
  const tSql = performance.now() - t; t = performance.now();
  await searchCentres({ deps: { db, now }, query: { q, page: 1, pageSize: 20 }, lang: 'ru' });
  const tAll = performance.now() - t;
  if (r === 2) console.log(q, { tCal: tCal.toFixed(1), tPlan: tPlan.toFixed(1), tSql: tSql.toFixed(1), total: f.total, tAll: tAll.toFixed(1) });
}
for (const query of [{ openNow: true }, { postcode: '420123' }, { postcode: '119500', openNow: true }]) {
  for (let r = 0; r < 2; r++) { const t = performance.now(); await searchCentres({ deps: { db, now }, query: { ...query, page: 1, pageSize: 20 }, lang: 'ru' }); if (r) console.log(JSON.stringify(query), (performance.now() - t).toFixed(1)); }
}
await database.close();
