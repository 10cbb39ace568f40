// «Мои обращения» (/account/requests): the citizen's requests, newest first, with a status filter,
// search by number (or a part of it) and pages. Filters and the page live in the address, so the
// back button and a shared link keep them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { requestStatuses } from '../../../shared/contracts/requests.ts';
import { formatMoscow } from '../../common/format.ts';
import { listMyRequests, normalizeNumberQuery, type RequestStatus } from '../../common/requests-api.ts';
import { OverdueBadge, StatusBadge, isStatus } from '../../common/requests/request-parts.tsx';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, EmptyState, ErrorAlert, Link, Loading, PageHeading, Pagination, SelectField, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { MyLettersSection } from './my-letters-section.tsx';
import '../../common/requests/requests.css';

const pageSize = 10;

export function MyRequestsPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  useDocumentTitle(t('requests.list.title'), t('app.titleSuffix'));
  if (state.status === 'anonymous') return <Navigate to="/login?next=%2Faccount%2Frequests" replace />;
  return (
    <>
      <PageHeading>{t('requests.list.title')}</PageHeading>
      <p>{t('requests.list.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'signed-in' && <RequestList />}
      {state.status === 'signed-in' && <MyLettersSection />}
    </>
  );
}

function RequestList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: RequestStatus | '' = isStatus(statusParam) ? statusParam : '';
  const q = params.get('q') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [draft, setDraft] = useState({ status, q });
  const list = useApiData(() => listMyRequests({ status: status || undefined, q: q || undefined, limit: pageSize, offset }), [status, q, offset]);

  const go = (next: { status: RequestStatus | ''; q: string; offset: number }) => {
    const p = new URLSearchParams();
    if (next.status) p.set('status', next.status);
    if (next.q) p.set('q', next.q);
    if (next.offset) p.set('offset', String(next.offset));
    setParams(p);
  };
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const query = draft.q.trim() ? normalizeNumberQuery(draft.q) : '';
    setDraft({ ...draft, q: query });
    go({ status: draft.status, q: query, offset: 0 });
  };
  const reset = () => {
    setDraft({ status: '', q: '' });
    go({ status: '', q: '', offset: 0 });
  };
  const filtered = Boolean(status || q);

  return (
    <>
      <div className="toolbar">
        <Link href="/help/feedback" variant="primary">
          {t('requests.list.create')}
        </Link>
      </div>
      <form className="filters" onSubmit={apply} aria-label={t('common.filters')}>
        <SelectField<RequestStatus>
          id="my-requests-status"
          label={t('requests.list.status')}
          value={draft.status}
          onChange={(s) => setDraft({ ...draft, status: s })}
          options={[{ value: '', label: t('requests.list.allStatuses') }, ...requestStatuses.map((s) => ({ value: s, label: t(`requests.statuses.${s}`) }))]}
        />
        <TextField name="q" type="search" label={t('requests.list.q')} description={t('requests.list.qHint')} value={draft.q} onChange={(v) => setDraft({ ...draft, q: v })} maxLength={40} />
        <div className="filters-actions">
          <Button type="submit">{t('requests.list.apply')}</Button>
          <Button variant="quiet" onPress={reset}>
            {t('requests.list.reset')}
          </Button>
        </div>
      </form>

      <div aria-busy={list.loading}>
        {list.loading && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 && !list.loading && (
          <EmptyState>
            {filtered ? t('requests.list.emptyFiltered') : t('requests.list.empty')}{' '}
            {!filtered && <Link href="/help/feedback">{t('requests.list.createFirst')}</Link>}
          </EmptyState>
        )}
        {list.data && list.data.items.length > 0 && (
          <>
            <div className="table-wrap" role="region" aria-labelledby="my-requests-caption" tabIndex={0}>
              <table className="table">
                <caption id="my-requests-caption" className="visually-hidden">
                  {t('requests.list.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('requests.list.colNumber')}</th>
                    <th scope="col">{t('requests.list.colType')}</th>
                    <th scope="col">{t('requests.list.colStatus')}</th>
                    <th scope="col">{t('requests.list.colCreated')}</th>
                    <th scope="col">{t('requests.list.colDue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((r) => (
                    <tr key={r.number} data-testid="my-request-row">
                      <th scope="row">
                        <Link href={`/account/requests/${encodeURIComponent(r.number)}`}>{r.number}</Link>
                        <span className="cell-note cell-break">{r.description.length > 90 ? `${r.description.slice(0, 90)}…` : r.description}</span>
                      </th>
                      <td>{t(`requests.types.${r.type}`)}</td>
                      <td>
                        <StatusBadge status={r.status} />
                        {r.overdue && <OverdueBadge />}
                      </td>
                      <td className="nowrap">{formatMoscow(r.createdAt, lang)}</td>
                      <td className="nowrap">{formatMoscow(r.dueAt, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination offset={offset} limit={pageSize} total={list.data.total} onChange={(o) => go({ status, q, offset: o })} />
          </>
        )}
      </div>
    </>
  );
}
