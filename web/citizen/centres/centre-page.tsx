// A centre's page: address, phone, hours (weekly, holidays, special days) in Moscow time, services,
// map links, and the electronic queue: choose a service and take a ticket.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { weekdayKeys } from '../../../shared/contracts/centres.ts';
import { fetchCentre, takeTicket, type Centre } from '../../common/centres-api.ts';
import { toApiError, type ApiError } from '../../common/api.ts';
import { formatDay } from '../../common/kb-format.ts';
import type { Lang } from '../../common/i18n.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, Details, ErrorAlert, Link, Loading, PageHeading, SelectField, useDocumentTitle } from '../../common/ui.tsx';
import { CentreStatus, MapLinks, SampleMark } from './centres-page.tsx';
import './centres.css';

const ticketKey = (centreId: string) => `svyaz.ticket.${centreId}`;

export function rememberTicket(centreId: string, ticketId: string): void {
  try {
    window.localStorage.setItem(ticketKey(centreId), ticketId);
  } catch {
    // private mode: the ticket's own address still works
  }
}

function rememberedTicket(centreId: string): string | null {
  try {
    return window.localStorage.getItem(ticketKey(centreId));
  } catch {
    return null;
  }
}

function weekdayName(day: number, lang: Lang): string {
  const name = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day, 12)));
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function CentrePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const centre = useApiData(() => fetchCentre(id), [id]);
  useDocumentTitle(centre.data?.name ?? t('centres.title'), t('app.titleSuffix'));

  return (
    <div className="help-page centre-page">
      <p>
        <Link href="/centres">{t('centres.backToSearch')}</Link>
      </p>
      {centre.loading && <Loading />}
      <ErrorAlert error={centre.error} />
      {centre.data && <CentreDetails centre={centre.data} />}
    </div>
  );
}

function CentreDetails({ centre }: { centre: Centre }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const hours = (i: { open: string; close: string } | null | undefined) => (i ? `${i.open}–${i.close}` : t('centres.closed'));
  return (
    <>
      <PageHeading>
        {centre.name} {centre.sample && <SampleMark />}
      </PageHeading>
      {centre.sample && <p className="centre-sample-note">{t('centres.sampleNote')}</p>}
      <CentreStatus centre={centre} />
      <Details
        items={[
          { label: t('centres.address'), value: centre.address },
          { label: t('centres.postcode'), value: centre.postcode },
          { label: t('centres.region'), value: centre.region },
          { label: t('centres.phone'), value: centre.phone ?? t('centres.noPhone') },
          { label: t('centres.services'), value: centre.services.join(', ') || '—' },
        ]}
      />
      <MapLinks centre={centre} />
      <QueueBlock centre={centre} />
      <div className="table-wrap" role="region" aria-labelledby="centre-hours-caption" tabIndex={0}>
        <table className="table">
          <caption id="centre-hours-caption" className="table-caption">
            {t('centres.hours')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('centres.day')}</th>
              <th scope="col">{t('centres.moscowHours')}</th>
            </tr>
          </thead>
          <tbody>
            {weekdayKeys.map((d) => (
              <tr key={d}>
                <th scope="row">{weekdayName(Number(d), lang)}</th>
                <td>{hours(centre.schedule.days[d])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('centres.holiday')}</th>
              <td>{hours(centre.schedule.holiday)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {centre.exceptions.length > 0 && (
        <section aria-labelledby="centre-exceptions">
          <h2 id="centre-exceptions">{t('centres.exceptions')}</h2>
          <ul>
            {centre.exceptions.map((e) => (
              <li key={e.date}>
                {formatDay(e.date, lang)} — {e.open && e.close ? `${e.open}–${e.close}` : t('centres.exceptionClosed')}
                {e.note ? ` (${e.note})` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function QueueBlock({ centre }: { centre: Centre }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const services = centre.services.length > 0 ? centre.services : [t('centres.services')];
  const [service, setService] = useState<string>(services[0] ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mine = rememberedTicket(centre.id);

  const take = async () => {
    setPending(true);
    setError(null);
    try {
      const ticket = await takeTicket(centre.id, service);
      rememberTicket(centre.id, ticket.id);
      void navigate(`/centres/ticket/${ticket.id}`);
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="queue-title" className="card centre-queue">
      <h2 id="queue-title">{t('centres.queueTitle')}</h2>
      <p>{t('centres.queueIntro')}</p>
      <div className="centre-queue-form">
        <SelectField id="queue-service" label={t('centres.serviceLabel')} value={service} onChange={(v) => setService(v)} options={services.map((s) => ({ value: s, label: s }))} />
        <Button onPress={() => void take()} isPending={pending}>
          {t('centres.takeTicket')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      {mine && (
        <p>
          <Link href={`/centres/ticket/${mine}`}>{t('centres.myTicket')}</Link>
        </p>
      )}
    </section>
  );
}
