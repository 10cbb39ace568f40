// Taking a number: a citizen (signed in or not) or the clerk at the door, for one of the centre's
// services, during its opening hours. Numbers are a letter per service and a counter per centre,
// day (Moscow) and letter — А-001, А-002, Б-001 — so they restart every day.
import type { Ticket } from '../../../shared/contracts/centres.ts';
import type { Actor, Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { loadCalendar, moscowDay } from '../calendar/index.ts';
import { centreStatus } from './centre-hours.ts';
import { assertQueueAccess, isQueueStaff } from './centres-policy.ts';
import { exceptionsFor, findCentre } from './centres-repo.ts';
import { activeTicketOf, insertTicket, nextNumber } from './queue-repo.ts';
import type { QueueSignals } from './queue-signals.ts';
import { calendarOr422 } from './search-centres.ts';
import { ticketView } from './ticket-view.ts';

const LETTERS = 'АБВГДЕЖИКЛМНПРСТУФХЦЧШЭЮЯ';

export function prefixFor(services: string[], service: string): string {
  const i = Math.max(0, services.indexOf(service));
  return LETTERS[i % LETTERS.length] as string;
}

export function formatNumber(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

export async function takeTicket(opts: { deps: Deps; signals: QueueSignals; centreId: string; service: string; actor: Actor }): Promise<Ticket> {
  const { deps, actor } = opts;
  const centre = await findCentre(deps.db, opts.centreId);
  if (!centre) throw notFound('CENTRE_NOT_FOUND');
  if (centre.services.length > 0 && !centre.services.includes(opts.service)) {
    throw new AppError('SERVICE_NOT_OFFERED', 400, { fields: [{ path: 'service', kind: 'code:SERVICE_NOT_OFFERED' }] });
  }
  const staff = isQueueStaff(actor);
  if (staff && actor) await assertQueueAccess(deps.db, actor, centre.id);
  const now = deps.now();
  const day = moscowDay(now);
  const cal = await loadCalendar(deps.db);
  const exceptions = await exceptionsFor(deps.db, [centre.id], day);
  const status = calendarOr422(() => centreStatus(now, centre.schedule, new Map((exceptions.get(centre.id) ?? []).map((e) => [e.date, e])), cal, 'ru'));
  if (!status.open) throw new AppError('CENTRE_CLOSED', 422, { params: { when: status.text } });
  const citizenId = actor?.role === 'citizen' ? actor.userId : null;
  if (citizenId && (await activeTicketOf(deps.db, centre.id, day, citizenId))) throw new AppError('ALREADY_IN_QUEUE', 409);
  const prefix = prefixFor(centre.services, opts.service);
  const row = await inTransaction(deps.db, async (tx) => {
    const n = await nextNumber(tx, centre.id, day, prefix);
    const t = await insertTicket(tx, { centreId: centre.id, day, number: formatNumber(prefix, n), service: opts.service, source: staff ? 'clerk' : 'citizen', citizenId, clerkId: staff && actor ? actor.userId : null, at: now });
    await opts.signals.notify(tx, centre.id);
    return t;
  });
  return ticketView({ deps, id: row.id, row, centre });
}
