// Audit log (admin): who did what and when, filtered by action and dates, in pages.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listAudit, type AuditEntry } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { dictionary, type Lang } from '../../common/i18n.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, DateField, EmptyState, ErrorAlert, Loading, PageHeading, Pagination, SelectField, useDocumentTitle } from '../../common/ui.tsx';

const pageSize = 20;

/** The label of an action code; a code this version does not know is shown as it is. */
export function auditActionLabel(action: string, lang: Lang): string {
  const labels: Record<string, string> = dictionary(lang).console.audit.actions;
  return Object.hasOwn(labels, action) ? (labels[action] ?? action) : action;
}

function roleLabel(role: string | null, lang: Lang): string | null {
  if (!role) return null;
  const labels: Record<string, string> = dictionary(lang).roles;
  return Object.hasOwn(labels, role) ? (labels[role] ?? role) : role;
}

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

type Filters = { action: string; from: string; to: string };
const noFilters: Filters = { action: '', from: '', to: '' };

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [offset, setOffset] = useState(0);
  useDocumentTitle(t('console.audit.title'), t('app.consoleTitleSuffix'));

  const audit = useApiData(
    () => listAudit({ action: filters.action || undefined, from: filters.from || undefined, to: filters.to || undefined, limit: pageSize, offset }),
    [filters, offset],
  );

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
  const actionOptions = Object.keys(dictionary(lang).console.audit.actions).map((code) => ({ value: code, label: auditActionLabel(code, lang) }));

  return (
    <>
      <PageHeading>{t('console.audit.title')}</PageHeading>
      <p>{t('console.audit.intro')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('common.filters')}>
        <SelectField
          id="audit-action"
          name="action"
          label={t('console.audit.action')}
          value={draft.action}
          onChange={(action) => setDraft({ ...draft, action })}
          options={[{ value: '', label: t('console.audit.allActions') }, ...actionOptions]}
        />
        <DateField id="audit-from" name="from" label={t('console.audit.from')} value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
        <DateField id="audit-to" name="to" label={t('console.audit.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        <div className="filters-actions">
          <Button type="submit">{t('console.audit.apply')}</Button>
          <Button variant="quiet" onPress={reset}>
            {t('console.audit.reset')}
          </Button>
        </div>
      </form>

      <div aria-busy={audit.loading}>
        {audit.loading && <Loading />}
        <ErrorAlert error={audit.error} />
        {audit.data && audit.data.items.length === 0 && !audit.loading && <EmptyState>{t('console.audit.empty')}</EmptyState>}
        {audit.data && audit.data.items.length > 0 && (
          <>
            <div className="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
              <table className="table">
                <caption id="audit-caption" className="visually-hidden">
                  {t('console.audit.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.audit.colAt')}</th>
                    <th scope="col">{t('console.audit.colAction')}</th>
                    <th scope="col">{t('console.audit.colActor')}</th>
                    <th scope="col">{t('console.audit.colSubject')}</th>
                    <th scope="col">{t('console.audit.colDetails')}</th>
                  </tr>
                </thead>
                <tbody>
                  {audit.data.items.map((entry) => (
                    <AuditRow key={entry.id} entry={entry} lang={lang} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination offset={offset} limit={pageSize} total={audit.data.total} onChange={setOffset} />
          </>
        )}
      </div>
    </>
  );
}

function AuditRow({ entry, lang }: { entry: AuditEntry; lang: Lang }) {
  const { t } = useTranslation();
  const role = roleLabel(entry.actorRole, lang);
  return (
    <tr>
      <td className="nowrap">{formatMoscow(entry.at, lang)}</td>
      <td>{auditActionLabel(entry.action, lang)}</td>
      <td>
        {entry.actorName ?? (entry.actorId ? '—' : t('console.audit.system'))}
        {role && <span className="cell-note">{role}</span>}
      </td>
      <td>{entry.subjectName ?? '—'}</td>
      <td className="cell-details">{detailsText(entry.details) || '—'}</td>
    </tr>
  );
}
