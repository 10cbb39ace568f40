import type { Article } from '../../../shared/contracts/knowledge.ts';
import type { ArticleRow } from './knowledge-repo.ts';

export const articleUrl = (slug: string) => `/help/articles/${slug}`;

export function presentArticle(r: ArticleRow, related: Array<{ id: string; slug: string; title: string; kind: string }>): Article {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    body: r.body,
    shortAnswer: r.short_answer,
    kind: r.kind as Article['kind'],
    category: r.category,
    service: r.service,
    tags: r.tags,
    state: r.state as Article['state'],
    publishedAt: r.published_at ? r.published_at.toISOString() : null,
    updatedAt: r.updated_at.toISOString(),
    links: r.links,
    videoUrl: r.video_url,
    transcript: r.transcript,
    votes: { helpful: r.helpful_yes, notHelpful: r.helpful_no },
    related: related.map((x) => ({ id: x.id, slug: x.slug, title: x.title, url: articleUrl(x.slug), kind: x.kind as Article['kind'] })),
    revision: r.revision,
  };
}

export function presentListItem(r: ArticleRow) {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    kind: r.kind as Article['kind'],
    category: r.category,
    service: r.service,
    state: r.state as Article['state'],
    publishedAt: r.published_at ? r.published_at.toISOString() : null,
    updatedAt: r.updated_at.toISOString(),
    revision: r.revision,
  };
}
