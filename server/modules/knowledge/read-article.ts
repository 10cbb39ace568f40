import { notFound } from '../../platform/errors.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import type { Article } from '../../../shared/contracts/knowledge.ts';
import { canEditKnowledge } from './knowledge-policy.ts';
import { findArticle, relatedArticles } from './knowledge-repo.ts';
import { presentArticle } from './knowledge-presenter.ts';

/** An article by id or slug; drafts and archived articles only for staff. */
export async function readArticle(opts: { deps: Pick<Deps, 'db'>; actor: Actor; idOrSlug: string }): Promise<Article> {
  const row = await findArticle(opts.deps.db, opts.idOrSlug);
  const staff = opts.actor !== null && opts.actor.role !== 'citizen';
  if (!row || (row.state !== 'published' && !staff)) throw notFound('ARTICLE_NOT_FOUND');
  const related = row.state === 'published' ? await relatedArticles(opts.deps.db, { id: row.id, category: row.category, terms: row.lemma_terms }, 5) : [];
  return presentArticle(row, related);
}

export { canEditKnowledge };
