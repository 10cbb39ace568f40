import { z } from 'zod';
import { paginationQuerySchema } from './common.ts';

export const articleKinds = ['faq', 'article', 'instruction', 'video_guide', 'answer_template'] as const;
export const articleKindSchema = z.enum(articleKinds);
export type ArticleKind = z.infer<typeof articleKindSchema>;
export const articleKindLabels: Record<ArticleKind, { ru: string; en: string }> = {
  faq: { ru: 'Вопрос-ответ', en: 'FAQ' },
  article: { ru: 'Статья', en: 'Article' },
  instruction: { ru: 'Инструкция', en: 'Instruction' },
  video_guide: { ru: 'Видеоруководство', en: 'Video guide' },
  answer_template: { ru: 'Шаблон ответа', en: 'Answer template' },
};

/** Request categories (категория обращения). */
export const categoryLabels = {
  online_support: { ru: 'Онлайн-поддержка', en: 'Online support' },
  feedback: { ru: 'Форма обратной связи', en: 'Feedback form' },
  request_status: { ru: 'Статус обращений', en: 'Request status' },
  eng: { ru: 'Единый номер', en: 'Personal support number' },
  phone: { ru: 'Телефонная поддержка', en: 'Phone support' },
  service_centres: { ru: 'Центры обслуживания', en: 'Service centres' },
  post: { ru: 'Почтовые отправления', en: 'Postal letters' },
  social: { ru: 'Социальные сети', en: 'Social networks' },
  mobile_app: { ru: 'Мобильное приложение', en: 'Mobile app' },
  help_sections: { ru: 'Разделы помощи и ЧаВо', en: 'Help sections and FAQ' },
} as const;
export type Category = keyof typeof categoryLabels;
export const categorySchema = z.enum(Object.keys(categoryLabels) as [Category, ...Category[]]);

/** Service types (тип услуги). */
export const serviceLabels = {
  account: { ru: 'Личный кабинет и профиль', en: 'Account and profile' },
  access_recovery: { ru: 'Регистрация и восстановление доступа', en: 'Registration and access recovery' },
  support_channels: { ru: 'Каналы связи с поддержкой', en: 'Support channels' },
  international: { ru: 'Для иностранных граждан', en: 'For foreign citizens' },
  documents: { ru: 'Документы и заявления', en: 'Documents and applications' },
} as const;
export type Service = keyof typeof serviceLabels;
export const serviceSchema = z.enum(Object.keys(serviceLabels) as [Service, ...Service[]]);

export const articleStates = ['draft', 'published', 'archived'] as const;
export const articleStateSchema = z.enum(articleStates);

export const articleLinkSchema = z.object({ title: z.string().trim().min(1).max(200), url: z.string().trim().min(1).max(500) });

const isoDate = z.string().date();

export const searchQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().min(1).max(200),
  kind: articleKindSchema.optional(),
  category: categorySchema.optional(),
  service: serviceSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: z.enum(['relevance', 'date']).default('relevance'),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchHitSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  /** HTML-escaped text with the matched words in <mark>…</mark> */
  snippet: z.string(),
  shortAnswer: z.string(),
  url: z.string(),
  kind: articleKindSchema,
  category: z.string(),
  service: z.string(),
  publishedAt: z.string().nullable(),
  score: z.number(),
});
export const searchResultSchema = z.object({
  total: z.number(),
  items: z.array(searchHitSchema),
  /** what the search understood: the query after layout repair and typo correction */
  understood: z.string().optional(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const suggestQuerySchema = z.object({ q: z.string().trim().min(1).max(100) });
export const suggestResultSchema = z.object({ items: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), url: z.string() })) });

export const articleSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  shortAnswer: z.string(),
  kind: articleKindSchema,
  category: z.string(),
  service: z.string(),
  tags: z.array(z.string()),
  state: articleStateSchema,
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  links: z.array(articleLinkSchema),
  videoUrl: z.string().nullable(),
  transcript: z.string().nullable(),
  votes: z.object({ helpful: z.number(), notHelpful: z.number() }),
  related: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), url: z.string(), kind: articleKindSchema })),
  revision: z.number(),
});
export type Article = z.infer<typeof articleSchema>;

export const articleInputSchema = z.object({
  slug: z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).min(3).max(120).optional(),
  title: z.string().trim().min(3).max(300),
  body: z.string().max(100_000).default(''),
  shortAnswer: z.string().trim().max(600).default(''),
  kind: articleKindSchema,
  category: categorySchema,
  service: serviceSchema,
  tags: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  links: z.array(articleLinkSchema).max(30).default([]),
  videoUrl: z.string().trim().url().max(1000).nullable().optional(),
  transcript: z.string().max(100_000).nullable().optional(),
  state: articleStateSchema.default('draft'),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

export const articleListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  state: articleStateSchema.optional(),
  kind: articleKindSchema.optional(),
  category: categorySchema.optional(),
});
export const articleListItemSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  kind: articleKindSchema,
  category: z.string(),
  service: z.string(),
  state: articleStateSchema,
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  revision: z.number(),
});
export const articleListSchema = z.object({ total: z.number(), items: z.array(articleListItemSchema) });

export const revisionSchema = z.object({
  revision: z.number(),
  title: z.string(),
  body: z.string(),
  shortAnswer: z.string(),
  state: articleStateSchema,
  editedBy: z.string().nullable(),
  editedAt: z.string(),
});
export const revisionListSchema = z.object({ items: z.array(revisionSchema) });

export const voteBodySchema = z.object({ helpful: z.boolean() });
export const votesSchema = z.object({ helpful: z.number(), notHelpful: z.number() });

export const synonymGroupsSchema = z.object({
  groups: z.array(z.array(z.string().trim().min(1).max(80)).min(2).max(20)).max(500),
});

export const filledTemplateSchema = z.object({ id: z.string(), title: z.string(), text: z.string(), missing: z.array(z.string()) });

export const taxonomySchema = z.object({
  kinds: z.array(z.object({ code: z.string(), label: z.string() })),
  categories: z.array(z.object({ code: z.string(), label: z.string() })),
  services: z.array(z.object({ code: z.string(), label: z.string() })),
});
