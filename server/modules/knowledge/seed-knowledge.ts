// A fresh install ships with the help-centre content written from the seed text and the default
// synonym list. Runs only on an empty knowledge base, under a lock, so several processes starting
// together seed once and a restart changes nothing.
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { defaultSynonymGroups } from './default-synonyms.ts';
import { demoArticles } from './demo-content.ts';
import { replaceSynonymGroups } from './knowledge-repo.ts';
import { initLemmatizer } from './lemmatizer.ts';
import { saveArticleInTx } from './save-article.ts';

export async function seedKnowledge(opts: { deps: Pick<Deps, 'db' | 'now'>; articles?: boolean }): Promise<number> {
  await initLemmatizer();
  return inTransaction(opts.deps.db, async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('svyaz:seed-knowledge'))`.execute(tx);
    const any = await tx.selectFrom('kb_articles').select('id').limit(1).executeTakeFirst();
    const synonyms = await tx.selectFrom('kb_synonyms').select('id').limit(1).executeTakeFirst();
    if (!synonyms) await replaceSynonymGroups(tx, defaultSynonymGroups);
    if (any || opts.articles === false) return 0;
    const now = opts.deps.now();
    for (const a of demoArticles) {
      await saveArticleInTx({
        tx,
        now,
        editorId: null,
        input: {
          slug: a.slug,
          kind: a.kind,
          title: a.title,
          body: a.body,
          shortAnswer: a.shortAnswer,
          category: a.category,
          service: a.service,
          tags: a.tags,
          links: a.links,
          videoUrl: null,
          transcript: null,
          state: 'published',
        },
      });
    }
    return demoArticles.length;
  });
}
