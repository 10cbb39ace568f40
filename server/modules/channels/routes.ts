// Channel webhooks (answer at once: the secret is checked, the payload queued, the work done by a
// job) and the delivery status staff read for a conversation.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import type { ChannelRegistry } from './channel-registry.ts';
import { listDeliveries } from './channels-repo.ts';
import { INBOUND_JOB, type InboundJob } from './receive-inbound-payload.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const staffRoles = ['operator', 'supervisor', 'admin'] as const;

export const deliverySchema = z.object({
  messageId: z.string(),
  status: z.enum(['received', 'pending', 'sent', 'failed']),
  attempts: z.number().int(),
  error: z.string().nullable(),
  externalMessageId: z.string().nullable(),
  updatedAt: z.string(),
});

export function registerChannelRoutes(app: FastifyInstance, deps: Deps, registry: ChannelRegistry): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/channels/telegram/webhook',
    {
      schema: {
        tags: ['channels'],
        summary: 'Telegram Bot API webhook (X-Telegram-Bot-Api-Secret-Token must match TELEGRAM_WEBHOOK_SECRET)',
        body: z.unknown(),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const channel = registry.get('telegram');
      if (!channel || !channel.adapter.verifyWebhook({ headers: req.headers, body: req.body })) {
        deps.log.warn({ channel: 'telegram' }, 'channel webhook refused: wrong or missing secret');
        throw forbidden();
      }
      // checked here too, so junk never reaches the queue; the job parses again (it is pure)
      const parsed = await channel.adapter.parseInbound(req.body);
      if (parsed.kind === 'ignored') {
        deps.log.info({ channel: 'telegram', reason: parsed.reason }, 'channel payload ignored');
        return { ok: true as const };
      }
      await deps.jobs.send<InboundJob>(INBOUND_JOB, { kind: 'telegram', payload: req.body });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/channels/vk/callback',
    {
      schema: {
        tags: ['channels'],
        summary: 'VK Callback API: answers the confirmation code to `confirmation`, "ok" to every other event (the secret key must match)',
        body: z.unknown(),
        response: { 200: z.string(), ...errors },
      },
    },
    async (req, reply) => {
      const channel = registry.get('vk');
      if (!channel || !channel.adapter.verifyWebhook({ headers: req.headers, body: req.body })) {
        deps.log.warn({ channel: 'vk' }, 'channel webhook refused: wrong or missing secret or group');
        throw forbidden();
      }
      const parsed = await channel.adapter.parseInbound(req.body);
      if (parsed.kind === 'confirmation') return reply.type('text/plain; charset=utf-8').send(channel.adapter.answerConfirmation?.() ?? '');
      if (parsed.kind === 'ignored') deps.log.info({ channel: 'vk', reason: parsed.reason }, 'channel payload ignored');
      else await deps.jobs.send<InboundJob>(INBOUND_JOB, { kind: 'vk', payload: req.body });
      return reply.type('text/plain; charset=utf-8').send('ok');
    },
  );

  r.get(
    '/api/channels/conversations/:id/deliveries',
    {
      schema: {
        tags: ['channels'],
        summary: 'Доставка сообщений разговора в канал (Telegram, VK): статус, попытки, ошибка',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(deliverySchema) }), ...errors },
      },
    },
    async (req) => {
      requireRole(req, staffRoles);
      const rows = await listDeliveries(deps.db, req.params.id);
      return {
        items: rows.map((d) => ({ messageId: d.message_id, status: d.status, attempts: d.attempts, error: d.last_error, externalMessageId: d.external_message_id, updatedAt: d.updated_at.toISOString() })),
      };
    },
  );
}
