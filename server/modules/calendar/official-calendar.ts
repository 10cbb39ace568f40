// Russia's official working calendar (производственный календарь): non-working holidays and
// transferred days off from the government decrees, kept as data, one year a file; weekends
// are Saturday and Sunday unless a decree makes one a working day. Dates are calendar days in
// Moscow time. A year without data is an error, never a guess; a year whose decree is not out yet
// may ship as a provisional forecast from the Labour Code alone (marked so, replaced by the decree).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { calendarYearSchema, type CalendarYear } from '../../../shared/contracts/calendar.ts';

export { calendarYearSchema, type CalendarYear };

export class MissingCalendarYearError extends Error {
  constructor(readonly year: number, readonly region: string) {
    super(`the official calendar for ${year} (${region}) is not loaded`);
    this.name = 'MissingCalendarYearError';
  }
}

const dataDir = fileURLToPath(new URL('./data/', import.meta.url));

/** The years shipped with the product (data files named <region>-<year>.json). */
export function shippedYears(): CalendarYear[] {
  return readdirSync(dataDir)
    .filter((f) => /^[a-z]{2,}-\d{4}\.json$/i.test(f))
    .map((f) => {
      const raw = JSON.parse(readFileSync(`${dataDir}${f}`, 'utf8')) as unknown;
      return calendarYearSchema.parse(raw);
    });
}

export type DayKind = 'working' | 'shortened' | 'weekend' | 'holiday';

/** Calendar arithmetic over a set of loaded years; a day outside them throws MissingCalendarYearError. */
export class OfficialCalendar {
  private readonly years = new Map<number, { nonWorking: Set<string>; holidays: Set<string>; working: Set<string>; shortened: Set<string> }>();

  constructor(years: CalendarYear[], readonly region = 'RU') {
    for (const y of years.filter((x) => x.region === region)) {
      this.years.set(y.year, {
        nonWorking: new Set(y.nonWorking),
        holidays: new Set(y.holidays),
        working: new Set(y.workingWeekends),
        shortened: new Set(y.shortened),
      });
    }
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  private year(day: string) {
    const y = Number(day.slice(0, 4));
    const data = this.years.get(y);
    if (!data) throw new MissingCalendarYearError(y, this.region);
    return data;
  }

  kind(day: string): DayKind {
    const y = this.year(day);
    if (y.nonWorking.has(day)) return 'holiday';
    if (y.working.has(day)) return y.shortened.has(day) ? 'shortened' : 'working';
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return 'weekend';
    return y.shortened.has(day) ? 'shortened' : 'working';
  }

  isWorkingDay(day: string): boolean {
    const k = this.kind(day);
    return k === 'working' || k === 'shortened';
  }

  isShortened(day: string): boolean {
    return this.kind(day) === 'shortened';
  }

  /** A public holiday or a day off moved from one (for holiday opening hours). */
  isHoliday(day: string): boolean {
    const y = this.year(day);
    return y.holidays.has(day) || y.nonWorking.has(day);
  }

  /** The n-th working day after `day` (the day itself is not counted). */
  addWorkingDays(day: string, n: number): string {
    let d = day;
    let left = n;
    while (left > 0) {
      d = nextDay(d);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** Working days after `from` up to and including `to`. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = nextDay(from); d <= to; d = nextDay(d)) if (this.isWorkingDay(d)) count += 1;
    return count;
  }
}

export function nextDay(day: string): string {
  const t = new Date(`${day}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The calendar day in Moscow of an instant. */
export function moscowDay(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
