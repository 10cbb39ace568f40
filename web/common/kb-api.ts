// The typed client of the help centre: knowledge-base search, articles, votes, answer templates,
// the editor's calls (supervisors and admins), and the directory of phone lines and hotline hours.
// Responses are checked against the shared contract schemas, as in api.ts.
import { z } from 'zod';
import { hotlineSchema, hotlineStatusSchema, phoneListSchema } from '../../shared/contracts/directory.ts';
import {
  articleListSchema,
  articleSchema,
  filledTemplateSchema,
  revisionListSchema,
  searchResultSchema,
  suggestResultSchema,
  synonymGroupsSchema,
  taxonomySchema,
  votesSchema,
  type ArticleKind,
  type articleInputSchema,
} from '../../shared/contracts/knowledge.ts';
import { request } from './api.ts';

export type Article = z.infer<typeof articleSchema>;
export type ArticleList = z.infer<typeof articleListSchema>;
export type ArticleListItem = ArticleList['items'][number];
export type ArticleState = Article['state'];
export type ArticleInput = z.input<typeof articleInputSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
export type SearchHit = SearchResult['items'][number];
export type Suggestion = z.infer<typeof suggestResultSchema>['items'][number];
export type Taxonomy = z.infer<typeof taxonomySchema>;
export type Votes = z.infer<typeof votesSchema>;
export type FilledTemplate = z.infer<typeof filledTemplateSchema>;
export type Revision = z.infer<typeof revisionListSchema>['items'][number];
export type PhoneLine = z.infer<typeof phoneListSchema>['items'][number];
export type Hotline = z.infer<typeof hotlineSchema>;
export type HotlineStatus = z.infer<typeof hotlineStatusSchema>;
export type SearchSort = 'relevance' | 'date';

export type SearchParams = {
  q: string;
  kind?: string;
  category?: string;
  service?: string;
  from?: string;
  to?: string;
  sort?: SearchSort;
  limit: number;
  offset: number;
};

// --- public help centre -------------------------------------------------------------------------

export function searchKnowledge(params: SearchParams): Promise<SearchResult> {
  return request('GET', '/api/kb/search', { query: params, schema: searchResultSchema });
}

export async function suggestArticles(q: string): Promise<Suggestion[]> {
  const result = await request('GET', '/api/kb/suggest', { query: { q }, schema: suggestResultSchema });
  return result.items;
}

export function fetchTaxonomy(): Promise<Taxonomy> {
  return request('GET', '/api/kb/taxonomy', { schema: taxonomySchema });
}

/** Published articles by kind and category, without a query (newest edit first). */
export function listPublished(query: { kind?: ArticleKind; category?: string; limit: number; offset: number }): Promise<ArticleList> {
  return request('GET', '/api/kb/articles', { query, schema: articleListSchema });
}

/** By id or slug. Drafts and archived articles answer 404 except to staff. */
export function fetchArticle(idOrSlug: string): Promise<Article> {
  return request('GET', `/api/kb/articles/${encodeURIComponent(idOrSlug)}`, { schema: articleSchema });
}

export function voteArticle(id: string, helpful: boolean): Promise<Votes> {
  return request('POST', `/api/kb/articles/${encodeURIComponent(id)}/vote`, { body: { helpful }, schema: votesSchema });
}

/** The template's text with the signed-in citizen's profile filled in (anonymous: nothing filled). */
export function fillTemplate(idOrSlug: string, requestNumber?: string): Promise<FilledTemplate> {
  return request('GET', `/api/kb/templates/${encodeURIComponent(idOrSlug)}/filled`, { query: { requestNumber }, schema: filledTemplateSchema });
}

// --- editing (supervisors and admins) -----------------------------------------------------------

export function listArticlesForEditor(query: { q?: string; state?: ArticleState; kind?: ArticleKind; category?: string; limit: number; offset: number }): Promise<ArticleList> {
  return request('GET', '/api/kb/admin/articles', { query, schema: articleListSchema });
}

export function createArticle(body: ArticleInput): Promise<Article> {
  return request('POST', '/api/kb/admin/articles', { body, schema: articleSchema });
}

export function updateArticle(id: string, body: ArticleInput): Promise<Article> {
  return request('PUT', `/api/kb/admin/articles/${encodeURIComponent(id)}`, { body, schema: articleSchema });
}

export async function listRevisions(id: string): Promise<Revision[]> {
  const result = await request('GET', `/api/kb/admin/articles/${encodeURIComponent(id)}/revisions`, { schema: revisionListSchema });
  return result.items;
}

export async function fetchSynonyms(): Promise<string[][]> {
  return (await request('GET', '/api/kb/synonyms', { schema: synonymGroupsSchema })).groups;
}

export async function saveSynonyms(groups: string[][]): Promise<string[][]> {
  return (await request('PUT', '/api/kb/synonyms', { body: { groups }, schema: synonymGroupsSchema })).groups;
}

// --- directory ------------------------------------------------------------------------------------

export async function listPhoneLines(): Promise<PhoneLine[]> {
  return (await request('GET', '/api/directory/phones', { schema: phoneListSchema })).items;
}

export function fetchHotline(): Promise<Hotline> {
  return request('GET', '/api/directory/hotline', { schema: hotlineSchema });
}

export function fetchHotlineStatus(): Promise<HotlineStatus> {
  return request('GET', '/api/directory/hotline/status', { schema: hotlineStatusSchema });
}
