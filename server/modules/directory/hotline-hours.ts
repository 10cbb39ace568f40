// "Open now / opens at" from a weekly schedule, holiday hours and the official calendar, in
// Moscow time. Opening minutes are inclusive, closing minutes exclusive.
import type { WeeklySchedule } from '../../../shared/contracts/directory.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';
import { moscowDay, nextDay, type OfficialCalendar } from '../calendar/index.ts';

type Interval = { open: string; close: string };
export type HotlineStatus = { open: boolean; closesAt?: string; opensAt?: string; reason?: 'holiday' | 'weekend' | 'after_hours' | 'before_hours'; text: string };

const TZ = 'Europe/Moscow';

/** "+03:00" for Moscow at that instant, read from the time-zone database rather than assumed. */
function offsetAt(instant: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName');
  const m = /GMT([+-]\d{2}:\d{2})/.exec(part?.value ?? '');
  return m?.[1] ?? '+00:00';
}

export function moscowInstant(day: string, hhmm: string): Date {
  const guess = new Date(`${day}T${hhmm}:00Z`);
  return new Date(`${day}T${hhmm}:00${offsetAt(guess)}`);
}

function moscowTime(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

function isoWeekday(day: string): string {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return String(d === 0 ? 7 : d);
}

export function intervalFor(day: string, schedule: WeeklySchedule, cal: OfficialCalendar): Interval | null {
  if (cal.isHoliday(day)) return schedule.holiday;
  return schedule.days[isoWeekday(day) as keyof WeeklySchedule['days']] ?? null;
}

function dayWords(day: string, today: string, lang: Lang): string {
  if (day === today) return lang === 'ru' ? 'сегодня' : 'today';
  if (day === nextDay(today)) return lang === 'ru' ? 'завтра' : 'tomorrow';
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00Z`));
}

export function hotlineStatus(at: Date, schedule: WeeklySchedule, cal: OfficialCalendar, lang: Lang = 'ru'): HotlineStatus {
  const today = moscowDay(at);
  const now = moscowTime(at);
  const msk = lang === 'ru' ? 'МСК' : 'Moscow time';
  const todays = intervalFor(today, schedule, cal);
  if (todays && todays.open <= now && now < todays.close) {
    return {
      open: true,
      closesAt: moscowInstant(today, todays.close).toISOString(),
      text: lang === 'ru' ? `Открыто сейчас, до ${todays.close} (${msk})` : `Open now, until ${todays.close} (${msk})`,
    };
  }
  let reason: HotlineStatus['reason'];
  if (cal.isHoliday(today)) reason = 'holiday';
  else if (!todays) reason = 'weekend';
  else reason = now < todays.open ? 'before_hours' : 'after_hours';
  let day = today;
  for (let i = 0; i < 15; i++) {
    const interval = intervalFor(day, schedule, cal);
    if (interval && (day !== today || now < interval.open)) {
      const when = `${dayWords(day, today, lang)} ${lang === 'ru' ? 'в' : 'at'} ${interval.open}`;
      return {
        open: false,
        opensAt: moscowInstant(day, interval.open).toISOString(),
        reason,
        text: lang === 'ru' ? `Закрыто, откроется ${when} (${msk})` : `Closed, opens ${when} (${msk})`,
      };
    }
    day = nextDay(day);
  }
  return { open: false, reason, text: lang === 'ru' ? 'Закрыто' : 'Closed' };
}
