// A mail clerk registers an incoming letter; the written reply is due 10 working days after the
// day it was received, counted on the official calendar (no guess when a year is missing).
import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { z } from 'zod';
import type { registerLetterBodySchema } from '../../../shared/contracts/mail.ts';
import { recordAudit } from '../audit/index.ts';
import { MissingCalendarYearError, loadCalendar, moscowDay } from '../calendar/index.ts';
import { findUserByEng, normalizePhone, parseEng } from '../identity/index.ts';
import { insertLetter, trackingTaken } from './mail-registry-repo.ts';

export const REPLY_WORKING_DAYS = 10;

export async function registerLetter(opts: { deps: Deps; actor: { userId: string; role: string }; input: z.infer<typeof registerLetterBodySchema> }) {
  const { deps, input } = opts;
  if (input.receivedOn > moscowDay(deps.now())) throw new AppError('LETTER_FROM_FUTURE', 422, { fields: [{ path: 'receivedOn', kind: 'invalid' }] });
  let eng: string | null = null;
  if (input.eng) {
    eng = parseEng(input.eng);
    if (!eng) throw new AppError('INVALID_ENG', 400, { fields: [{ path: 'eng', kind: 'format' }] });
  }
  const phone = input.phone ? normalizePhone(input.phone) : null;
  if (input.phone && !phone) throw new AppError('INVALID_PHONE', 400, { fields: [{ path: 'phone', kind: 'phone' }] });
  const tracking = input.trackingNumber.toUpperCase();
  if (await trackingTaken(deps.db, tracking)) throw new AppError('TRACKING_TAKEN', 409, { fields: [{ path: 'trackingNumber', kind: 'taken' }] });
  let replyDueOn: string;
  try {
    replyDueOn = (await loadCalendar(deps.db)).addWorkingDays(input.receivedOn, REPLY_WORKING_DAYS);
  } catch (err) {
    if (err instanceof MissingCalendarYearError) throw new AppError('CALENDAR_MISSING', 422, { params: { year: err.year } });
    throw err;
  }
  const citizen = eng ? await findUserByEng(deps.db, eng) : undefined;
  return inTransaction(deps.db, async (tx) => {
    const row = await insertLetter(tx, {
      sender_name: input.senderName,
      account_number: input.accountNumber ?? null,
      eng,
      citizen_id: citizen?.id ?? null,
      phone,
      email: input.email?.toLowerCase() ?? null,
      address: input.address ?? null,
      summary: input.summary ?? null,
      tracking_number: tracking,
      received_on: input.receivedOn,
      reply_due_on: replyDueOn,
      registered_by: opts.actor.userId,
    });
    await recordAudit(tx, { actorId: opts.actor.userId, actorRole: opts.actor.role, action: 'letter.registered', subjectId: citizen?.id ?? null, details: { letterId: row.id } });
    return row;
  });
}
