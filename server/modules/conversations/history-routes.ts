// GET /api/chat/conversations/:id/history: the conversation's citizen's other conversations, for
// staff (the console's «История»). Its own file, registered beside routes.ts by index.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { historyQuerySchema, historySchema } from '../../../shared/contracts/channel-identities.ts';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { chatStaffRoles } from './conversation-access.ts';
import { listCitizenHistory } from './list-citizen-history.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

export function registerHistoryRoutes(app: FastifyInstance, deps: Deps): void {
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
