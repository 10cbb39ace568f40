// The clerk console of a service centre: choose the centre you work at, follow today's queue live,
// call the next visitor to a desk, record served / did not come / needs follow-up, issue a ticket
// at the door. Supervisors and admins also see visits not resolved within a working day; admins
// find a centre to change or add one (centre-editor-page.tsx) and import centres from CSV or JSON.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { queueSchema } from '../../../shared/contracts/centres.ts';
import { toApiError, type ApiError } from '../../common/api.ts';
import {
  callNext,
  fetchQueue,
  fetchWorkplace,
  finishTicket,
  importCentresFile,
  listOverdue,
  queueEventsUrl,
  resolveVisit,
  searchCentres,
  setWorkplace,
  takeTicket,
  type ImportReport,
  type Queue,
  type QueueTicket,
  type Workplace,
} from '../../common/centres-api.ts';
import { formatMoscow } from '../../common/format.ts';
import type { Lang } from '../../common/i18n.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { useLive } from '../../common/use-live.ts';
import { Button, EmptyState, ErrorAlert, Link, Loading, PageHeading, Pagination, SelectField, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { useStaff } from '../shell.tsx';
import '../../citizen/centres/centres.css';

export function CentresConsolePage() {
  const { t } = useTranslation();
  const me = useStaff();
  useDocumentTitle(t('operatorCentres.title'), t('app.consoleTitleSuffix'));
  const workplace = useApiData(fetchWorkplace, []);
  const [changing, setChanging] = useState(false);
  const place = workplace.data?.centre ?? null;

  return (
    <>
      <PageHeading>{t('operatorCentres.title')}</PageHeading>
      <p>{t('operatorCentres.intro')}</p>
      {workplace.loading && <Loading />}
      <ErrorAlert error={workplace.error} />
      {workplace.data && (place && !changing ? (
        <>
          <p className="clerk-workplace">
            {t('operatorCentres.workplace')}: <strong>{place.name}</strong>{' '}
            <Button variant="quiet" onPress={() => setChanging(true)}>
              {t('operatorCentres.change')}
            </Button>
          </p>
          <QueuePanel centre={place} />
        </>
      ) : (
        <WorkplacePicker
          onChosen={() => {
            setChanging(false);
            workplace.reload();
          }}
        />
      ))}
      {(me.role === 'supervisor' || me.role === 'admin') && <OverduePanel />}
      {me.role === 'admin' && <ManagePanel />}
      {me.role === 'admin' && <ImportPanel />}
    </>
  );
}

const MANAGE_PAGE_SIZE = 10;

/** Admins: find a centre to change, or add one (centre-editor-page.tsx). */
function ManagePanel() {
  const { t } = useTranslation();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const found = useApiData(() => searchCentres({ q: query || undefined, page, pageSize: MANAGE_PAGE_SIZE }), [query, page]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPage(1);
    setQuery(q.trim());
  };
  return (
    <section aria-labelledby="manage-title" className="clerk-panel">
      <h2 id="manage-title">{t('centreEditor.manageTitle')}</h2>
      <p>{t('centreEditor.manageIntro')}</p>
      <div aria-live="polite">{notice && <SuccessMessage>{notice}</SuccessMessage>}</div>
      <p>
        <Link href="/centres/new" variant="secondary">
          {t('centreEditor.add')}
        </Link>
      </p>
      <form className="clerk-bar" onSubmit={submit} role="search" aria-label={t('centreEditor.search')}>
        <TextField label={t('centreEditor.search')} description={t('centreEditor.searchHint')} value={q} onChange={setQ} />
        <Button type="submit" variant="secondary">
          {t('centreEditor.find')}
        </Button>
      </form>
      <div aria-busy={found.loading}>
        {found.loading && !found.data && <Loading />}
        <ErrorAlert error={found.error} />
        {found.data && found.data.items.length === 0 && <EmptyState>{t('centreEditor.empty')}</EmptyState>}
        <ul className="centre-list" data-testid="manage-centres">
          {found.data?.items.map((c) => (
            <li key={c.id} className="centre-card">
              <p className="centre-name">{c.name}</p>
              <p className="centre-address">{c.address}</p>
              <Link href={`/centres/${c.id}`} aria-label={t('centreEditor.editCentre', { name: c.name })}>
                {t('centreEditor.edit')}
              </Link>
            </li>
          ))}
        </ul>
        {found.data && <Pagination offset={(found.data.page - 1) * found.data.pageSize} limit={found.data.pageSize} total={found.data.total} onChange={(offset) => setPage(Math.floor(offset / MANAGE_PAGE_SIZE) + 1)} />}
      </div>
    </section>
  );
}

function WorkplacePicker({ onChosen }: { onChosen(w: Workplace): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const found = useApiData(() => searchCentres({ q: query || undefined, page: 1 }), [query]);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setQuery(q);
  };
  return (
    <section aria-labelledby="workplace-title">
      <h2 id="workplace-title">{t('operatorCentres.chooseWorkplace')}</h2>
      <form className="clerk-bar" onSubmit={submit}>
        <TextField label={t('operatorCentres.findCentre')} value={q} onChange={setQ} placeholder={t('operatorCentres.findPlaceholder')} />
        <Button type="submit">{t('centres.search')}</Button>
      </form>
      {found.loading && <Loading />}
      <ErrorAlert error={found.error ?? error} />
      <ul className="centre-list">
        {found.data?.items.map((c) => (
          <li key={c.id} className="centre-card">
            <p className="centre-name">{c.name}</p>
            <p className="centre-address">{c.address}</p>
            <Button
              variant="secondary"
              onPress={() => {
                setWorkplace(c.id).then(onChosen, (err: unknown) => setError(toApiError(err)));
              }}
            >
              {t('operatorCentres.choose')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function QueuePanel({ centre }: { centre: { id: string; name: string; services: string[] } }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const queue = useLive<Queue>({
    url: queueEventsUrl(centre.id),
    load: () => fetchQueue(centre.id),
    parse: (data) => {
      const r = queueSchema.safeParse(data);
      return r.success ? r.data : null;
    },
  });
  const [desk, setDesk] = useState('1');
  const [service, setService] = useState('');
  const [issueService, setIssueService] = useState(centre.services[0] ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const act = async (key: string, fn: () => Promise<unknown>) => {
    setPending(key);
    setError(null);
    setNotice(null);
    try {
      await fn();
      queue.set(await fetchQueue(centre.id));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(null);
    }
  };
  const data = queue.data;

  return (
    <section aria-labelledby="queue-panel-title">
      <h2 id="queue-panel-title" className="visually-hidden">
        {t('operatorCentres.title')}
      </h2>
      <div className="clerk-bar">
        <TextField label={t('operatorCentres.desk')} value={desk} onChange={setDesk} maxLength={20} className="clerk-desk" />
        <SelectField
          id="clerk-service"
          label={t('operatorCentres.serviceFilter')}
          value={service}
          onChange={setService}
          options={[{ value: '', label: t('operatorCentres.anyService') }, ...centre.services.map((s) => ({ value: s, label: s }))]}
        />
        <Button onPress={() => void act('next', () => callNext(centre.id, { desk: desk.trim() || '1', service: service || undefined }))} isPending={pending === 'next'}>
          {t('operatorCentres.callNext')}
        </Button>
      </div>
      {centre.services.length > 0 && (
        <div className="clerk-bar">
          <SelectField id="clerk-issue-service" label={t('centres.serviceLabel')} value={issueService} onChange={setIssueService} options={centre.services.map((s) => ({ value: s, label: s }))} />
          <Button
            variant="secondary"
            isPending={pending === 'issue'}
            onPress={() =>
              void act('issue', async () => {
                const ticket = await takeTicket(centre.id, issueService);
                setTimeout(() => setNotice(t('operatorCentres.issued', { number: ticket.number })), 0);
              })
            }
          >
            {t('operatorCentres.issueTicket')}
          </Button>
        </div>
      )}
      <ErrorAlert error={error ?? queue.error} />
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      <p className="ticket-live">{queue.live ? t('operatorCentres.live') : t('centres.reconnecting')}</p>
      {!data && !queue.error && <Loading />}
      {data && (
        <>
          <p>{t('operatorCentres.average', { minutes: data.averageServiceMinutes })}</p>
          <TicketTable
            id="called"
            title={t('operatorCentres.called')}
            empty={t('operatorCentres.noneCalled')}
            rows={data.called}
            lang={lang}
            actions={(row) => (
              <div className="clerk-actions">
                <Button variant="primary" isPending={pending === `served-${row.id}`} onPress={() => void act(`served-${row.id}`, () => finishTicket(row.id, 'served'))}>
                  {t('operatorCentres.served')} <span className="visually-hidden">{row.number}</span>
                </Button>
                <Button variant="secondary" isPending={pending === `noshow-${row.id}`} onPress={() => void act(`noshow-${row.id}`, () => finishTicket(row.id, 'no_show'))}>
                  {t('operatorCentres.noShow')} <span className="visually-hidden">{row.number}</span>
                </Button>
                <Button variant="secondary" isPending={pending === `follow-${row.id}`} onPress={() => void act(`follow-${row.id}`, () => finishTicket(row.id, 'follow_up'))}>
                  {t('operatorCentres.followUp')} <span className="visually-hidden">{row.number}</span>
                </Button>
              </div>
            )}
          />
          <TicketTable id="waiting" title={t('operatorCentres.waiting')} empty={t('operatorCentres.noneWaiting')} rows={data.waiting} lang={lang} />
          <TicketTable id="finished" title={t('operatorCentres.finished')} empty={t('operatorCentres.noneFinished')} rows={data.finished} lang={lang} />
        </>
      )}
    </section>
  );
}

function TicketTable({ id, title, empty, rows, lang, actions }: { id: string; title: string; empty: string; rows: QueueTicket[]; lang: Lang; actions?: (row: QueueTicket) => React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`clerk-${id}`}>
      <h3 id={`clerk-${id}`}>
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={`clerk-${id}`} tabIndex={0}>
          <table className="table" data-testid={`clerk-${id}`}>
            <thead>
              <tr>
                <th scope="col">{t('operatorCentres.number')}</th>
                <th scope="col">{t('operatorCentres.service')}</th>
                <th scope="col">{t('operatorCentres.takenAt')}</th>
                <th scope="col">{t('operatorCentres.deskCol')}</th>
                <th scope="col">{t('operatorCentres.statusCol')}</th>
                {actions && <th scope="col">{t('operatorCentres.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.number}</th>
                  <td>{r.service}</td>
                  <td className="nowrap">{formatMoscow(r.createdAt, lang)}</td>
                  <td>{r.desk ?? '—'}</td>
                  <td>{t(`centres.status.${r.status}`)}</td>
                  {actions && <td>{actions(r)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OverduePanel() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const overdue = useApiData(listOverdue, []);
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <section aria-labelledby="overdue-title" className="clerk-overdue">
      <h2 id="overdue-title">{t('operatorCentres.overdueTitle')}</h2>
      <p>{t('operatorCentres.overdueIntro')}</p>
      {overdue.loading && <Loading />}
      <ErrorAlert error={overdue.error ?? error} />
      {overdue.data && overdue.data.items.length === 0 && <EmptyState>{t('operatorCentres.overdueEmpty')}</EmptyState>}
      {overdue.data && overdue.data.items.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="overdue-title" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('operatorCentres.number')}</th>
                <th scope="col">{t('operatorCentres.centre')}</th>
                <th scope="col">{t('operatorCentres.service')}</th>
                <th scope="col">{t('operatorCentres.statusCol')}</th>
                <th scope="col">{t('operatorCentres.due')}</th>
                <th scope="col">{t('operatorCentres.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {overdue.data.items.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.number}</th>
                  <td>{v.centre.name}</td>
                  <td>{v.service}</td>
                  <td>{t(`centres.status.${v.status}`)}</td>
                  <td className="nowrap">{formatMoscow(v.dueAt, lang)}</td>
                  <td>
                    <Button variant="secondary" onPress={() => resolveVisit(v.id).then(() => overdue.reload(), (err: unknown) => setError(toApiError(err)))}>
                      {t('operatorCentres.resolve')} <span className="visually-hidden">{v.number}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ImportPanel() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const run = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) return;
    setPending(true);
    setError(null);
    try {
      setReport(await importCentresFile(file));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <section aria-labelledby="import-title" className="clerk-import">
      <h2 id="import-title">{t('operatorCentres.importTitle')}</h2>
      <p>{t('operatorCentres.importIntro')}</p>
      <form className="clerk-bar" onSubmit={(e) => void run(e)}>
        <div className="field">
          <label htmlFor="import-file" className="field-label">
            {t('operatorCentres.importFile')}
          </label>
          <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <Button type="submit" isPending={pending} isDisabled={!file}>
          {t('operatorCentres.importRun')}
        </Button>
      </form>
      <ErrorAlert error={error} />
      {report && (
        <>
          <SuccessMessage>{t('operatorCentres.importDone', { total: report.total, created: report.created, updated: report.updated, rejected: new Set(report.rejected.map((r) => r.row)).size })}</SuccessMessage>
          {report.rejected.length > 0 && (
            <div className="table-wrap" role="region" aria-labelledby="import-title" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('operatorCentres.importRow')}</th>
                    <th scope="col">{t('operatorCentres.importField')}</th>
                    <th scope="col">{t('operatorCentres.importReason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rejected.map((r, i) => (
                    <tr key={`${r.row}-${r.field}-${i}`}>
                      <td>{r.row}</td>
                      <td>{r.field}</td>
                      <td>{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
