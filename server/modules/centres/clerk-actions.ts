// The clerk console: call the next visitor to a desk; finish a visit as served, no-show or needing
// follow-up; resolve a follow-up later. A visitor may cancel their own waiting ticket.
import type { Actor, Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { moscowDay } from '../calendar/index.ts';
import { assertQueueAccess } from './centres-policy.ts';
import { findCentre } from './centres-repo.ts';
import { findTicket, firstWaiting, updateTicket, type TicketRow } from './queue-repo.ts';
import type { QueueSignals } from './queue-signals.ts';

type Ctx = { deps: Deps; signals: QueueSignals; actor: NonNullable<Actor> };

export async function callNext(opts: Ctx & { centreId: string; desk: string; service?: string }): Promise<TicketRow> {
  const { deps, actor } = opts;
  if (!(await findCentre(deps.db, opts.centreId))) throw notFound('CENTRE_NOT_FOUND');
  await assertQueueAccess(deps.db, actor, opts.centreId);
  const day = moscowDay(deps.now());
  return inTransaction(deps.db, async (tx) => {
    const next = await firstWaiting(tx, opts.centreId, day, opts.service || undefined);
    if (!next) throw new AppError('QUEUE_EMPTY', 409);
    const t = await updateTicket(tx, next.id, { status: 'called', desk: opts.desk, clerk_id: actor.userId, called_at: deps.now() });
    await opts.signals.notify(tx, opts.centreId);
    return t;
  });
}

async function lockedTicket(opts: Ctx, id: string, tx: Parameters<typeof findTicket>[0]): Promise<TicketRow> {
  const t = await findTicket(tx, id, { forUpdate: true });
  if (!t) throw notFound('TICKET_NOT_FOUND');
  await assertQueueAccess(tx, opts.actor, t.centre_id);
  return t;
}

export async function finishTicket(opts: Ctx & { id: string; outcome: 'served' | 'no_show' | 'follow_up'; note?: string }): Promise<TicketRow> {
  const { deps } = opts;
  return inTransaction(deps.db, async (tx) => {
    const t = await lockedTicket(opts, opts.id, tx);
    // a visitor who never came to the desk can be marked absent straight from the waiting list
    const allowed = t.status === 'called' || (t.status === 'waiting' && opts.outcome === 'no_show');
    if (!allowed) throw new AppError('TICKET_STATE', 409);
    const now = deps.now();
    const done = await updateTicket(tx, t.id, {
      status: opts.outcome,
      finished_at: now,
      note: opts.note ?? t.note,
      ...(opts.outcome === 'follow_up' ? {} : { resolved_at: now, resolved_by: opts.actor.userId }),
      ...(t.status === 'waiting' ? { clerk_id: opts.actor.userId } : {}),
    });
    await opts.signals.notify(tx, t.centre_id);
    return done;
  });
}

/** Closes a visit that needed follow-up, or one left unfinished (shown to the supervisor). */
export async function resolveVisit(opts: Ctx & { id: string; note?: string }): Promise<TicketRow> {
  const { deps } = opts;
  return inTransaction(deps.db, async (tx) => {
    const t = await lockedTicket(opts, opts.id, tx);
    if (t.resolved_at || !['follow_up', 'waiting', 'called'].includes(t.status)) throw new AppError('TICKET_STATE', 409);
    const now = deps.now();
    const done = await updateTicket(tx, t.id, {
      resolved_at: now,
      resolved_by: opts.actor.userId,
      note: opts.note ?? t.note,
      // a visit never finished at the desk counts as a no-show once closed
      ...(t.status === 'follow_up' ? {} : { status: 'no_show', finished_at: now }),
    });
    await opts.signals.notify(tx, t.centre_id);
    return done;
  });
}

/** The visitor's own cancellation; the ticket id (a random UUID known only to them) is the key. */
export async function cancelTicket(opts: { deps: Deps; signals: QueueSignals; id: string }): Promise<void> {
  const { deps } = opts;
  await inTransaction(deps.db, async (tx) => {
    const t = await findTicket(tx, opts.id, { forUpdate: true });
    if (!t) throw notFound('TICKET_NOT_FOUND');
    if (t.status !== 'waiting') throw new AppError('TICKET_STATE', 409);
    await updateTicket(tx, t.id, { status: 'cancelled', finished_at: deps.now(), resolved_at: deps.now() });
    await opts.signals.notify(tx, t.centre_id);
  });
}
