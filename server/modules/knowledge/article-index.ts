// What the search indexes for an article: lemmas of the title (weight A), of the short answer,
// tags and links (B), and of the body and video transcript (C); plus the plain text for snippets.
import { lemmatizeText } from './lemmatizer.ts';

/** Markdown → plain text for snippets and indexing (headings, emphasis, links, code fences removed). */
export function markdownToText(md: string): string {
  return md
    .replace(/```[^\n]*\n?/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/^\s*\d+\.\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/[*_`]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function indexArticle(a: { title: string; body: string; shortAnswer: string; tags: string[]; links: Array<{ title: string }>; transcript: string | null }) {
  const bodyText = markdownToText(a.body);
  const title = lemmatizeText(a.title);
  const extra = lemmatizeText([a.shortAnswer, a.tags.join(' '), a.links.map((l) => l.title).join(' ')].join(' \n '));
  const body = lemmatizeText(`${bodyText}\n${a.transcript ?? ''}`);
  const terms = [...new Set([...title.terms, ...extra.terms, ...body.terms])];
  return { bodyText, lemmaTitle: title.text, lemmaExtra: extra.text, lemmaBody: body.text, lemmaTerms: terms };
}
