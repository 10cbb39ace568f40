// `npm run bench:centres`: imports 10,000 generated service centres from CSV (through the product's
// import, as the CLI and the admin API do) and measures the centre search: latency (median, p99)
// of address queries with word forms, typos, a wrong keyboard layout and abbreviations, postcode
// queries (exact and nearest) and «open now», and hit@1 of the address queries — against a plain
// PostgreSQL baseline in the same run (to_tsvector('russian') over name, address and region with
// a GIN index, websearch_to_tsquery and ts_rank). Prints one JSON report. Target: p99 < 30 ms.
// Usage: node --import tsx bench/centres-bench.ts [--centres=10000] [--repeat=5] [--postgres=URL]
import { sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { openDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrate.ts';
import { seedCalendar } from '../server/modules/calendar/index.ts';
import { importCentres, searchCentres } from '../server/modules/centres/index.ts';
import { initLemmatizer } from '../server/modules/knowledge/index.ts';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const TOTAL = Number(arg('centres', '10000'));
const REPEAT = Number(arg('repeat', '5'));
const TARGET_P99_MS = 30;

// a deterministic generator: every run imports the same file
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const cities = [
  { city: 'Москва', region: 'Москва', lat: 55.75, lon: 37.62, pc: ['101', '105', '109', '115', '119', '121', '125', '129'] },
  { city: 'Санкт-Петербург', region: 'Санкт-Петербург', lat: 59.94, lon: 30.31, pc: ['190', '191', '194', '196', '198'] },
  { city: 'Казань', region: 'Республика Татарстан', lat: 55.79, lon: 49.12, pc: ['420'] },
  { city: 'Новосибирск', region: 'Новосибирская область', lat: 55.03, lon: 82.92, pc: ['630'] },
  { city: 'Екатеринбург', region: 'Свердловская область', lat: 56.84, lon: 60.6, pc: ['620'] },
  { city: 'Нижний Новгород', region: 'Нижегородская область', lat: 56.33, lon: 44.0, pc: ['603'] },
  { city: 'Самара', region: 'Самарская область', lat: 53.2, lon: 50.15, pc: ['443'] },
  { city: 'Омск', region: 'Омская область', lat: 54.99, lon: 73.37, pc: ['644'] },
  { city: 'Ростов-на-Дону', region: 'Ростовская область', lat: 47.23, lon: 39.72, pc: ['344'] },
  { city: 'Уфа', region: 'Республика Башкортостан', lat: 54.74, lon: 55.97, pc: ['450'] },
  { city: 'Красноярск', region: 'Красноярский край', lat: 56.01, lon: 92.85, pc: ['660'] },
  { city: 'Пермь', region: 'Пермский край', lat: 58.01, lon: 56.25, pc: ['614'] },
  { city: 'Воронеж', region: 'Воронежская область', lat: 51.67, lon: 39.18, pc: ['394'] },
  { city: 'Волгоград', region: 'Волгоградская область', lat: 48.71, lon: 44.51, pc: ['400'] },
];
const streets = [
  'ул. Ленина', 'проспект Мира', 'Садовая улица', 'Тверская улица', 'ул. Гагарина', 'Лесная улица', 'ул. Пушкина', 'Советская улица', 'Набережная улица',
  'Молодёжная улица', 'Школьная улица', 'ул. Победы', 'Центральная улица', 'Заречная улица', 'ул. Кирова', 'Октябрьская улица', 'Первомайская улица',
  'ул. Мичурина', 'ул. Чкалова', 'Комсомольский проспект', 'Невский проспект', 'Ленинградское шоссе', 'Красный проспект', 'ул. Баумана', 'Вокзальная улица',
  'Полевая улица', 'Северная улица', 'Южная улица', 'Речная улица', 'Луговая улица',
];
const hours = ['09:00-20:00', '08:00-20:00', '09:00-18:00', '10:00-19:00'];
const serviceSets = ['Паспорт|Консультация', 'Регистрация учётной записи|Восстановление доступа', 'Консультация', 'Паспорт|Регистрация учётной записи|Консультация'];

function generateCsv(n: number): string {
  const lines = ['code;name;address;postcode;region;phone;latitude;longitude;mon;tue;wed;thu;fri;sat;sun;holiday;exceptions;services'];
  for (let i = 1; i <= n; i++) {
    const c = pick(cities);
    const street = pick(streets);
    const weekday = pick(hours);
    const postcode = `${pick(c.pc)}${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`;
    const lat = (c.lat + (rnd() - 0.5) * 0.3).toFixed(5);
    const lon = (c.lon + (rnd() - 0.5) * 0.5).toFixed(5);
    const sat = rnd() < 0.6 ? '10:00-17:00' : '';
    const holiday = rnd() < 0.2 ? '10:00-14:00' : '';
    lines.push([`bench-${i}`, `Центр обслуживания № ${i}`, `г. ${c.city}, ${street}, д. ${1 + Math.floor(rnd() * 150)}`, postcode, c.region, '', lat, lon, weekday, weekday, weekday, weekday, weekday, sat, '', holiday, '', pick(serviceSets)].join(';'));
  }
  return lines.join('\n');
}

/** Address queries: what a visitor types, and what the top hit's address must contain. */
const cases: Array<{ q: string; expect: string[] }> = [
  { q: 'Казань улица Баумана', expect: ['Казань', 'Баумана'] },
  { q: 'на Тверской улице в Москве', expect: ['Москва', 'Тверская'] },
  { q: 'Невский проспект Санкт-Петербург', expect: ['Санкт-Петербург', 'Невский'] },
  { q: 'пр-т Мира Самара', expect: ['Самара', 'проспект Мира'] },
  { q: 'Ленинградское шоссе Омск', expect: ['Омск', 'Ленинградское'] },
  { q: 'Новосибрск Красный проспект', expect: ['Новосибирск', 'Красный'] },
  { q: 'Екатеринбург улица Гагрина', expect: ['Екатеринбург', 'Гагарина'] },
  { q: 'на Садовой в Воронеже', expect: ['Воронеж', 'Садовая'] },
  { q: 'Лесная Пермь', expect: ['Пермь', 'Лесная'] },
  { q: 'ktcyfz ekbwf Gthvm', expect: ['Пермь', 'Лесная'] },
  { q: 'улицы Пушкина Уфа', expect: ['Уфа', 'Пушкина'] },
  { q: 'Комсомольский проспект Красноярск', expect: ['Красноярск', 'Комсомольский'] },
  { q: 'Набережная Волгоград', expect: ['Волгоград', 'Набережная'] },
  { q: 'Нижний Новгород ул Чкалова', expect: ['Нижний Новгород', 'Чкалова'] },
];

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const round = (x: number) => Math.round(x * 100) / 100;

async function main() {
  const pgUrl = process.argv.find((a) => a.startsWith('--postgres='))?.slice('--postgres='.length);
  let database;
  let dropDb: (() => Promise<void>) | undefined;
  if (pgUrl) {
    const name = `svyaz_centres_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString() });
    dropDb = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    database = await openDatabase({ pglite: await PGlite.create({ extensions: { pg_trgm } }) });
  }
  const { db } = database;
  try {
    await migrateToLatest(db as never);
    await db.transaction().execute((tx) => seedCalendar(tx));
    await initLemmatizer();

    const csv = generateCsv(TOTAL);
    const t0 = performance.now();
    let lastShare = -1;
    const report = await importCentres({
      deps: { db },
      format: 'csv',
      content: csv,
      lang: 'ru',
      onProgress: (done, total) => {
        const share = Math.floor((done / Math.max(total, 1)) * 10);
        if (share !== lastShare) process.stderr.write(`import ${done}/${total}\n`);
        lastShare = share;
      },
    });
    const importSeconds = (performance.now() - t0) / 1000;

    // the baseline: plain PostgreSQL full-text search, no lemmas, typo repair or synonyms
    await sql`CREATE INDEX bench_baseline_idx ON centres USING gin (to_tsvector('russian', name || ' ' || address || ' ' || region))`.execute(db);
    // as the hourly maintenance job (PGlite) or autovacuum (PostgreSQL) would after an import
    await sql`VACUUM (ANALYZE)`.execute(db);
    const baseline = async (q: string) => {
      const r = await sql<{ address: string }>`
        SELECT address, count(*) OVER () AS total FROM centres
        WHERE to_tsvector('russian', name || ' ' || address || ' ' || region) @@ websearch_to_tsquery('russian', ${q})
        ORDER BY ts_rank(to_tsvector('russian', name || ' ' || address || ' ' || region), websearch_to_tsquery('russian', ${q})) DESC, name
        LIMIT 20`.execute(db);
      return r.rows.map((x) => x.address);
    };
    const at = '2026-11-05T12:00:00+03:00';
    const product = async (query: { q?: string; postcode?: string; openNow?: boolean }) =>
      (await searchCentres({ deps: { db, now: () => new Date(at) }, query: { ...query, page: 1, pageSize: 20 }, lang: 'ru' })).items.map((i) => i.address);

    const extra: Array<{ q?: string; postcode?: string; openNow?: boolean }> = [
      { postcode: '420123' },
      { postcode: '630999' },
      { postcode: '119500', openNow: true },
      { q: 'Садовая', openNow: true },
      { openNow: true },
      { q: 'центр обслуживания Москва' },
    ];
    const hit = (addresses: string[], expect: string[]) => {
      const top = addresses[0] ?? '';
      return expect.every((e) => top.toLowerCase().replace(/ё/g, 'е').includes(e.toLowerCase().replace(/ё/g, 'е')));
    };

    // warm-up, then timed rounds
    for (const c of cases) await product({ q: c.q });
    const productMs: number[] = [];
    const baselineMs: number[] = [];
    // per query, to name the slowest in the report
    const perQuery = new Map<string, number[]>();
    const note = (label: string, ms: number) => perQuery.set(label, [...(perQuery.get(label) ?? []), ms]);
    let productHits = 0;
    let baselineHits = 0;
    for (let round = 0; round < REPEAT; round++) {
      for (const c of cases) {
        let t = performance.now();
        const p = await product({ q: c.q });
        productMs.push(performance.now() - t);
        note(JSON.stringify({ q: c.q }), performance.now() - t);
        t = performance.now();
        const b = await baseline(c.q);
        baselineMs.push(performance.now() - t);
        if (round === 0) {
          if (hit(p, c.expect)) productHits += 1;
          if (hit(b, c.expect)) baselineHits += 1;
        }
      }
      for (const e of extra) {
        const t = performance.now();
        await product(e);
        productMs.push(performance.now() - t);
        note(JSON.stringify(e), performance.now() - t);
      }
    }
    const out = {
      database: pgUrl ? 'postgresql' : 'pglite',
      centres: TOTAL,
      import: { seconds: round(importSeconds), rowsPerSecond: Math.round(TOTAL / importSeconds), created: report.created, rejected: report.rejected.length },
      queries: { address: cases.length, other: extra.length, repeat: REPEAT },
      product: { hitAt1: round(productHits / cases.length), medianMs: round(percentile(productMs, 50)), p99Ms: round(percentile(productMs, 99)), maxMs: round(Math.max(...productMs)) },
      baseline: { hitAt1: round(baselineHits / cases.length), medianMs: round(percentile(baselineMs, 50)), p99Ms: round(percentile(baselineMs, 99)), note: 'plain to_tsvector/websearch_to_tsquery over name, address and region (GIN); address queries only' },
      slowestByMedian: [...perQuery].map(([query, ms]) => ({ query, medianMs: round(percentile(ms, 50)), maxMs: round(Math.max(...ms)) })).sort((a, b) => b.medianMs - a.medianMs).slice(0, 5),
      targetP99Ms: TARGET_P99_MS,
      meetsTarget: percentile(productMs, 99) < TARGET_P99_MS,
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await database.close();
    await dropDb?.();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
