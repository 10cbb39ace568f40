// The visit queue over HTTP: take a number, follow it live (Server-Sent Events), the clerk console
// (the day's queue, call next, finish a visit), the supervisor's list of unresolved visits.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  callNextBodySchema,
  finishTicketBodySchema,
  overdueListSchema,
  queueSchema,
  queueTicketSchema,
  resolveTicketBodySchema,
  takeTicketBodySchema,
  ticketSchema,
  workplaceBodySchema,
  workplaceSchema,
} from '../../../shared/contracts/centres.ts';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import { sseStreams } from '../../platform/http/sse-stream.ts';
import { callNext, cancelTicket, finishTicket, resolveVisit } from './clerk-actions.ts';
import { assertQueueAccess, overdueViewers, queueStaff } from './centres-policy.ts';
import { findCentre, setWorkplace, workplaceOf } from './centres-repo.ts';
import { overdueVisits } from './overdue-visits.ts';
import { findTicket } from './queue-repo.ts';
import type { QueueSignals } from './queue-signals.ts';
import { takeTicket } from './take-ticket.ts';
import { presentQueueTicket, queueOf, ticketView } from './ticket-view.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 422: apiErrorSchema };
const idParam = z.object({ id: z.string().uuid() });
/** streams also refresh on this timer (the estimate moves with time; a lost signal is caught up) */
export const STREAM_REFRESH_MS = 15_000;

export function registerQueueRoutes(app: FastifyInstance, deps: Deps, signals: QueueSignals): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // a ticket's or queue's stream: on the centre's queue signals and the timer
  const stream = sseStreams(app, STREAM_REFRESH_MS);

  r.post(
    '/api/centres/:id/queue/tickets',
    { schema: { tags: ['queue'], summary: 'Взять талон в электронную очередь центра (гражданин или сотрудник у входа)', params: idParam, body: takeTicketBodySchema, response: { 201: ticketSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await takeTicket({ deps, signals, centreId: req.params.id, service: req.body.service, actor: req.actor })),
  );

  r.get('/api/centres/queue/tickets/:id', { schema: { tags: ['queue'], summary: 'Талон: статус, место в очереди, ожидаемое время', params: idParam, response: { 200: ticketSchema, ...errors } } }, async (req) =>
    ticketView({ deps, id: req.params.id }),
  );

  r.get('/api/centres/queue/tickets/:id/events', { schema: { tags: ['queue'], summary: 'Талон в реальном времени (Server-Sent Events)', params: idParam } }, async (req, reply) => {
    const t = await findTicket(deps.db, req.params.id);
    if (!t) throw notFound('TICKET_NOT_FOUND');
    stream(req, reply, { subscribe: (fn) => signals.subscribe(t.centre_id, fn), load: () => ticketView({ deps, id: t.id }) });
  });

  r.post(
    '/api/centres/queue/tickets/:id/cancel',
    { schema: { tags: ['queue'], summary: 'Отказаться от талона (пока он ожидает)', params: idParam, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await cancelTicket({ deps, signals, id: req.params.id });
      return reply.code(204).send(null);
    },
  );

  // the clerk console
  r.get('/api/centres/queue/workplace', { schema: { tags: ['queue'], summary: 'Центр, в котором работает сотрудник', response: { 200: workplaceSchema, ...errors } } }, async (req) => {
    const actor = requireRole(req, queueStaff);
    const c = await workplaceOf(deps.db, actor.userId);
    return { centre: c ? { id: c.id, name: c.name, services: c.services } : null };
  });

  r.put(
    '/api/centres/queue/workplace',
    { schema: { tags: ['queue'], summary: 'Выбрать центр, в котором работает сотрудник', body: workplaceBodySchema, response: { 200: workplaceSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, queueStaff);
      const c = await findCentre(deps.db, req.body.centreId);
      if (!c) throw notFound('CENTRE_NOT_FOUND');
      await setWorkplace(deps.db, actor.userId, c.id);
      return { centre: { id: c.id, name: c.name, services: c.services } };
    },
  );

  r.get('/api/centres/:id/queue', { schema: { tags: ['queue'], summary: 'Очередь центра на сегодня (сотрудник центра)', params: idParam, response: { 200: queueSchema, ...errors } } }, async (req) => {
    const actor = requireRole(req, queueStaff);
    await assertQueueAccess(deps.db, actor, req.params.id);
    return queueOf({ deps, centreId: req.params.id });
  });

  r.get('/api/centres/:id/queue/events', { schema: { tags: ['queue'], summary: 'Очередь центра в реальном времени (Server-Sent Events, сотрудник центра)', params: idParam } }, async (req, reply) => {
    const actor = requireRole(req, queueStaff);
    await assertQueueAccess(deps.db, actor, req.params.id);
    if (!(await findCentre(deps.db, req.params.id))) throw notFound('CENTRE_NOT_FOUND');
    stream(req, reply, { subscribe: (fn) => signals.subscribe(req.params.id, fn), load: () => queueOf({ deps, centreId: req.params.id }) });
  });

  r.post(
    '/api/centres/:id/queue/call-next',
    { schema: { tags: ['queue'], summary: 'Пригласить следующего посетителя к окну', params: idParam, body: callNextBodySchema, response: { 200: queueTicketSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, queueStaff);
      return presentQueueTicket(await callNext({ deps, signals, actor, centreId: req.params.id, desk: req.body.desk, service: req.body.service }));
    },
  );

  r.post(
    '/api/centres/queue/tickets/:id/finish',
    { schema: { tags: ['queue'], summary: 'Завершить приём: обслужен, не явился или требует доработки', params: idParam, body: finishTicketBodySchema, response: { 200: queueTicketSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, queueStaff);
      return presentQueueTicket(await finishTicket({ deps, signals, actor, id: req.params.id, outcome: req.body.outcome, note: req.body.note }));
    },
  );

  r.post(
    '/api/centres/queue/tickets/:id/resolve',
    { schema: { tags: ['queue'], summary: 'Закрыть визит, требовавший доработки или оставшийся незавершённым', params: idParam, body: resolveTicketBodySchema, response: { 200: queueTicketSchema, ...errors } } },
    async (req) => {
      const actor = requireRole(req, queueStaff);
      return presentQueueTicket(await resolveVisit({ deps, signals, actor, id: req.params.id, note: req.body.note }));
    },
  );

  r.get('/api/centres/queue/overdue', { schema: { tags: ['queue'], summary: 'Визиты, не решённые за один рабочий день (руководитель)', response: { 200: overdueListSchema, ...errors } } }, async (req) => {
    requireRole(req, overdueViewers);
    return { items: await overdueVisits({ deps }) };
  });
}
