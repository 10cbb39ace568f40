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
