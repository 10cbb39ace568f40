// GET /api/centres: by address words (the help centre's query planner: lemmas, typos, keyboard
// layout, address abbreviations; every word must match), by postcode, «open now».
//
// Postcode: centres with exactly that postcode come first. When none of them passes the other
// filters (or none exists), the NEAREST_BY_POSTCODE nearest centres are returned by distance
// from the postcode's location: the centres with that postcode if there are any, otherwise the
// centres sharing its longest prefix of at least 3 digits. A postcode with no centre sharing even
// its first three digits is unknown (422 POSTCODE_UNKNOWN), never a guess.
import type { CentreSearchResult } from '../../../shared/contracts/centres.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { MissingCalendarYearError, loadCalendar, type OfficialCalendar } from '../calendar/index.ts';
import { closestByEdits, initLemmatizer, planQuery } from '../knowledge/index.ts';
import { addressSynonyms } from './centre-index.ts';
import { isoWeekday, moscowClock, moscowDate } from './centre-hours.ts';
import { exceptionsFor, locatePostcode, nearTerms, searchCentres as searchRows, termFrequencies, vocabularyState, type OpenAt } from './centres-repo.ts';
import type { Executor } from '../../platform/db/transaction.ts';
import { presentCentre } from './centres-presenter.ts';

export const NEAREST_BY_POSTCODE = 10;
/** the first, cheap try at the nearest centres: a circle of this radius around the postcode */
const NEAR_RADIUS_KM = 50;
// as in the help centre: low, because a swap of two letters leaves few trigrams in common
const TYPO_MIN_SIMILARITY = 0.2;

/**
 * What this process read from the vocabulary (document frequencies, typo repairs), valid while the
 * vocabulary's version (read on every search, so every process sees every write) stays the same.
 */
const cache = { version: -1, df: new Map<string, number>(), near: new Map<string, string | null>() };

function cachedVocabulary(db: Executor, version: number) {
  if (cache.version !== version || cache.df.size + cache.near.size > 50_000) {
    cache.version = version;
    cache.df = new Map();
    cache.near = new Map();
  }
  return {
    async frequencies(terms: string[]): Promise<Map<string, number>> {
      const missing = terms.filter((t) => !cache.df.has(t));
      if (missing.length > 0) {
        const found = await termFrequencies(db, missing);
        for (const t of missing) cache.df.set(t, found.get(t) ?? 0);
      }
      return new Map(terms.map((t) => [t, cache.df.get(t) ?? 0] as const).filter(([, df]) => df > 0));
    },
    async nearest(word: string): Promise<string | null> {
      if (!cache.near.has(word)) cache.near.set(word, closestByEdits(word, await nearTerms(db, word, TYPO_MIN_SIMILARITY)));
      return cache.near.get(word) ?? null;
    },
  };
}

export function calendarOr422<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MissingCalendarYearError) throw new AppError('CALENDAR_MISSING', 422, { params: { year: err.year } });
    throw err;
  }
}

export function openAtOf(at: Date, cal: OfficialCalendar): OpenAt {
  const day = moscowDate(at);
  return { day, time: moscowClock(at), weekday: isoWeekday(day), holiday: calendarOr422(() => cal.isHoliday(day)) };
}

export async function searchCentres(opts: {
  deps: Pick<Deps, 'db' | 'now'>;
  query: { q?: string; postcode?: string; openNow?: boolean; at?: string; page: number; pageSize: number };
  lang: Lang;
}): Promise<CentreSearchResult> {
  const { db } = opts.deps;
  const q = opts.query;
  const at = q.at ? new Date(q.at) : opts.deps.now();
  const cal = await loadCalendar(db);
  const openAt = q.openNow ? openAtOf(at, cal) : undefined;
  const limit = q.pageSize;
  const offset = (q.page - 1) * q.pageSize;

  let concepts: Array<{ tsquery: string; weight: number }> = [];
  let understood: string | undefined;
  if (q.q) {
    await initLemmatizer();
    const vocabulary = await vocabularyState(db);
    const plan = await planQuery(q.q, { synonymGroups: addressSynonyms, publishedCount: vocabulary.count, ...cachedVocabulary(db, vocabulary.version) });
    understood = plan.understood;
    concepts = plan.concepts.map((c) => ({ tsquery: c.tsquery, weight: c.weight }));
    // words the centres never use: nothing can match all of them
    if (concepts.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize, ...(understood ? { understood } : {}) };
  }

  let found: Awaited<ReturnType<typeof searchRows>>;
  let postcode: CentreSearchResult['postcode'];
  if (q.postcode) {
    const where = await locatePostcode(db, q.postcode);
    if (!where) throw new AppError('POSTCODE_UNKNOWN', 422, { params: { postcode: q.postcode }, fields: [{ path: 'postcode', kind: 'code:POSTCODE_UNKNOWN', params: { postcode: q.postcode } }] });
    const near = { latitude: where.latitude, longitude: where.longitude };
    found = await searchRows(db, { concepts, openAt, postcode: q.postcode, near, limit, offset });
    let match: 'exact' | 'nearest' = 'exact';
    if (found.total === 0) {
      match = 'nearest';
      const capped = Math.max(0, Math.min(limit, NEAREST_BY_POSTCODE - offset));
      found = { rows: [], total: 0 };
      if (capped > 0) {
        // the nearest ones are within NEAR_RADIUS_KM whenever that circle holds enough of them;
        // only otherwise is every centre's distance computed
        found = await searchRows(db, { concepts, openAt, near, radiusKm: NEAR_RADIUS_KM, limit: capped, offset });
        if (found.total < NEAREST_BY_POSTCODE) found = await searchRows(db, { concepts, openAt, near, limit: capped, offset });
      }
      found.total = Math.min(found.total, NEAREST_BY_POSTCODE);
    }
    postcode = { match, basis: where.basis, ...near };
  } else {
    found = await searchRows(db, { concepts, openAt, limit, offset });
  }

  const exceptions = await exceptionsFor(db, found.rows.map((r) => r.id), moscowDate(at));
  return {
    items: found.rows.map((r) => presentCentre(r, { exceptions: exceptions.get(r.id) ?? [], at, cal, lang: opts.lang, distance: r.distance })),
    total: found.total,
    page: q.page,
    pageSize: q.pageSize,
    ...(understood ? { understood } : {}),
    ...(postcode ? { postcode } : {}),
  };
}
