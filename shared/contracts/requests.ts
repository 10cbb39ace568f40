import { z } from 'zod';
import { paginationQuerySchema } from './common.ts';

export const requestTypes = ['technical', 'service_status', 'recommendation'] as const;
export const requestTypeSchema = z.enum(requestTypes);
export const requestStatuses = ['accepted', 'in_progress', 'awaiting_documents', 'completed', 'rejected'] as const;
export const requestStatusSchema = z.enum(requestStatuses);
export type RequestStatus = z.infer<typeof requestStatusSchema>;

export const requestTypeLabels = {
  technical: { ru: 'Технический вопрос', en: 'Technical question' },
  service_status: { ru: 'Запрос о состоянии услуги', en: 'Service status enquiry' },
  recommendation: { ru: 'Рекомендация', en: 'Recommendation' },
} as const;
export const requestStatusLabels = {
  accepted: { ru: 'Принято', en: 'Accepted' },
  in_progress: { ru: 'В работе', en: 'In progress' },
  awaiting_documents: { ru: 'Ожидает документов', en: 'Awaiting documents' },
  completed: { ru: 'Завершено', en: 'Completed' },
  rejected: { ru: 'Отказано', en: 'Rejected' },
} as const;

/** Allowed status changes; anything else is a 409. */
export const allowedTransitions: Record<RequestStatus, RequestStatus[]> = {
  accepted: ['in_progress', 'rejected'],
  in_progress: ['awaiting_documents', 'completed', 'rejected'],
  awaiting_documents: ['in_progress', 'rejected'],
  completed: [],
  rejected: [],
};

export const createRequestBodySchema = z.object({
  type: requestTypeSchema,
  description: z.string().trim().min(10).max(10_000),
  contact: z.object({ email: z.string().trim().email().max(254).optional(), phone: z.string().trim().min(5).max(32).optional() }).default({}),
  service: z.string().trim().max(200).optional(),
});
export const publicRequestBodySchema = z.object({
  surname: z.string().trim().min(2).max(200),
  email: z.string().trim().email().max(254),
  description: z.string().trim().min(10).max(10_000),
  type: requestTypeSchema.default('technical'),
});
/** The public form's answer: `uploadToken` lets the same browser attach files for an hour (header `X-Upload-Token`). */
export const publicCreatedRequestSchema = z.object({ number: z.string(), status: z.literal('accepted'), uploadToken: z.string() });
export const createdRequestSchema = z.object({
  number: z.string(),
  status: z.literal('accepted'),
  eng: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
});

export const requestEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['created', 'status', 'reply', 'note', 'document', 'escalated', 'reraised', 'assigned']),
  author: z.string().nullable(),
  authorRole: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  text: z.string().nullable(),
  internal: z.boolean(),
});
export const requestDocumentSchema = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), createdAt: z.string() });
export const requestSummarySchema = z.object({
  number: z.string(),
  type: requestTypeSchema,
  status: requestStatusSchema,
  description: z.string(),
  eng: z.string().nullable(),
  service: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  priority: z.number(),
  /** staff answers only: who works on it */
  assigneeId: z.string().nullable().optional(),
});
export const requestDetailSchema = requestSummarySchema.extend({
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  firstResponseDueAt: z.string().nullable(),
  canReraise: z.boolean(),
  events: z.array(requestEventSchema),
  documents: z.array(requestDocumentSchema),
});
export const requestListQuerySchema = paginationQuerySchema.extend({ status: requestStatusSchema.optional(), q: z.string().trim().max(40).optional() });
export const requestListSchema = z.object({
  items: z.array(requestSummarySchema),
  total: z.number(),
  /** staff queue only: true when there are more than `total` (the count stops at 10,000) — show «10 000+» */
  totalCapped: z.boolean().optional(),
});
export const staffRequestListQuerySchema = paginationQuerySchema.extend({
  status: requestStatusSchema.optional(),
  type: requestTypeSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.string().uuid()]).optional(),
  service: z.string().trim().max(200).optional(),
  eng: z.string().trim().max(40).optional(),
});
export const statusBodySchema = z.object({ status: requestStatusSchema, comment: z.string().trim().max(5000).optional() });
export const replyBodySchema = z.object({ text: z.string().trim().min(1).max(10_000), internal: z.boolean().default(false) });
export const slaSchema = z.object({ items: z.array(z.object({ type: requestTypeSchema, firstResponseDays: z.number().int().min(1).max(60), resolutionDays: z.number().int().min(1).max(120) })) });
