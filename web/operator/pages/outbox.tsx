// Outgoing notifications (admin): what the system sent by e-mail and SMS, with delivery status.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listOutbox, type Notification, type NotificationChannel, type NotificationStatus } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import type { Lang } from '../../common/i18n.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, EmptyState, ErrorAlert, Loading, PageHeading, Pagination, SelectField, useDocumentTitle } from '../../common/ui.tsx';

const pageSize = 20;
const channels: readonly NotificationChannel[] = ['email', 'sms'];
const statuses: readonly NotificationStatus[] = ['queued', 'sending', 'sent', 'failed'];

type Filters = { channel: NotificationChannel | ''; status: NotificationStatus | '' };
const noFilters: Filters = { channel: '', status: '' };

export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [offset, setOffset] = useState(0);
  useDocumentTitle(t('console.outbox.title'), t('app.consoleTitleSuffix'));

  const outbox = useApiData(() => listOutbox({ channel: filters.channel || undefined, status: filters.status || undefined, limit: pageSize, offset }), [filters, offset]);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFilters(draft);
    setOffset(0);
  };
  const reset = () => {
    setDraft(noFilters);
    setFilters(noFilters);
    setOffset(0);
  };

  return (
    <>
      <PageHeading>{t('console.outbox.title')}</PageHeading>
      <p>{t('console.outbox.intro')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('common.filters')}>
        <SelectField
          id="outbox-channel"
          name="channel"
          label={t('console.outbox.channel')}
          value={draft.channel}
          onChange={(channel) => setDraft({ ...draft, channel })}
          options={[{ value: '', label: t('console.outbox.allChannels') }, ...channels.map((c) => ({ value: c, label: t(`console.outbox.channels.${c}`) }))]}
        />
        <SelectField
          id="outbox-status"
          name="status"
          label={t('console.outbox.status')}
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          options={[{ value: '', label: t('console.outbox.allStatuses') }, ...statuses.map((s) => ({ value: s, label: t(`console.outbox.statuses.${s}`) }))]}
        />
        <div className="filters-actions">
          <Button type="submit">{t('console.outbox.apply')}</Button>
          <Button variant="quiet" onPress={reset}>
            {t('console.outbox.reset')}
          </Button>
        </div>
      </form>

      <div aria-busy={outbox.loading}>
        {outbox.loading && <Loading />}
        <ErrorAlert error={outbox.error} />
        {outbox.data && outbox.data.items.length === 0 && !outbox.loading && <EmptyState>{t('console.outbox.empty')}</EmptyState>}
        {outbox.data && outbox.data.items.length > 0 && (
          <>
            <div className="table-wrap" role="region" aria-labelledby="outbox-caption" tabIndex={0}>
              <table className="table">
                <caption id="outbox-caption" className="visually-hidden">
                  {t('console.outbox.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.outbox.colCreated')}</th>
                    <th scope="col">{t('console.outbox.colChannel')}</th>
                    <th scope="col">{t('console.outbox.colRecipient')}</th>
                    <th scope="col">{t('console.outbox.colMessage')}</th>
                    <th scope="col">{t('console.outbox.colStatus')}</th>
                    <th scope="col">{t('console.outbox.colAttempts')}</th>
                    <th scope="col">{t('console.outbox.colSentAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {outbox.data.items.map((n) => (
                    <OutboxRow key={n.id} n={n} lang={lang} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination offset={offset} limit={pageSize} total={outbox.data.total} onChange={setOffset} />
          </>
        )}
      </div>
    </>
  );
}

function OutboxRow({ n, lang }: { n: Notification; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td className="nowrap">{formatMoscow(n.createdAt, lang)}</td>
      <td>{t(`console.outbox.channels.${n.channel}`)}</td>
      <td className="cell-break">{n.recipient}</td>
      <td className="cell-message">
        <span className="cell-subject">{n.subject ?? (n.channel === 'email' ? t('console.outbox.noSubject') : '')}</span>
        <details className="message-body">
          <summary>{t('console.outbox.showBody')}</summary>
          <pre>{n.body}</pre>
        </details>
        <span className="cell-note">{t('console.outbox.transport', { transport: n.transport })}</span>
        {n.lastError && <span className="cell-note cell-error">{t('console.outbox.lastError', { error: n.lastError })}</span>}
      </td>
      <td>
        <span className={`status status-${n.status}`}>{t(`console.outbox.statuses.${n.status}`)}</span>
      </td>
      <td>{n.attempts}</td>
      <td className="nowrap">{formatMoscow(n.sentAt, lang)}</td>
    </tr>
  );
}
