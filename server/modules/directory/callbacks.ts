// Call-back requests: a phone, a topic and a 30-minute slot inside the hotline's working hours
// (official calendar included), never in the past, at most CALLBACK_SLOT_CAPACITY per slot.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { MissingCalendarYearError, loadCalendar, moscowDay, type OfficialCalendar } from '../calendar/index.ts';
import { normalizePhone } from '../identity/index.ts';
import { hotlineSchedule } from './directory-repo.ts';
import { intervalFor, moscowInstant } from './hotline-hours.ts';

export const CALLBACK_SLOT_MINUTES = 30;
export const CALLBACK_SLOT_CAPACITY = 3;

const hash = (t: string) => createHash('sha256').update(t).digest('hex');

function moscowHHMM(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

async function calendarOr422(deps: Pick<Deps, 'db'>): Promise<OfficialCalendar> {
  return loadCalendar(deps.db);
}

function withCalendar<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MissingCalendarYearError) throw new AppError('CALENDAR_MISSING', 422, { params: { year: err.year } });
    throw err;
  }
}

/** The slots of a Moscow calendar day with their free places. */
export async function callbackSlots(opts: { deps: Pick<Deps, 'db' | 'now'>; day: string }) {
  const [schedule, cal] = await Promise.all([hotlineSchedule(opts.deps.db), calendarOr422(opts.deps)]);
  const interval = withCalendar(() => intervalFor(opts.day, schedule, cal));
  if (!interval) return [];
  const start = moscowInstant(opts.day, interval.open);
  const end = moscowInstant(opts.day, interval.close);
  const taken = await opts.deps.db
    .selectFrom('callbacks')
    .select(['slot_start', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'scheduled')
    .where('slot_start', '>=', start)
    .where('slot_start', '<', end)
    .groupBy('slot_start')
    .execute();
  const byStart = new Map(taken.map((t) => [t.slot_start.getTime(), Number(t.n)]));
  const now = opts.deps.now().getTime();
  const items: Array<{ start: string; free: number }> = [];
  for (let t = start.getTime(); t + CALLBACK_SLOT_MINUTES * 60_000 <= end.getTime(); t += CALLBACK_SLOT_MINUTES * 60_000) {
    if (t <= now) continue;
    items.push({ start: new Date(t).toISOString(), free: Math.max(0, CALLBACK_SLOT_CAPACITY - (byStart.get(t) ?? 0)) });
  }
  return items;
}

async function checkSlot(deps: Pick<Deps, 'db' | 'now'>, slot: Date) {
  if (slot.getTime() <= deps.now().getTime()) throw new AppError('SLOT_IN_PAST', 422, { fields: [{ path: 'slotStart', kind: 'invalid' }] });
  if (slot.getUTCSeconds() !== 0 || slot.getUTCMilliseconds() !== 0 || slot.getUTCMinutes() % CALLBACK_SLOT_MINUTES !== 0) {
    throw new AppError('SLOT_NOT_ALIGNED', 422, { fields: [{ path: 'slotStart', kind: 'invalid' }] });
  }
  const [schedule, cal] = await Promise.all([hotlineSchedule(deps.db), calendarOr422(deps)]);
  const day = moscowDay(slot);
  const interval = withCalendar(() => intervalFor(day, schedule, cal));
  const hhmm = moscowHHMM(slot);
  const endHHMM = moscowHHMM(new Date(slot.getTime() + CALLBACK_SLOT_MINUTES * 60_000));
  if (!interval || hhmm < interval.open || (endHHMM > interval.close && endHHMM !== '00:00') || hhmm >= interval.close) {
    throw new AppError('SLOT_OUTSIDE_HOURS', 422, { fields: [{ path: 'slotStart', kind: 'invalid' }] });
  }
}

export async function scheduleCallback(opts: { deps: Deps; citizenId: string | null; phone: string; topic: string; slotStart: string }) {
  const { deps } = opts;
  const phone = normalizePhone(opts.phone);
  if (!phone) throw new AppError('INVALID_PHONE', 400, { fields: [{ path: 'phone', kind: 'phone' }] });
  const slot = new Date(opts.slotStart);
  await checkSlot(deps, slot);
  const cancelToken = randomBytes(24).toString('base64url');
  const row = await inTransaction(deps.db, async (tx) => {
    // one slot at a time, so two requests cannot both take the last place
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`svyaz:callback:${slot.toISOString()}`}))`.execute(tx);
    const used = await tx.selectFrom('callbacks').select((eb) => eb.fn.countAll<number>().as('n')).where('slot_start', '=', slot).where('status', '=', 'scheduled').executeTakeFirstOrThrow();
    if (Number(used.n) >= CALLBACK_SLOT_CAPACITY) throw new AppError('SLOT_FULL', 422, { fields: [{ path: 'slotStart', kind: 'invalid' }] });
    const inserted = await tx
      .insertInto('callbacks')
      .values({ id: randomUUID(), citizen_id: opts.citizenId, phone, topic: opts.topic, slot_start: slot, status: 'scheduled', cancel_token_hash: hash(cancelToken) })
      .returningAll()
      .executeTakeFirstOrThrow();
    const when = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'long', timeStyle: 'short' }).format(slot);
    await deps.notify(tx, { channel: 'sms', to: phone, text: `Обратный звонок назначен на ${when} (МСК). Тема: ${opts.topic.slice(0, 60)}.` });
    return inserted;
  });
  return { row, cancelToken };
}

export async function cancelCallback(opts: { deps: Deps; id: string; token: string | null; citizenId: string | null }) {
  const row = await opts.deps.db.selectFrom('callbacks').selectAll().where('id', '=', opts.id).executeTakeFirst();
  const allowed = row && ((opts.token && hash(opts.token) === row.cancel_token_hash) || (opts.citizenId && row.citizen_id === opts.citizenId));
  if (!row || !allowed) throw notFound('CALLBACK_NOT_FOUND');
  if (row.status !== 'scheduled') throw new AppError('INVALID_STATE', 409);
  await opts.deps.db.updateTable('callbacks').set({ status: 'cancelled', updated_at: sql`now()` }).where('id', '=', row.id).execute();
}

export async function updateCallback(opts: { deps: Deps; id: string; operatorId: string; status: 'done' | 'missed' | 'scheduled'; slotStart?: string; note?: string }) {
  const { deps } = opts;
  const row = await deps.db.selectFrom('callbacks').selectAll().where('id', '=', opts.id).executeTakeFirst();
  if (!row) throw notFound('CALLBACK_NOT_FOUND');
  if (opts.status === 'scheduled') {
    // rescheduling: a new slot under the same rules
    if (!opts.slotStart) throw new AppError('VALIDATION_FAILED', 400, { fields: [{ path: 'slotStart', kind: 'required' }] });
    const slot = new Date(opts.slotStart);
    await checkSlot(deps, slot);
    await deps.db.updateTable('callbacks').set({ status: 'scheduled', slot_start: slot, note: opts.note ?? row.note, handled_by: opts.operatorId, updated_at: sql`now()` }).where('id', '=', row.id).execute();
  } else {
    await deps.db.updateTable('callbacks').set({ status: opts.status, note: opts.note ?? row.note, handled_by: opts.operatorId, updated_at: sql`now()` }).where('id', '=', row.id).execute();
  }
  return deps.db.selectFrom('callbacks').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
}

export async function dueCallbacks(opts: { deps: Pick<Deps, 'db'>; until: Date }) {
  return opts.deps.db.selectFrom('callbacks').selectAll().where('status', '=', 'scheduled').where('slot_start', '<=', opts.until).orderBy('slot_start').limit(200).execute();
}

/** A signed-in citizen's call-backs from `since` on (scheduled and settled), soonest first. */
export async function citizenCallbacks(opts: { deps: Pick<Deps, 'db'>; citizenId: string; since: Date }) {
  return opts.deps.db.selectFrom('callbacks').selectAll().where('citizen_id', '=', opts.citizenId).where('slot_start', '>=', opts.since).orderBy('slot_start').limit(50).execute();
}
