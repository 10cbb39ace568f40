// The one search used by the help centre, the bot and the operator console.
import type { Deps } from '../../platform/deps.ts';
import type { SearchQuery, SearchResult } from '../../../shared/contracts/knowledge.ts';
import { loadSynonymGroups, nearTerms, searchArticles, searchContext, termFrequencies } from './knowledge-repo.ts';
import { closestByEdits } from './typo.ts';
import { initLemmatizer } from './lemmatizer.ts';
import { planQuery } from './query-plan.ts';
import { buildSnippet } from './snippet.ts';

// low, because a swap of two letters in a short word leaves few trigrams in common (стаутс/статус: 0.27);
// the edit distance makes the final choice
const TYPO_MIN_SIMILARITY = 0.2;

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
  // every word of every alternative (phrase words too) is highlighted where the body has it
  const highlight = new Set(plan.concepts.flatMap((c) => c.alternatives.flat()));
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      snippet: buildSnippet(r.body_text, highlight),
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
