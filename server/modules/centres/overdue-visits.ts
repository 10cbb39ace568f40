// Visits not resolved within one working day: still waiting or at a desk, or marked as needing
// follow-up and not closed, by the time of day they were taken on the next working day of the
// official calendar (taken Friday 10:00 → due Monday 10:00). The supervisor sees them in a list.
import type { OverdueVisit } from '../../../shared/contracts/centres.ts';
import type { Deps } from '../../platform/deps.ts';
import { MissingCalendarYearError, loadCalendar } from '../calendar/index.ts';
import { moscowInstant } from '../directory/index.ts';
import { moscowClock } from './centre-hours.ts';
import { unresolvedBefore } from './queue-repo.ts';
import { presentQueueTicket } from './ticket-view.ts';

export async function overdueVisits(opts: { deps: Pick<Deps, 'db' | 'now'> }): Promise<OverdueVisit[]> {
  const { deps } = opts;
  const now = deps.now();
  const cal = await loadCalendar(deps.db);
  // at least one calendar day passes before anything is due
  const rows = await unresolvedBefore(deps.db, new Date(now.getTime() - 24 * 60 * 60_000));
  const out: OverdueVisit[] = [];
  for (const r of rows) {
    let due: Date;
    try {
      due = moscowInstant(cal.addWorkingDays(r.day, 1), moscowClock(r.created_at));
    } catch (err) {
      // without next year's calendar the deadline is unknown: shown as due rather than hidden
      if (!(err instanceof MissingCalendarYearError)) throw err;
      due = new Date(r.created_at.getTime() + 24 * 60 * 60_000);
    }
    if (due.getTime() > now.getTime()) continue;
    out.push({ ...presentQueueTicket(r), day: r.day, centre: { id: r.centre_id, name: r.centre_name }, dueAt: due.toISOString() });
  }
  return out;
}
