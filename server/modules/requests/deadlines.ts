// Deadlines in working days on the official calendar: the end (23:59 Moscow time) of the N-th
// working day after the day the request arrived. A missing calendar year gives no deadline
// (null) and says so in the timeline, instead of a guessed date.
import type { Executor } from '../../platform/db/transaction.ts';
import { MissingCalendarYearError, loadCalendar, moscowDay } from '../calendar/index.ts';
import { moscowInstant } from '../directory/index.ts';
import { slaFor } from './requests-repo.ts';

export async function deadlinesFor(db: Executor, type: string, from: Date): Promise<{ firstResponse: Date | null; resolution: Date | null; missingYear: number | null }> {
  const sla = await slaFor(db, type);
  if (!sla) return { firstResponse: null, resolution: null, missingYear: null };
  const cal = await loadCalendar(db);
  const day = moscowDay(from);
  try {
    return {
      firstResponse: moscowInstant(cal.addWorkingDays(day, sla.first_response_days), '23:59'),
      resolution: moscowInstant(cal.addWorkingDays(day, sla.resolution_days), '23:59'),
      missingYear: null,
    };
  } catch (err) {
    if (err instanceof MissingCalendarYearError) return { firstResponse: null, resolution: null, missingYear: err.year };
    throw err;
  }
}
