import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditListSchema, auditQuerySchema } from '../../../shared/contracts/identity.ts';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { listAudit } from './list-audit.ts';

export function registerAuditRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Журнал аудита (администратор)',
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req) => {
      requireRole(req, ['admin']);
      return listAudit({ deps, query: req.query });
    },
  );
}
