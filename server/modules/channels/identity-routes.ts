// Staff routes of a person's channel identities: who is behind a conversation, and linking an
// identity to a citizen by ЕНГ (or unlinking it). Thin: validate, authorize, call the use case.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelIdentitySchema, conversationIdentitiesSchema, linkIdentityBodySchema } from '../../../shared/contracts/channel-identities.ts';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { linkIdentityToCitizen } from './link-identity-to-citizen.ts';
import { readConversationIdentities } from './read-conversation-identities.ts';
import { unlinkIdentityFromCitizen } from './unlink-identity-from-citizen.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const staffRoles = ['operator', 'supervisor', 'admin'] as const;
const idParam = z.object({ id: z.string().uuid() });

export function registerChannelIdentityRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/channels/conversations/:id/identities',
    {
      schema: {
        tags: ['channels'],
        summary: 'Кто стоит за разговором: канал, идентичность человека в нём, связанный гражданин (ФИО, ЕНГ) и его идентичности в других каналах (просмотр записывается в журнал аудита)',
        params: idParam,
        response: { 200: conversationIdentitiesSchema, ...errors },
      },
    },
    async (req) => readConversationIdentities({ deps, actor: requireRole(req, staffRoles), conversationId: req.params.id }),
  );

  r.put(
    '/api/channels/identities/:id/citizen',
    {
      schema: {
        tags: ['channels'],
        summary: 'Связать идентичность в канале с гражданином по ЕНГ: её разговоры становятся разговорами гражданина (записывается в журнал аудита)',
        description: '400 — неверный ЕНГ (формат или контрольная цифра), 404 — гражданина с таким ЕНГ нет или нет такой идентичности.',
        params: idParam,
        body: linkIdentityBodySchema,
        response: { 200: channelIdentitySchema, ...errors },
      },
    },
    async (req) => linkIdentityToCitizen({ deps, actor: requireRole(req, staffRoles), identityId: req.params.id, eng: req.body.eng }),
  );

  r.delete(
    '/api/channels/identities/:id/citizen',
    {
      schema: {
        tags: ['channels'],
        summary: 'Отвязать идентичность в канале от гражданина: её разговоры перестают быть разговорами гражданина (записывается в журнал аудита)',
        params: idParam,
        response: { 200: channelIdentitySchema, ...errors },
      },
    },
    async (req) => unlinkIdentityFromCitizen({ deps, actor: requireRole(req, staffRoles), identityId: req.params.id }),
  );
}
