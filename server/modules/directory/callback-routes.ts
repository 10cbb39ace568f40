import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import { callbackBodySchema, callbackSchema, callbackUpdateSchema, createdCallbackSchema, slotsQuerySchema, slotsSchema } from '../../../shared/contracts/callbacks.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { recordAudit } from '../audit/index.ts';
import { callbackSlots, cancelCallback, citizenCallbacks, dueCallbacks, scheduleCallback, updateCallback } from './callbacks.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 422: apiErrorSchema };
const present = (c: { id: string; phone: string; topic: string; slot_start: Date; status: string; note: string | null }) => ({
  id: c.id,
  phone: c.phone,
  topic: c.topic,
  slotStart: c.slot_start.toISOString(),
  status: c.status as 'scheduled',
  note: c.note,
});

export function registerCallbackRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = ['operator', 'supervisor', 'admin'] as const;

  r.get('/api/callbacks/slots', { schema: { tags: ['callbacks'], summary: 'Свободные интервалы обратного звонка на день (по часам горячей линии)', querystring: slotsQuerySchema, response: { 200: slotsSchema, ...errors } } }, async (req) => ({
    items: await callbackSlots({ deps, day: req.query.date }),
  }));

  r.post(
    '/api/callbacks',
    { schema: { tags: ['callbacks'], summary: 'Заказать обратный звонок; 422 — время вне часов работы, в прошлом или занято', body: callbackBodySchema, response: { 201: createdCallbackSchema, ...errors } } },
    async (req, reply) => {
      const { row, cancelToken } = await scheduleCallback({ deps, citizenId: req.actor?.role === 'citizen' ? req.actor.userId : null, ...req.body });
      return reply.code(201).send({ ...present(row), cancelToken });
    },
  );

  r.post(
    '/api/callbacks/:id/cancel',
    { schema: { tags: ['callbacks'], summary: 'Отменить обратный звонок (владелец или по токену отмены)', params: z.object({ id: z.string().uuid() }), body: z.object({ cancelToken: z.string().max(200).optional() }), response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await cancelCallback({ deps, id: req.params.id, token: req.body.cancelToken ?? null, citizenId: req.actor?.role === 'citizen' ? req.actor.userId : null });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/callbacks/mine',
    { schema: { tags: ['callbacks'], summary: 'Обратные звонки гражданина (со вчерашнего дня), чтобы видеть и отменять', response: { 200: z.object({ items: z.array(callbackSchema) }), ...errors } } },
    async (req) => {
      const actor = requireRole(req, ['citizen']);
      const rows = await citizenCallbacks({ deps, citizenId: actor.userId, since: new Date(deps.now().getTime() - 24 * 60 * 60_000) });
      return { items: rows.map(present) };
    },
  );

  r.get(
    '/api/callbacks/due',
    { schema: { tags: ['callbacks'], summary: 'Обратные звонки к выполнению (операторы)', querystring: z.object({ withinMinutes: z.coerce.number().int().min(0).max(7 * 24 * 60).default(24 * 60) }), response: { 200: z.object({ items: z.array(callbackSchema) }), ...errors } } },
    async (req) => {
      const actor = requireRole(req, staff);
      const rows = await dueCallbacks({ deps, until: new Date(deps.now().getTime() + req.query.withinMinutes * 60_000) });
      await recordAudit(deps.db, { actorId: actor.userId, actorRole: actor.role, action: 'pii.read', details: { what: 'callbacks', count: rows.length } });
      return { items: rows.map(present) };
    },
  );

  r.post(
    '/api/callbacks/:id',
    { schema: { tags: ['callbacks'], summary: 'Отметить звонок выполненным, пропущенным или перенести', params: z.object({ id: z.string().uuid() }), body: callbackUpdateSchema, response: { 200: callbackSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, staff);
      return present(await updateCallback({ deps, id: req.params.id, operatorId: actor.userId, ...req.body }));
    },
  );
}
