// «Центры обслуживания»: search by address words and postcode with the «open now» filter; each
// centre with its status, distance from the postcode, map links and a link to its page (queue).
// The filters live in the address (?q=&postcode=&openNow=1&page=), so a search can be shared.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { searchCentres, type Centre } from '../../common/centres-api.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, EmptyState, ErrorAlert, Link, Loading, PageHeading, Pagination, TextField, useDocumentTitle } from '../../common/ui.tsx';
import './centres.css';

const pageSize = 20;

export function MapLinks({ centre }: { centre: Centre }) {
  const { t } = useTranslation();
  return (
    <p className="centre-maps">
      <a href={centre.mapLinks.openStreetMap} target="_blank" rel="noopener noreferrer" className="link">
        {t('centres.mapOsm')} <span className="visually-hidden">{t('centres.opensInNewTab')}</span>
      </a>
      <a href={centre.mapLinks.yandex} target="_blank" rel="noopener noreferrer" className="link">
        {t('centres.mapYandex')} <span className="visually-hidden">{t('centres.opensInNewTab')}</span>
      </a>
    </p>
  );
}

export function CentreStatus({ centre }: { centre: Centre }) {
  return <p className={centre.status.open ? 'centre-status is-open' : 'centre-status is-closed'}>{centre.status.text}</p>;
}

export function SampleMark() {
  const { t } = useTranslation();
  return (
    <span className="badge centre-sample" title={t('centres.sampleNote')}>
      {t('centres.sample')}
    </span>
  );
}

export function CentresPage() {
  const { t } = useTranslation();
  const title = t('centres.title');
  useDocumentTitle(title, t('app.titleSuffix'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const postcode = params.get('postcode') ?? '';
  const openNow = params.get('openNow') === '1';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState({ q, postcode, openNow });

  const result = useApiData(() => searchCentres({ q: q || undefined, postcode: postcode || undefined, openNow, page }), [q, postcode, openNow, page]);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.postcode.trim()) next.set('postcode', draft.postcode.trim());
    if (draft.openNow) next.set('openNow', '1');
    setParams(next);
  };
  const reset = () => {
    setDraft({ q: '', postcode: '', openNow: false });
    setParams(new URLSearchParams());
  };
  const toPage = (offset: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(Math.floor(offset / pageSize) + 1));
    setParams(next);
  };

  const data = result.data;
  return (
    <div className="help-page centres-page">
      <PageHeading>{title}</PageHeading>
      <p className="lead">{t('centres.intro')}</p>
      <form className="filters centres-filters" onSubmit={apply} aria-label={t('common.filters')}>
        <TextField label={t('centres.searchLabel')} name="q" value={draft.q} onChange={(v) => setDraft({ ...draft, q: v })} placeholder={t('centres.searchPlaceholder')} className="centres-q" />
        <TextField label={t('centres.postcodeLabel')} description={t('centres.postcodeDescription')} name="postcode" value={draft.postcode} onChange={(v) => setDraft({ ...draft, postcode: v })} inputMode="numeric" maxLength={6} className="centres-postcode" />
        <div className="field centres-open-now">
          <input id="centres-open-now" type="checkbox" checked={draft.openNow} onChange={(e) => setDraft({ ...draft, openNow: e.target.checked })} />
          <label htmlFor="centres-open-now">{t('centres.openNow')}</label>
        </div>
        <div className="filters-actions">
          <Button type="submit">{t('centres.search')}</Button>
          <Button variant="quiet" onPress={reset}>
            {t('centres.reset')}
          </Button>
        </div>
      </form>

      <section aria-labelledby="centres-results-title" aria-busy={result.loading}>
        <h2 id="centres-results-title" className="visually-hidden">
          {t('centres.resultsLabel')}
        </h2>
        {result.loading && <Loading />}
        <ErrorAlert error={result.error} />
        {data && !result.loading && (
          <div role="status" className="centres-summary">
            <p>{t('centres.found', { count: data.total })}</p>
            {data.understood && <p>{t('centres.understood', { q: data.understood })}</p>}
            {data.postcode && <p>{t(data.postcode.match === 'exact' ? 'centres.postcodeExact' : 'centres.postcodeNearest', { postcode })}</p>}
          </div>
        )}
        {data && data.items.length === 0 && !result.loading && <EmptyState>{t('centres.empty')}</EmptyState>}
        {data && data.items.length > 0 && (
          <>
            <ul className="centre-list">
              {data.items.map((c) => (
                <li key={c.id} className="centre-card">
                  <h3 className="centre-name">
                    <Link href={`/centres/${c.id}`}>{c.name}</Link> {c.sample && <SampleMark />}
                  </h3>
                  <p className="centre-address">
                    {c.address}, {c.postcode}
                  </p>
                  <CentreStatus centre={c} />
                  {c.distanceKm !== undefined && <p className="centre-distance">{t('centres.distance', { km: c.distanceKm.toLocaleString() })}</p>}
                  <MapLinks centre={c} />
                </li>
              ))}
            </ul>
            <Pagination offset={(page - 1) * pageSize} limit={pageSize} total={data.total} onChange={toPage} />
          </>
        )}
      </section>
    </div>
  );
}
