// Create or edit an article. Every save keeps a revision; the search index (lemmas, vocabulary
// frequencies) is updated in the same transaction, so search reflects an edit at once.
import { AppError, notFound } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { ArticleInput } from '../../../shared/contracts/knowledge.ts';
import { indexArticle } from './article-index.ts';
import { adjustTerms, findArticle, insertArticle, insertRevision, slugTaken, syncSearchRow, updateArticle, type ArticleRow } from './knowledge-repo.ts';
import { initLemmatizer, tokenize } from './lemmatizer.ts';

const translit: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

export function slugify(title: string): string {
  const s = tokenize(title)
    .map((w) => [...w].map((ch) => translit[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '')).join(''))
    .filter(Boolean)
    .join('-')
    .slice(0, 80)
    .replace(/-+$/, '');
  return s.length >= 3 ? s : `article-${Date.now().toString(36)}`;
}

function snapshot(r: ArticleRow) {
  return { title: r.title, body: r.body, shortAnswer: r.short_answer, kind: r.kind, category: r.category, service: r.service, tags: r.tags, links: r.links, state: r.state, videoUrl: r.video_url, transcript: r.transcript };
}

export async function saveArticleInTx(opts: { tx: Tx; now: Date; editorId: string | null; id?: string; input: ArticleInput }): Promise<ArticleRow> {
  const { tx, input } = opts;
  await initLemmatizer();
  const existing = opts.id ? await findArticle(tx, opts.id, { forUpdate: true }) : undefined;
  if (opts.id && !existing) throw notFound();
  const slug = input.slug ?? existing?.slug ?? slugify(input.title);
  if (await slugTaken(tx, slug, existing?.id)) throw new AppError('SLUG_TAKEN', 409, { fields: [{ path: 'slug', kind: 'taken' }] });
  const index = indexArticle({ title: input.title, body: input.body, shortAnswer: input.shortAnswer, tags: input.tags, links: input.links, transcript: input.transcript ?? null });
  const publishedAt = input.state === 'published' ? (existing?.published_at ?? opts.now) : (existing?.published_at ?? null);
  const write = {
    slug,
    kind: input.kind,
    title: input.title,
    body: input.body,
    shortAnswer: input.shortAnswer,
    category: input.category,
    service: input.service,
    tags: input.tags.map((t) => t.toLowerCase()),
    links: input.links,
    videoUrl: input.videoUrl ?? null,
    transcript: input.transcript ?? null,
    state: input.state,
    publishedAt,
    ...index,
  };
  const row = existing ? await updateArticle(tx, existing.id, write) : await insertArticle(tx, write);
  if (existing?.state === 'published') await adjustTerms(tx, existing.lemma_terms, -1);
  if (row.state === 'published') await adjustTerms(tx, row.lemma_terms, 1);
  await syncSearchRow(tx, row, { title: index.lemmaTitle, extra: index.lemmaExtra, body: index.lemmaBody });
  await insertRevision(tx, { articleId: row.id, revision: row.revision, snapshot: snapshot(row), editedBy: opts.editorId });
  return row;
}

export async function saveArticle(opts: { deps: Deps; editorId: string | null; id?: string; input: ArticleInput }): Promise<ArticleRow> {
  return inTransaction(opts.deps.db, (tx) => saveArticleInTx({ tx, now: opts.deps.now(), editorId: opts.editorId, id: opts.id, input: opts.input }));
}
