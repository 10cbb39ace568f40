// The one search used by the help centre, the bot and the operator console.
import type { Deps } from '../../platform/deps.ts';
import type { SearchQuery, SearchResult } from '../../../shared/contracts/knowledge.ts';
import { loadSynonymGroups, nearTerms, searchArticles, searchContext, termFrequencies } from './knowledge-repo.ts';
import { closestByEdits } from './typo.ts';
import { initLemmatizer } from './lemmatizer.ts';
import { planQuery } from './query-plan.ts';

// low, because a swap of two letters in a short word leaves few trigrams in common (стаутс/статус: 0.27);
// the edit distance makes the final choice
const TYPO_MIN_SIMILARITY = 0.2;

/**
 * ts_headline drops whatever its parser takes for HTML tags or entities, so &, < and > reach it as
 * the control characters 5, 3 and 4 and come back here; matches are marked with 1…2. Everything
 * is escaped, then the marks become <mark>.
 */
export function renderSnippet(raw: string): string {
  const marks: Array<[string, string]> = [
    ['\u0005', '&amp;'],
    ['\u0003', '&lt;'],
    ['\u0004', '&gt;'],
    ['\u0001', '<mark>'],
    ['\u0002', '</mark>'],
  ];
  let out = raw.replaceAll('"', '&quot;').replaceAll("'", '&#39;');
  for (const [from, to] of marks) out = out.replaceAll(from, to);
  // any other control character from the source text is dropped
  out = [...out].filter((ch) => ch.charCodeAt(0) > 8 || ch === '\t').join('');
  return out.replace(/\s+/g, ' ').trim();
}

export type RankedResult = SearchResult & {
  items: Array<SearchResult['items'][number] & { coverage: number }>;
  /** the query's concepts: single-word alternatives by weight, for passage selection */
  concepts: Array<{ words: string[]; weight: number }>;
};

/** The synonym groups as last loaded, by their fingerprint (see searchContext). */
let synonymCache: { version: string; groups: string[][] } | undefined;

async function synonymGroupsAt(db: Pick<Deps, 'db'>['db'], version: string): Promise<string[][]> {
  if (synonymCache?.version === version) return synonymCache.groups;
  const groups = await loadSynonymGroups(db);
  synonymCache = { version, groups };
  return groups;
}

export async function searchKnowledge(opts: { deps: Pick<Deps, 'db'>; query: Omit<SearchQuery, 'sort'> & { sort?: SearchQuery['sort'] } }): Promise<RankedResult> {
  const { db } = opts.deps;
  const q = opts.query;
  await initLemmatizer();
  const { count, synonymsVersion } = await searchContext(db);
  const synonymGroups = await synonymGroupsAt(db, synonymsVersion);
  const plan = await planQuery(q.q, {
    synonymGroups,
    publishedCount: count,
    frequencies: (terms) => termFrequencies(db, terms),
    nearest: async (word) => closestByEdits(word, await nearTerms(db, word, TYPO_MIN_SIMILARITY)),
  });
  const concepts = plan.concepts.map((c) => ({ words: c.alternatives.filter((a) => a.length === 1).map((a) => a[0] as string), weight: c.weight }));
  if (plan.concepts.length === 0) return { total: 0, items: [], concepts, ...(plan.understood ? { understood: plan.understood } : {}) };
  const rows = await searchArticles(db, {
    concepts: plan.concepts,
    filters: { kind: q.kind, category: q.category, service: q.service, from: q.from, to: q.to },
    sort: q.sort ?? 'relevance',
    limit: q.limit,
    offset: q.offset,
  });
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      snippet: renderSnippet(r.snippet),
      shortAnswer: r.short_answer,
      url: `/help/articles/${r.slug}`,
      kind: r.kind as SearchResult['items'][number]['kind'],
      category: r.category,
      service: r.service,
      publishedAt: r.published_at ? r.published_at.toISOString() : null,
      score: Math.round(r.score * 1000) / 1000,
      coverage: r.coverage,
    })),
    concepts,
    ...(plan.understood ? { understood: plan.understood } : {}),
  };
}
