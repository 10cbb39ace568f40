// Opening hours of a service centre in Moscow time: the weekly schedule, the centre's own
// exceptions (dates closed or with special hours) and the official calendar (holidays and
// transferred days off take the holiday hours). Opening minutes inclusive, closing exclusive.
// The «open now» search filter (centres-repo.ts, openNowSql) applies the same rules in SQL.
import type { CentreException, CentreInterval, CentreSchedule } from '../../../shared/contracts/centres.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';
import { MissingCalendarYearError, nextDay, type OfficialCalendar } from '../calendar/index.ts';

export type CentreStatus = { open: boolean; closesAt?: string; opensAt?: string; text: string };

/** ISO weekday of a calendar day: Monday = 1 … Sunday = 7. */
export function isoWeekday(day: string): '1' | '2' | '3' | '4' | '5' | '6' | '7' {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return String(d === 0 ? 7 : d) as '1';
}

// The same conversions as calendar's moscowDay and directory's moscowInstant, with the formatters
// made once: a search presents up to 50 centres, and building an Intl.DateTimeFormat costs more
// than the rest of a centre's status.
const TZ = 'Europe/Moscow';
const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' });

/** The calendar day in Moscow of an instant (YYYY-MM-DD). */
export function moscowDate(instant: Date): string {
  return dayFormat.format(instant);
}

export function moscowClock(instant: Date): string {
  return clockFormat.format(instant);
}

/** "+03:00" for Moscow at that instant, read from the time-zone database rather than assumed. */
function offsetAt(instant: Date): string {
  const part = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName');
  return /GMT([+-]\d{2}:\d{2})/.exec(part?.value ?? '')?.[1] ?? '+00:00';
}

/** The instant of HH:MM (or 24:00, the end of the day) on a Moscow calendar day. */
export function instantAt(day: string, hhmm: string): Date {
  if (hhmm === '24:00') return instantAt(nextDay(day), '00:00');
  return new Date(`${day}T${hhmm}:00${offsetAt(new Date(`${day}T${hhmm}:00Z`))}`);
}

export function intervalOn(day: string, schedule: CentreSchedule, exceptions: ReadonlyMap<string, CentreException>, cal: OfficialCalendar): CentreInterval | null {
  const ex = exceptions.get(day);
  if (ex) return ex.open && ex.close ? { open: ex.open, close: ex.close } : null;
  if (cal.isHoliday(day)) return schedule.holiday ?? null;
  return schedule.days[isoWeekday(day)] ?? null;
}

function dayWords(day: string, today: string, lang: Lang): string {
  if (day === today) return lang === 'ru' ? 'сегодня' : 'today';
  if (day === nextDay(today)) return lang === 'ru' ? 'завтра' : 'tomorrow';
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00Z`));
}

/**
 * «Открыто сейчас, до 20:00 (МСК)» / «Закрыто, откроется завтра в 09:00 (МСК)». The day's calendar
 * must be loaded (MissingCalendarYearError otherwise); a later day without calendar data ends the
 * look-ahead with a plain «Закрыто» rather than a guess.
 */
export function centreStatus(at: Date, schedule: CentreSchedule, exceptions: ReadonlyMap<string, CentreException>, cal: OfficialCalendar, lang: Lang = 'ru'): CentreStatus {
  const today = moscowDate(at);
  const now = moscowClock(at);
  const msk = lang === 'ru' ? 'МСК' : 'Moscow time';
  const todays = intervalOn(today, schedule, exceptions, cal);
  if (todays && todays.open <= now && now < todays.close) {
    return {
      open: true,
      closesAt: instantAt(today, todays.close).toISOString(),
      text: lang === 'ru' ? `Открыто сейчас, до ${todays.close} (${msk})` : `Open now, until ${todays.close} (${msk})`,
    };
  }
  let day = today;
  try {
    for (let i = 0; i < 15; i++) {
      const interval = intervalOn(day, schedule, exceptions, cal);
      if (interval && (day !== today || now < interval.open)) {
        const when = `${dayWords(day, today, lang)} ${lang === 'ru' ? 'в' : 'at'} ${interval.open}`;
        return { open: false, opensAt: instantAt(day, interval.open).toISOString(), text: lang === 'ru' ? `Закрыто, откроется ${when} (${msk})` : `Closed, opens ${when} (${msk})` };
      }
      day = nextDay(day);
    }
  } catch (err) {
    if (!(err instanceof MissingCalendarYearError) || day === today) throw err;
  }
  return { open: false, text: lang === 'ru' ? 'Закрыто' : 'Closed' };
}
