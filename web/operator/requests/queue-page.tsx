// The request queue (/operator/requests): raised priority first, then oldest; filters by status,
// type, deadline (overdue or not), assignee (mine, unassigned, a colleague), service and the
// citizen's ЕНГ, all kept in the address; pages; overdue and escalated requests flagged.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { requestStatuses, requestTypes } from '../../../shared/contracts/requests.ts';
import { listChatOperators, type ChatOperator } from '../../common/chat/chat-api.ts';
import { formatMoscow } from '../../common/format.ts';
import { listStaffRequests, type RequestStatus, type RequestType, type StaffQuery } from '../../common/requests-api.ts';
import { StatusBadge, isStatus } from '../../common/requests/request-parts.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { useTaxonomy } from '../../common/use-taxonomy.ts';
import { Button, EmptyState, ErrorAlert, Link, Loading, PageHeading, Pagination, SelectField, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { useStaff } from '../shell.tsx';
import '../../common/requests/requests.css';

const pageSize = 20;
type Filters = { status: RequestStatus | ''; type: RequestType | ''; overdue: 'true' | 'false' | ''; assignee: string; service: string; eng: string };
const keys = ['status', 'type', 'overdue', 'assignee', 'service', 'eng'] as const;
const empty: Filters = { status: '', type: '', overdue: '', assignee: '', service: '', eng: '' };

function readFilters(p: URLSearchParams): Filters {
  const status = p.get('status');
  const type = p.get('type');
  const overdue = p.get('overdue');
  return {
    status: isStatus(status) ? status : '',
    type: (requestTypes as readonly string[]).includes(type ?? '') ? (type as RequestType) : '',
    overdue: overdue === 'true' || overdue === 'false' ? overdue : '',
    assignee: p.get('assignee') ?? '',
    service: p.get('service') ?? '',
    eng: p.get('eng') ?? '',
  };
}

/** Colleagues who can take requests, for the assignee filter and the names in the table. */
export function useOperators(): ChatOperator[] {
  const [operators, setOperators] = useState<ChatOperator[]>([]);
  useEffect(() => {
    let current = true;
    listChatOperators().then(
      (items) => current && setOperators(items),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return operators;
}

export function RequestQueuePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const me = useStaff();
  const taxonomy = useTaxonomy();
  const operators = useOperators();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [draft, setDraft] = useState<Filters>(filters);
  useDocumentTitle(t('operatorRequests.title'), t('app.consoleTitleSuffix'));

  const query: StaffQuery = { limit: pageSize, offset };
  for (const k of keys) if (filters[k]) (query as Record<string, unknown>)[k] = filters[k];
  const list = useApiData(() => listStaffRequests(query), [params.toString()]);

  const go = (f: Filters, o: number) => {
    const p = new URLSearchParams();
    for (const k of keys) if (f[k].trim()) p.set(k, f[k].trim());
    if (o) p.set('offset', String(o));
    setParams(p);
  };
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    go(draft, 0);
  };
  const reset = () => {
    setDraft(empty);
    go(empty, 0);
  };
  const assigneeName = (id: string | null | undefined) => {
    if (!id) return t('operatorRequests.unassigned');
    if (id === me.id) return t('operatorRequests.me');
    return operators.find((o) => o.id === id)?.name ?? t('operatorRequests.assigned');
  };

  return (
    <>
      <PageHeading>{t('operatorRequests.title')}</PageHeading>
      <p>
        {t('operatorRequests.intro')} <Link href="/requests/settings">{t('operatorRequests.sla.link')}</Link>
      </p>
      <form className="filters" onSubmit={apply} aria-label={t('common.filters')}>
        <SelectField<RequestStatus>
          id="rq-status"
          label={t('operatorRequests.status')}
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          options={[{ value: '', label: t('operatorRequests.allStatuses') }, ...requestStatuses.map((s) => ({ value: s, label: t(`requests.statuses.${s}`) }))]}
        />
        <SelectField<RequestType>
          id="rq-type"
          label={t('operatorRequests.type')}
          value={draft.type}
          onChange={(type) => setDraft({ ...draft, type })}
          options={[{ value: '', label: t('operatorRequests.allTypes') }, ...requestTypes.map((s) => ({ value: s, label: t(`requests.types.${s}`) }))]}
        />
        <SelectField<'true' | 'false'>
          id="rq-overdue"
          label={t('operatorRequests.deadline')}
          value={draft.overdue}
          onChange={(overdue) => setDraft({ ...draft, overdue })}
          options={[
            { value: '', label: t('operatorRequests.deadlineAny') },
            { value: 'true', label: t('operatorRequests.overdueOnly') },
            { value: 'false', label: t('operatorRequests.inTime') },
          ]}
        />
        <SelectField
          id="rq-assignee"
          label={t('operatorRequests.assignee')}
          value={draft.assignee}
          onChange={(assignee) => setDraft({ ...draft, assignee })}
          options={[
            { value: '', label: t('operatorRequests.assigneeAny') },
            { value: 'me', label: t('operatorRequests.assigneeMe') },
            { value: 'none', label: t('operatorRequests.assigneeNone') },
            ...operators.filter((o) => o.id !== me.id).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <SelectField
          id="rq-service"
          label={t('operatorRequests.service')}
          value={draft.service}
          onChange={(service) => setDraft({ ...draft, service })}
          options={[{ value: '', label: t('operatorRequests.allServices') }, ...taxonomy.services.map((s) => ({ value: s.code, label: s.label }))]}
        />
        <TextField name="eng" label={t('operatorRequests.eng')} value={draft.eng} onChange={(eng) => setDraft({ ...draft, eng })} maxLength={40} />
        <div className="filters-actions">
          <Button type="submit">{t('operatorRequests.apply')}</Button>
          <Button variant="quiet" onPress={reset}>
            {t('operatorRequests.reset')}
          </Button>
        </div>
      </form>

      <div aria-busy={list.loading}>
        {list.loading && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 && !list.loading && <EmptyState>{t('operatorRequests.empty')}</EmptyState>}
        {list.data && list.data.items.length > 0 && (
          <>
            <div className="table-wrap" role="region" aria-labelledby="rq-caption" tabIndex={0}>
              <table className="table">
                <caption id="rq-caption" className="visually-hidden">
                  {t('operatorRequests.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('operatorRequests.colNumber')}</th>
                    <th scope="col">{t('operatorRequests.colType')}</th>
                    <th scope="col">{t('operatorRequests.colStatus')}</th>
                    <th scope="col">{t('operatorRequests.colCitizen')}</th>
                    <th scope="col">{t('operatorRequests.colCreated')}</th>
                    <th scope="col">{t('operatorRequests.colDue')}</th>
                    <th scope="col">{t('operatorRequests.colAssignee')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((r) => (
                    <tr key={r.number} data-testid="request-row">
                      <th scope="row">
                        <Link href={`/requests/${encodeURIComponent(r.number)}`}>{r.number}</Link>
                        <span className="cell-note cell-break">{r.description.length > 80 ? `${r.description.slice(0, 80)}…` : r.description}</span>
                      </th>
                      <td>
                        {t(`requests.types.${r.type}`)}
                        {r.service && <span className="cell-note">{taxonomy.service(r.service)}</span>}
                      </td>
                      <td>
                        <StatusBadge status={r.status} />
                        {r.priority > 0 && <span className="badge">{t('operatorRequests.priority', { n: r.priority })}</span>}
                      </td>
                      <td>{r.eng ?? t('operatorRequests.noAccount')}</td>
                      <td className="nowrap">{formatMoscow(r.createdAt, lang)}</td>
                      <td>
                        <span className="nowrap">{formatMoscow(r.dueAt, lang)}</span>
                        {r.overdue && (
                          <span className="status request-overdue" data-testid="overdue-flag">
                            {t('operatorRequests.overdueFlag')}
                          </span>
                        )}
                        {r.escalated && <span className="badge">{t('operatorRequests.escalatedFlag')}</span>}
                      </td>
                      <td>{assigneeName(r.assigneeId)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination offset={offset} limit={pageSize} total={list.data.total} capped={list.data.totalCapped} onChange={(o) => go(filters, o)} />
          </>
        )}
      </div>
    </>
  );
}
