import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import { outboxListSchema, outboxQuerySchema } from '../../../shared/contracts/identity.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { recordAudit } from '../audit/index.ts';
import { listOutbox } from './list-outbox.ts';

export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        summary: 'Исходящие уведомления: e-mail и SMS (администратор)',
        querystring: outboxQuerySchema,
        response: { 200: outboxListSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin']);
      const result = await listOutbox({ deps, query: req.query });
      // recipients are personal data: the read is logged
      await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'pii.read', details: { what: 'notification_outbox', count: result.items.length } });
      return result;
    },
  );
}
