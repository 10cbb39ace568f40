// The visitor's ticket, live: the number, the place in the queue and the estimated wait, then the
// desk to go to once the clerk calls it. Updates come over Server-Sent Events (polling when the
// stream is down); the ticket's random id in the address is the only key to it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ticketSchema } from '../../../shared/contracts/centres.ts';
import { cancelTicket, fetchTicket, ticketEventsUrl, type Ticket } from '../../common/centres-api.ts';
import { toApiError, type ApiError } from '../../common/api.ts';
import { useLive } from '../../common/use-live.ts';
import { Button, ErrorAlert, Link, Loading, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import './centres.css';

export function TicketPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('centres.ticketPageTitle'), t('app.titleSuffix'));
  const ticket = useLive<Ticket>({
    url: id ? ticketEventsUrl(id) : null,
    load: () => fetchTicket(id),
    parse: (data) => {
      const r = ticketSchema.safeParse(data);
      return r.success ? r.data : null;
    },
  });
  const [cancelError, setCancelError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const data = ticket.data;

  const cancel = async () => {
    setPending(true);
    try {
      await cancelTicket(id);
      ticket.set({ ...(data as Ticket), status: 'cancelled', position: null, estimatedMinutes: null });
    } catch (err) {
      setCancelError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="help-page ticket-page">
      <PageHeading>{data ? t('centres.ticketTitle', { number: data.number }) : t('centres.ticketPageTitle')}</PageHeading>
      {!data && !ticket.error && <Loading />}
      <ErrorAlert error={ticket.error} />
      {data && (
        <div className="card ticket-card">
          <p className="ticket-number" aria-hidden="true">
            {data.number}
          </p>
          <div role="status" aria-live="polite" className="ticket-state" data-testid="ticket-state">
            <p className={`ticket-status status-${data.status}`}>{t(`centres.status.${data.status}`)}</p>
            {data.status === 'called' && data.desk && <p className="ticket-called">{t('centres.calledTo', { desk: data.desk })}</p>}
            {data.status === 'waiting' && data.position !== null && (
              <>
                <p>{data.position === 1 ? t('centres.youAreNext') : t('centres.position', { count: data.position - 1 })}</p>
                <p>{data.estimatedMinutes ? t('centres.estimate', { minutes: data.estimatedMinutes }) : t('centres.estimateNow')}</p>
              </>
            )}
          </div>
          <p>
            {t('centres.ticketCentre')}: <Link href={`/centres/${data.centre.id}`}>{data.centre.name}</Link>, {data.centre.address}
          </p>
          <p>
            {t('centres.ticketService')}: {data.service}
          </p>
          <p className="ticket-live">{ticket.live ? t('centres.live') : t('centres.reconnecting')}</p>
          <p>{t('centres.keepLink')}</p>
          {data.status === 'waiting' && (
            <Button variant="secondary" onPress={() => void cancel()} isPending={pending}>
              {t('centres.cancel')}
            </Button>
          )}
          <ErrorAlert error={cancelError} />
        </div>
      )}
    </div>
  );
}
