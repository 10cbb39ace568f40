// «Контактные телефоны»: the phone lines by caller status, the hotline's live status («Открыто
// сейчас, до 20:00 (МСК)», as the server words it), its weekly and holiday hours in Moscow time —
// with the visitor's own time beside when their zone differs — and the schedule notices.
// Everything here is data that staff edit; nothing is a constant of the page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../common/i18n.ts';
import { fetchHotline, fetchHotlineStatus, listPhoneLines, type Hotline, type PhoneLine } from '../../common/kb-api.ts';
import { clockTime, formatDay, utcLabel, zoneOffsetMinutes } from '../../common/kb-format.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { ErrorAlert, Link, Loading, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import './help.css';

const moscow = 'Europe/Moscow';
const audiences = ['citizens', 'foreign'] as const;
const weekdays = ['1', '2', '3', '4', '5', '6', '7'] as const;

function visitorZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || moscow;
  } catch {
    return moscow;
  }
}

/** A tel: address: digits and a leading +. */
export function telHref(number: string): string {
  const plus = number.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${number.replace(/\D/g, '')}`;
}

/** Monday = 1 … Sunday = 7, in the interface language («Понедельник»). */
function weekdayName(day: number, lang: Lang): string {
  // 1 January 2024 was a Monday
  const name = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day, 12)));
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The current minute, refreshed every 30 seconds. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

export function ContactsPage() {
  const { t } = useTranslation();
  const title = t('help.sections.contacts.title');
  useDocumentTitle(title, t('app.titleSuffix'));
  const phones = useApiData(listPhoneLines, []);

  return (
    <div className="help-page contacts-page">
      <PageHeading>{title}</PageHeading>
      <p className="lead">{t('help.contacts.intro')}</p>
      <section aria-labelledby="lines-title" aria-busy={phones.loading}>
        <h2 id="lines-title">{t('help.contacts.linesTitle')}</h2>
        {phones.loading && <Loading />}
        <ErrorAlert error={phones.error} />
        {phones.data &&
          audiences.map((audience) => {
            const lines = phones.data?.filter((p) => p.audience === audience) ?? [];
            if (lines.length === 0) return null;
            return (
              <section key={audience} aria-labelledby={`audience-${audience}`} className="phone-group">
                <h3 id={`audience-${audience}`}>{t(`help.contacts.audiences.${audience}`)}</h3>
                <ul className="phone-lines">
                  {lines.map((line) => (
                    <PhoneLineCard key={line.id} line={line} />
                  ))}
                </ul>
              </section>
            );
          })}
      </section>
      <HotlineBlock />
      <p className="contacts-callback">
        <Link href="/help/callback">{t('letters.callback.contactsLink')}</Link>
      </p>
      <p className="contacts-centres">
        <Link href="/centres">{t('centres.contactsLink')}</Link>
      </p>
    </div>
  );
}

function PhoneLineCard({ line }: { line: PhoneLine }) {
  const { t } = useTranslation();
  return (
    <li className="phone-line">
      <a className="phone-number" href={telHref(line.number)}>
        {line.number}
      </a>
      <p className="phone-purpose">{line.purpose}</p>
      <p className="phone-schedule">{line.schedule ?? t('help.contacts.noSchedule')}</p>
      {line.free && <p className="phone-free">{t('help.contacts.free')}</p>}
      {line.notes && <p className="phone-notes">{line.notes}</p>}
    </li>
  );
}

function HotlineBlock() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const now = useNow();
  const hotline = useApiData(fetchHotline, []);
  // asked again as the minutes pass, so «open now» turns into «opens at» without a reload
  const minute = Math.floor(now.getTime() / 60_000);
  const status = useApiData(fetchHotlineStatus, [lang, Math.floor(minute / 5)]);
  const zone = visitorZone();
  const offset = zoneOffsetMinutes(zone, now);
  const differs = offset !== zoneOffsetMinutes(moscow, now);

  return (
    <section aria-labelledby="hotline-title" className="card hotline">
      <h2 id="hotline-title">{t('help.contacts.hotline')}</h2>
      {status.data ? (
        <p className={status.data.open ? 'hotline-status is-open' : 'hotline-status is-closed'} data-testid="hotline-status">
          {status.data.text}
        </p>
      ) : status.loading ? (
        <Loading />
      ) : null}
      <ErrorAlert error={status.error} />
      <p className="hotline-clock">
        {differs
          ? t('help.contacts.localTime', { local: clockTime(now, zone, lang), zone: `${utcLabel(offset)}, ${zone}`, moscow: clockTime(now, moscow, lang) })
          : t('help.contacts.moscowTime', { moscow: clockTime(now, moscow, lang) })}
      </p>
      {hotline.loading && <Loading />}
      <ErrorAlert error={hotline.error} />
      {hotline.data && <ScheduleTable hotline={hotline.data} localOffset={differs ? offset : null} lang={lang} />}
      {hotline.data && <Notices hotline={hotline.data} lang={lang} />}
    </section>
  );
}

function ScheduleTable({ hotline, localOffset, lang }: { hotline: Hotline; localOffset: number | null; lang: Lang }) {
  const { t } = useTranslation();
  const shift = localOffset === null ? 0 : localOffset - 180;

  const toLocal = (hhmm: string): string => {
    const [h = 0, m = 0] = hhmm.split(':').map(Number);
    const total = h * 60 + m + shift;
    const day = Math.floor(total / 1440);
    const within = ((total % 1440) + 1440) % 1440;
    const text = `${String(Math.floor(within / 60)).padStart(2, '0')}:${String(within % 60).padStart(2, '0')}`;
    return day < 0 ? `${text} ${t('help.contacts.prevDay')}` : day > 0 ? `${text} ${t('help.contacts.nextDay')}` : text;
  };
  const hours = (i: { open: string; close: string } | null | undefined) => (i ? `${i.open}–${i.close}` : t('help.contacts.closed'));
  const localHours = (i: { open: string; close: string } | null | undefined) => (i ? `${toLocal(i.open)}–${toLocal(i.close)}` : t('help.contacts.closed'));

  const rows: Array<{ key: string; label: string; interval: { open: string; close: string } | null | undefined }> = [
    ...weekdays.map((d) => ({ key: d, label: weekdayName(Number(d), lang), interval: hotline.schedule.days[d] })),
    { key: 'holiday', label: t('help.contacts.holiday'), interval: hotline.schedule.holiday },
  ];

  return (
    <div className="table-wrap hotline-table" role="region" aria-labelledby="hours-caption" tabIndex={0}>
      <table className="table">
        <caption id="hours-caption" className="table-caption">
          {t('help.contacts.hours')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('help.contacts.day')}</th>
            <th scope="col">{t('help.contacts.moscowHours')}</th>
            {localOffset !== null && <th scope="col">{t('help.contacts.localHours', { zone: utcLabel(localOffset) })}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{hours(r.interval)}</td>
              {localOffset !== null && <td>{localHours(r.interval)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Notices({ hotline, lang }: { hotline: Hotline; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="notices-title" className="hotline-notices">
      <h3 id="notices-title">{t('help.contacts.notices')}</h3>
      {hotline.notices.length === 0 ? (
        <p>{t('help.contacts.noNotices')}</p>
      ) : (
        <ul>
          {hotline.notices.map((n) => (
            <li key={n.id}>
              <span className="notice-date">{formatDay(n.publishedOn, lang)}</span> — {n.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
