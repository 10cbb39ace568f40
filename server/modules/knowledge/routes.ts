import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import {
  articleInputSchema,
  articleKindLabels,
  articleListQuerySchema,
  articleListSchema,
  articleSchema,
  categoryLabels,
  filledTemplateSchema,
  revisionListSchema,
  searchQuerySchema,
  searchResultSchema,
  serviceLabels,
  suggestQuerySchema,
  suggestResultSchema,
  synonymGroupsSchema,
  taxonomySchema,
  voteBodySchema,
  votesSchema,
} from '../../../shared/contracts/knowledge.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { fillTemplate } from './fill-template.ts';
import { canEditKnowledge } from './knowledge-policy.ts';
import { suggestTitles } from './knowledge-repo.ts';
import { articleUrl, presentListItem } from './knowledge-presenter.ts';
import { articleRevisions, getSynonyms, listKnowledge, setSynonyms, voteArticle } from './manage-knowledge.ts';
import { readArticle } from './read-article.ts';
import { saveArticle } from './save-article.ts';
import { searchKnowledge } from './search-knowledge.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };
const idParam = z.object({ id: z.string().min(1).max(120) });

export function registerKnowledgeRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/kb/search',
    { schema: { tags: ['knowledge'], summary: 'Поиск по базе знаний (словоформы, опечатки, раскладка, синонимы, фильтры)', querystring: searchQuerySchema, response: { 200: searchResultSchema, ...errors } } },
    async (req) => searchKnowledge({ deps, query: req.query }),
  );

  r.get(
    '/api/kb/suggest',
    { schema: { tags: ['knowledge'], summary: 'Подсказки при вводе', querystring: suggestQuerySchema, response: { 200: suggestResultSchema, ...errors } } },
    async (req) => ({ items: (await suggestTitles(deps.db, req.query.q, 8)).map((x) => ({ ...x, url: articleUrl(x.slug) })) }),
  );

  r.get(
    '/api/kb/taxonomy',
    { schema: { tags: ['knowledge'], summary: 'Виды материалов, категории обращений и типы услуг для фильтров', response: { 200: taxonomySchema } } },
    async (req) => {
      const lang = req.lang;
      const list = (o: Record<string, { ru: string; en: string }>) => Object.entries(o).map(([code, l]) => ({ code, label: l[lang] }));
      return { kinds: list(articleKindLabels), categories: list(categoryLabels), services: list(serviceLabels) };
    },
  );

  r.get(
    '/api/kb/articles',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Опубликованные материалы по разделам (без поискового запроса)',
        querystring: articleListQuerySchema.omit({ state: true, q: true }),
        response: { 200: articleListSchema, ...errors },
      },
    },
    async (req) => {
      const { rows, total } = await listKnowledge({ deps, query: { ...req.query, state: 'published' } });
      return { total, items: rows.map(presentListItem) };
    },
  );

  r.get(
    '/api/kb/articles/:id',
    { schema: { tags: ['knowledge'], summary: 'Статья по id или адресу; черновики только для сотрудников', params: idParam, response: { 200: articleSchema, ...errors } } },
    async (req) => readArticle({ deps, actor: req.actor, idOrSlug: req.params.id }),
  );

  r.post(
    '/api/kb/articles/:id/vote',
    { schema: { tags: ['knowledge'], summary: '«Была ли статья полезна?»', params: idParam, body: voteBodySchema, response: { 200: votesSchema, ...errors } } },
    async (req) =>
      voteArticle({ deps, idOrSlug: req.params.id, helpful: req.body.helpful, voter: { userId: req.actor?.userId, address: req.ip, agent: String(req.headers['user-agent'] ?? '') } }),
  );

  r.get(
    '/api/kb/templates/:id/filled',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Шаблон ответа, заполненный данными профиля вошедшего гражданина',
        params: idParam,
        querystring: z.object({ requestNumber: z.string().trim().max(40).optional() }),
        response: { 200: filledTemplateSchema, ...errors },
      },
    },
    async (req) => fillTemplate({ deps, idOrSlug: req.params.id, userId: req.actor?.userId ?? null, requestNumber: req.query.requestNumber }),
  );

  // editing (supervisors and admins)
  r.get(
    '/api/kb/admin/articles',
    { schema: { tags: ['knowledge'], summary: 'Все материалы (редактор)', querystring: articleListQuerySchema, response: { 200: articleListSchema, ...errors } } },
    async (req) => {
      requireRole(req, canEditKnowledge);
      const { rows, total } = await listKnowledge({ deps, query: req.query });
      return { total, items: rows.map(presentListItem) };
    },
  );

  r.post(
    '/api/kb/admin/articles',
    { schema: { tags: ['knowledge'], summary: 'Создать материал', body: articleInputSchema, response: { 201: articleSchema, ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, canEditKnowledge);
      const row = await saveArticle({ deps, editorId: actor.userId, input: req.body });
      return reply.code(201).send(await readArticle({ deps, actor, idOrSlug: row.id }));
    },
  );

  r.put(
    '/api/kb/admin/articles/:id',
    { schema: { tags: ['knowledge'], summary: 'Изменить материал (сохраняется редакция)', params: idParam, body: articleInputSchema, response: { 200: articleSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, canEditKnowledge);
      const row = await saveArticle({ deps, editorId: actor.userId, id: req.params.id, input: req.body });
      return readArticle({ deps, actor, idOrSlug: row.id });
    },
  );

  r.get(
    '/api/kb/admin/articles/:id/revisions',
    { schema: { tags: ['knowledge'], summary: 'Редакции материала', params: idParam, response: { 200: revisionListSchema, ...errors } } },
    async (req) => {
      requireRole(req, canEditKnowledge);
      return { items: await articleRevisions({ deps, id: req.params.id }) };
    },
  );

  r.get(
    '/api/kb/synonyms',
    { schema: { tags: ['knowledge'], summary: 'Список синонимов поиска', response: { 200: synonymGroupsSchema, ...errors } } },
    async (req) => {
      requireRole(req, [...canEditKnowledge, 'operator']);
      return getSynonyms({ deps });
    },
  );

  r.put(
    '/api/kb/synonyms',
    { schema: { tags: ['knowledge'], summary: 'Заменить список синонимов', body: synonymGroupsSchema, response: { 200: synonymGroupsSchema, ...errors } } },
    async (req) => {
      requireRole(req, canEditKnowledge);
      return setSynonyms({ deps, groups: req.body.groups });
    },
  );
}
