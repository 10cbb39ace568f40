// Supervisor-side knowledge use cases: list, revisions, synonyms; and the public vote.
import { createHash } from 'node:crypto';
import { notFound } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { findArticle, listArticles, listRevisions, loadSynonymGroups, recordVote, replaceSynonymGroups } from './knowledge-repo.ts';
import { fold } from './lemmatizer.ts';

export async function listKnowledge(opts: { deps: Deps; query: { q?: string; state?: string; kind?: string; category?: string; limit: number; offset: number } }) {
  return listArticles(opts.deps.db, { text: opts.query.q, state: opts.query.state, kind: opts.query.kind, category: opts.query.category, limit: opts.query.limit, offset: opts.query.offset });
}

export async function articleRevisions(opts: { deps: Deps; id: string }) {
  const row = await findArticle(opts.deps.db, opts.id);
  if (!row) throw notFound('ARTICLE_NOT_FOUND');
  const revs = await listRevisions(opts.deps.db, row.id);
  return revs.map((r) => {
    const s = r.snapshot as { title: string; body: string; shortAnswer: string; state: 'draft' | 'published' | 'archived' };
    return { revision: r.revision, title: s.title, body: s.body, shortAnswer: s.shortAnswer, state: s.state, editedBy: r.editor ?? null, editedAt: r.edited_at.toISOString() };
  });
}

export async function getSynonyms(opts: { deps: Pick<Deps, 'db'> }) {
  return { groups: await loadSynonymGroups(opts.deps.db) };
}

/** Replaces the synonym list; terms are folded (lower case, ё → е) and de-duplicated. */
export async function setSynonyms(opts: { deps: Pick<Deps, 'db'>; groups: string[][] }) {
  const groups = opts.groups
    .map((g) => [...new Set(g.map((t) => fold(t).trim()).filter(Boolean))])
    .filter((g) => g.length >= 2);
  await inTransaction(opts.deps.db, (tx) => replaceSynonymGroups(tx, groups));
  return { groups };
}

/** One vote per person per article (a signed-in user, or a hash of the visitor's address); a new vote replaces the old. */
export async function voteArticle(opts: { deps: Deps; idOrSlug: string; helpful: boolean; voter: { userId?: string; address: string; agent: string } }) {
  const row = await findArticle(opts.deps.db, opts.idOrSlug);
  if (!row || row.state !== 'published') throw notFound('ARTICLE_NOT_FOUND');
  const voter = opts.voter.userId ?? createHash('sha256').update(`${opts.voter.address}|${opts.voter.agent}`).digest('hex');
  await inTransaction(opts.deps.db, (tx) => recordVote(tx, row.id, voter, opts.helpful));
  const fresh = await findArticle(opts.deps.db, row.id);
  return { helpful: fresh?.helpful_yes ?? 0, notHelpful: fresh?.helpful_no ?? 0 };
}
