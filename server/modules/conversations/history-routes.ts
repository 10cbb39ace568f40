// GET /api/chat/conversations/:id/history: the conversation's citizen's other conversations, for
// staff (the console's «История»); GET /api/chat/history?eng=: a citizen's conversations by their
// ЕНГ (a request's page). Its own file, registered beside routes.ts by index.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { historyQuerySchema, historySchema } from '../../../shared/contracts/channel-identities.ts';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { chatStaffRoles } from './conversation-access.ts';
import { listCitizenHistory, listHistoryByEng } from './list-citizen-history.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

export function registerHistoryRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/chat/history',
    {
      schema: {
        tags: ['chat'],
        summary: 'Разговоры гражданина по его ЕНГ во всех каналах, новые первыми (сотрудники; просмотр записывается в журнал аудита)',
        description: 'Разговоры, начатые гражданином после входа, и разговоры его идентичностей в каналах, связанных с ним по ЕНГ. Страницы — по курсору nextCursor.',
        querystring: historyQuerySchema.extend({ eng: z.string().trim().min(1).max(40) }),
        response: { 200: historySchema, ...errors },
      },
    },
    async (req) => listHistoryByEng({ deps, actor: requireRole(req, chatStaffRoles), eng: req.query.eng, limit: req.query.limit, cursor: req.query.cursor }),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/chat/conversations/:id/history',
    {
      schema: {
        tags: ['chat'],
        summary: 'История человека: другие разговоры того же гражданина во всех каналах, новые первыми (сотрудники; просмотр записывается в журнал аудита)',
        description: 'Разговор относится к гражданину, если он начат им после входа или если его идентичность в канале связана с гражданином по ЕНГ. Страницы — по курсору nextCursor.',
        params: z.object({ id: z.string().uuid() }),
        querystring: historyQuerySchema,
        response: { 200: historySchema, ...errors },
      },
    },
    async (req) => listCitizenHistory({ deps, actor: requireRole(req, chatStaffRoles), conversationId: req.params.id, limit: req.query.limit, cursor: req.query.cursor }),
  );
}
