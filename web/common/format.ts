// Dates and times are shown in Moscow time, the time of the service, with the zone named.
import { dictionary, type Lang } from './i18n.ts';

const formatters = new Map<Lang, Intl.DateTimeFormat>();

export function formatMoscow(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' });
    formatters.set(lang, f);
  }
  return `${f.format(date)} ${dictionary(lang).common.msk}`;
}

/** «04.01.2027» or «2027-01-04» as an ISO day; null when it is neither (the server checks that the date exists). */
export function parseDay(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

/** «2027-01-04» as «04.01.2027», the way dates are typed in the console's day lists. */
export function showDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
