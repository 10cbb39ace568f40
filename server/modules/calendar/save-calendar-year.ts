// An admin adds a year or corrects one (the decree came out, or a shipped day is wrong): the days
// are checked as a whole, nothing is stored if one is wrong, and the change is audit-logged.
import type { CalendarYearBody } from '../../../shared/contracts/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/index.ts';
import { readCalendarYear, storeCalendarYear } from './calendar-store.ts';
import { checkCalendarYear } from './check-calendar-year.ts';

const sorted = (days: string[]) => [...days].sort();

export async function saveCalendarYear(opts: { deps: Deps; actor: { userId: string; role: string }; year: number; input: CalendarYearBody; region?: string }) {
  const region = opts.region ?? 'RU';
  const days = {
    region,
    year: opts.year,
    source: opts.input.source.trim(),
    ...(opts.input.provisional ? { provisional: true } : {}),
    nonWorking: opts.input.nonWorking,
    holidays: opts.input.holidays,
    transfers: opts.input.transfers,
    workingWeekends: opts.input.workingWeekends,
    shortened: opts.input.shortened,
  };
  const problems = checkCalendarYear(days);
  if (problems.length) throw new AppError('CALENDAR_YEAR_INVALID', 422, { fields: problems });
  const stored = {
    ...days,
    nonWorking: sorted(days.nonWorking),
    holidays: sorted(days.holidays),
    workingWeekends: sorted(days.workingWeekends),
    shortened: sorted(days.shortened),
    transfers: [...days.transfers].sort((a, b) => a.from.localeCompare(b.from)),
  };
  await inTransaction(opts.deps.db, async (tx) => {
    const before = await readCalendarYear(tx, opts.year, region);
    await storeCalendarYear(tx, stored, opts.actor.userId);
    await recordAudit(tx, {
      actorId: opts.actor.userId,
      actorRole: opts.actor.role,
      action: before ? 'calendar.year_updated' : 'calendar.year_added',
      subjectId: null,
      details: { region, year: opts.year, provisional: stored.provisional === true, nonWorking: stored.nonWorking.length, workingWeekends: stored.workingWeekends.length },
    });
  });
  const saved = await readCalendarYear(opts.deps.db, opts.year, region);
  if (!saved) throw new Error('a saved calendar year was not read back');
  return saved;
}
