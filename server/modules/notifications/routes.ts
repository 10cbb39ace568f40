import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import { outboxListSchema, outboxQuerySchema } from '../../../shared/contracts/identity.ts';
import { notificationPreferencesBodySchema, notificationPreferencesSchema } from '../../../shared/contracts/notifications.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { recordAudit } from '../audit/index.ts';
import { listOutbox } from './list-outbox.ts';
import { readNotificationPreferences } from './read-notification-preferences.ts';
import { saveNotificationPreferences } from './save-notification-preferences.ts';

const preferenceErrors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

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

  // the citizen's own choice of channels per kind of event (the account page «Уведомления»)
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/account/notification-preferences',
    {
      schema: {
        tags: ['account'],
        summary: 'Настройки уведомлений гражданина: каналы (кабинет всегда, e-mail, SMS) по видам событий',
        response: { 200: notificationPreferencesSchema, ...preferenceErrors },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['citizen']);
      return readNotificationPreferences({ deps, userId: actor.userId });
    },
  );

  app.withTypeProvider<ZodTypeProvider>().put(
    '/api/account/notification-preferences',
    {
      schema: {
        tags: ['account'],
        summary: 'Сохранить настройки уведомлений (оба вида событий сразу; кабинет отключить нельзя)',
        body: notificationPreferencesBodySchema,
        response: { 200: notificationPreferencesSchema, ...preferenceErrors },
      },
      // without a session the answer is 401 whatever the body holds
      preValidation: async (req) => {
        requireRole(req, ['citizen']);
      },
    },
    async (req) => {
      const actor = requireRole(req, ['citizen']);
      return saveNotificationPreferences({ deps, userId: actor.userId, input: req.body });
    },
  );
}
