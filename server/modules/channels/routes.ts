// Channel webhooks (answer at once: the secret is checked, the payload queued, the work done by a
// job) and the delivery status staff read for a conversation.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDeliverySchema } from '../../../shared/contracts/channels.ts';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { badRequest, forbidden } from '../../platform/errors.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import type { ChannelRegistry } from './channel-registry.ts';
import { listDeliveries } from './channels-repo.ts';
import { INBOUND_JOB, type InboundJob } from './receive-inbound-payload.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const staffRoles = ['operator', 'supervisor', 'admin'] as const;

export const deliverySchema = channelDeliverySchema;

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

  registerFacebookWebhook(app, deps, registry);

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

/**
 * Facebook Messenger's webhook: the subscription handshake (GET) and the signed events (POST). The
 * POST is signed over the body's exact bytes, so it lives in its own plugin whose JSON parser keeps
 * them (Fastify's own parser discards them); the other routes keep the default parser.
 */
function registerFacebookWebhook(app: FastifyInstance, deps: Deps, registry: ChannelRegistry): void {
  void app.register(async (scope) => {
    const rawBodies = new WeakMap<FastifyRequest, Buffer>();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      const raw = body as Buffer;
      rawBodies.set(req, raw);
      try {
        done(null, JSON.parse(raw.toString('utf8')));
      } catch {
        done(badRequest('MALFORMED_JSON'), undefined);
      }
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const path = '/api/channels/facebook/webhook';

    r.get(
      path,
      {
        schema: {
          tags: ['channels'],
          summary: 'Messenger webhook subscription: answers hub.challenge when hub.mode=subscribe and hub.verify_token matches FACEBOOK_VERIFY_TOKEN',
          querystring: z.object({ 'hub.mode': z.string().max(50).optional(), 'hub.verify_token': z.string().max(512).optional(), 'hub.challenge': z.string().max(512).optional() }),
          response: { 200: z.string(), ...errors },
        },
      },
      async (req, reply) => {
        const answer = registry.get('facebook')?.adapter.answerSubscription?.(req.query);
        if (answer === undefined) {
          deps.log.warn({ channel: 'facebook', mode: req.query['hub.mode'] ?? null }, 'channel subscription refused: wrong or missing verify token');
          throw forbidden();
        }
        return reply.type('text/plain; charset=utf-8').send(answer);
      },
    );

    r.post(
      path,
      {
        schema: {
          tags: ['channels'],
          summary: 'Messenger Platform webhook events (X-Hub-Signature-256 must be the HMAC-SHA256 of the body with FACEBOOK_APP_SECRET); answers EVENT_RECEIVED',
          body: z.unknown(),
          response: { 200: z.string(), ...errors },
        },
      },
      async (req, reply) => {
        const channel = registry.get('facebook');
        if (!channel || !channel.adapter.verifyWebhook({ headers: req.headers, body: req.body, rawBody: rawBodies.get(req) })) {
          deps.log.warn({ channel: 'facebook', signed: typeof req.headers['x-hub-signature-256'] === 'string' }, 'channel webhook refused: wrong or missing signature');
          throw forbidden();
        }
        const parsed = await channel.adapter.parseInbound(req.body);
        if (parsed.kind === 'messages') await deps.jobs.send<InboundJob>(INBOUND_JOB, { kind: 'facebook', payload: req.body });
        else deps.log.info({ channel: 'facebook', reason: parsed.kind === 'ignored' ? parsed.reason : parsed.kind }, 'channel payload ignored');
        return reply.type('text/plain; charset=utf-8').send('EVENT_RECEIVED');
      },
    );
  });
}
