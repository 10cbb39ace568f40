// What a visitor sees of their ticket: the number, the status, the desk once called, the place in
// the queue and the estimated wait (visitors ahead × the day's average visit ÷ the desks working).
import type { Queue, QueueTicket, Ticket, TicketStatus } from '../../../shared/contracts/centres.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { moscowDay } from '../calendar/index.ts';
import { findCentre, type CentreRow } from './centres-repo.ts';
import { aheadOf, findTicket, serviceStats, ticketsOfDay, type TicketRow } from './queue-repo.ts';

/** Minutes a visit takes until the day has its own average. */
export const DEFAULT_VISIT_MINUTES = 10;

export async function averageVisit(deps: Pick<Deps, 'db' | 'now'>, centreId: string, day: string): Promise<{ minutes: number; desks: number }> {
  const stats = await serviceStats(deps.db, centreId, day, new Date(deps.now().getTime() - 60 * 60_000));
  const minutes = Math.min(60, Math.max(1, Math.round(stats.avgMinutes ?? DEFAULT_VISIT_MINUTES)));
  return { minutes, desks: Math.max(1, stats.desks) };
}

export async function ticketView(opts: { deps: Pick<Deps, 'db' | 'now'>; id: string; row?: TicketRow; centre?: CentreRow }): Promise<Ticket> {
  const { deps } = opts;
  const t = opts.row ?? (await findTicket(deps.db, opts.id));
  if (!t) throw notFound('TICKET_NOT_FOUND');
  const centre = opts.centre ?? (await findCentre(deps.db, t.centre_id));
  if (!centre) throw notFound('TICKET_NOT_FOUND');
  let position: number | null = null;
  let estimatedMinutes: number | null = null;
  // a ticket of an earlier day no longer stands in today's queue
  if (t.status === 'waiting' && t.day === moscowDay(deps.now())) {
    const ahead = await aheadOf(deps.db, t);
    const avg = await averageVisit(deps, t.centre_id, t.day);
    position = ahead + 1;
    estimatedMinutes = Math.ceil((ahead * avg.minutes) / avg.desks);
  }
  return {
    id: t.id,
    number: t.number,
    service: t.service,
    status: t.status as TicketStatus,
    day: t.day,
    desk: t.desk,
    centre: { id: centre.id, name: centre.name, address: centre.address },
    position,
    estimatedMinutes,
    createdAt: t.created_at.toISOString(),
    calledAt: t.called_at ? t.called_at.toISOString() : null,
  };
}

export function presentQueueTicket(t: TicketRow): QueueTicket {
  return {
    id: t.id,
    number: t.number,
    service: t.service,
    status: t.status as TicketStatus,
    source: t.source as 'citizen',
    desk: t.desk,
    note: t.note,
    createdAt: t.created_at.toISOString(),
    calledAt: t.called_at ? t.called_at.toISOString() : null,
    finishedAt: t.finished_at ? t.finished_at.toISOString() : null,
  };
}

/** The clerk's view of a centre's queue today. */
export async function queueOf(opts: { deps: Pick<Deps, 'db' | 'now'>; centreId: string }): Promise<Queue> {
  const { deps } = opts;
  const centre = await findCentre(deps.db, opts.centreId);
  if (!centre) throw notFound('CENTRE_NOT_FOUND');
  const day = moscowDay(deps.now());
  const rows = await ticketsOfDay(deps.db, centre.id, day);
  const avg = await averageVisit(deps, centre.id, day);
  const by = (s: string[]) => rows.filter((r) => s.includes(r.status)).map(presentQueueTicket);
  return {
    centre: { id: centre.id, name: centre.name, services: centre.services },
    day,
    waiting: by(['waiting']),
    called: by(['called']),
    finished: by(['served', 'no_show', 'follow_up', 'cancelled']).reverse(),
    averageServiceMinutes: avg.minutes,
  };
}
