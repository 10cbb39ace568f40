// «Часто задаваемые вопросы»: the help centre's search. The query and the filters live in the
// address (?q=&kind=&category=&service=&from=&to=&sort=&page=), so the home page's search box,
// links and the back button all work. Without a query the page lists the published questions by
// category (GET /api/kb/articles); with one it shows the search results with their snippets.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ArticleKind } from '../../../shared/contracts/knowledge.ts';
import { listPublished, searchKnowledge, type ArticleListItem, type SearchHit, type SearchSort } from '../../common/kb-api.ts';
import { formatMoscowDate } from '../../common/kb-format.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { useTaxonomy, type TaxonomyLabels } from '../../common/use-taxonomy.ts';
import { Button, DateField, EmptyState, ErrorAlert, Link, Loading, PageHeading, Pagination, SelectField, useDocumentTitle } from '../../common/ui.tsx';
import { HelpSearchBox } from './search-box.tsx';
import { Snippet } from './snippet.tsx';
import './help.css';

const pageSize = 10;
const browsePageSize = 100;
const filterKeys = ['kind', 'category', 'service', 'from', 'to', 'sort'] as const;
type FilterKey = (typeof filterKeys)[number];
type Filters = Record<FilterKey, string>;

function readFilters(params: URLSearchParams): Filters {
  const out = {} as Filters;
  for (const k of filterKeys) out[k] = params.get(k) ?? '';
  return out;
}

function readPage(params: URLSearchParams): number {
  const n = Number(params.get('page') ?? '1');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Lower case, ё → е, single spaces: to tell whether the search understood the query differently. */
function normalise(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

/** The address of a search with these settings. */
export function faqSearchHref(q: string, filters: Partial<Filters> = {}): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  for (const k of filterKeys) {
    const v = filters[k];
    if (v) p.set(k, v);
  }
  const s = p.toString();
  return s ? `/help/faq?${s}` : '/help/faq';
}

export function FaqPage() {
  const { t } = useTranslation();
  const taxonomy = useTaxonomy();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const filters = readFilters(params);
  const page = readPage(params);
  const [draft, setDraft] = useState(q);
  const title = t('help.sections.faq.title');
  useDocumentTitle(q ? `${q} — ${title}` : title, t('app.titleSuffix'));

  // the address changed (back button, a link): the box shows its query
  useEffect(() => setDraft(q), [q]);

  const update = (changes: Partial<Record<FilterKey | 'q' | 'page', string>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    update({ q: draft.trim() });
  };

  const anyFilter = filterKeys.some((k) => filters[k]);
  const resetFilters = () => update(Object.fromEntries(filterKeys.map((k) => [k, ''])));

  return (
    <div className="help-page">
      <PageHeading>{title}</PageHeading>
      <form role="search" className="search-form help-search-form" onSubmit={submit} aria-label={t('help.search.label')}>
        <HelpSearchBox
          label={t('help.search.label')}
          placeholder={t('help.search.placeholder')}
          suggestionsLabel={t('help.search.suggestions')}
          value={draft}
          onChange={setDraft}
          onSubmit={submit}
        />
        <Button type="submit">{t('help.search.submit')}</Button>
      </form>

      <section className="filters help-filters" aria-labelledby="help-filters-title">
        <h2 id="help-filters-title" className="visually-hidden">
          {t('help.search.filters')}
        </h2>
        <SelectField
          id="help-kind"
          label={t('help.search.kind')}
          value={filters.kind}
          onChange={(v) => update({ kind: v })}
          options={[{ value: '', label: t('help.search.allKinds') }, ...taxonomy.kinds.map((k) => ({ value: k.code, label: k.label }))]}
        />
        <SelectField
          id="help-category"
          label={t('help.search.category')}
          value={filters.category}
          onChange={(v) => update({ category: v })}
          options={[{ value: '', label: t('help.search.allCategories') }, ...taxonomy.categories.map((k) => ({ value: k.code, label: k.label }))]}
        />
        <SelectField
          id="help-service"
          label={t('help.search.service')}
          value={filters.service}
          onChange={(v) => update({ service: v })}
          options={[{ value: '', label: t('help.search.allServices') }, ...taxonomy.services.map((k) => ({ value: k.code, label: k.label }))]}
        />
        <DateField id="help-from" label={t('help.search.from')} value={filters.from} onChange={(v) => update({ from: v })} />
        <DateField id="help-to" label={t('help.search.to')} value={filters.to} onChange={(v) => update({ to: v })} />
        <SelectField<SearchSort>
          id="help-sort"
          label={t('help.search.sort')}
          value={(filters.sort as SearchSort | '') || 'relevance'}
          onChange={(v) => update({ sort: v === 'relevance' ? '' : v })}
          options={[
            { value: 'relevance', label: t('help.search.sortRelevance') },
            { value: 'date', label: t('help.search.sortDate') },
          ]}
        />
        {anyFilter && (
          <div className="filters-actions">
            <Button variant="quiet" onPress={resetFilters}>
              {t('help.search.resetFilters')}
            </Button>
          </div>
        )}
      </section>

      {q ? (
        <SearchResults q={q} filters={filters} page={page} taxonomy={taxonomy} onPage={(n) => update({ page: n > 1 ? String(n) : '' })} />
      ) : (
        <Browse filters={filters} page={page} taxonomy={taxonomy} onPage={(n) => update({ page: n > 1 ? String(n) : '' })} />
      )}
    </div>
  );
}

function HitMeta({ kind, category, publishedAt, taxonomy }: { kind: string; category: string; publishedAt: string | null; taxonomy: TaxonomyLabels }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <p className="search-hit-meta">
      <span className="badge kind-badge">{taxonomy.kind(kind)}</span>
      <span>{taxonomy.category(category)}</span>
      {publishedAt && <span>{t('help.search.published', { date: formatMoscowDate(publishedAt, lang) })}</span>}
    </p>
  );
}

function SearchResults({ q, filters, page, taxonomy, onPage }: { q: string; filters: Filters; page: number; taxonomy: TaxonomyLabels; onPage(page: number): void }) {
  const { t } = useTranslation();
  const offset = (page - 1) * pageSize;
  const result = useApiData(
    () =>
      searchKnowledge({
        q,
        kind: filters.kind || undefined,
        category: filters.category || undefined,
        service: filters.service || undefined,
        from: filters.from || undefined,
        to: filters.to || undefined,
        sort: filters.sort === 'date' ? 'date' : undefined,
        limit: pageSize,
        offset,
      }),
    [q, filters.kind, filters.category, filters.service, filters.from, filters.to, filters.sort, offset],
  );
  const data = result.error ? undefined : result.data;
  // another page of results: the reader goes back to the top of the list
  const turn = (o: number) => {
    onPage(Math.floor(o / pageSize) + 1);
    window.requestAnimationFrame(() => document.getElementById('results-title')?.focus());
  };
  const understood = data?.understood && normalise(data.understood) !== normalise(q) ? data.understood : null;

  return (
    <section className="search-results" aria-labelledby="results-title" aria-busy={result.loading}>
      <h2 id="results-title" tabIndex={-1}>
        {t('help.search.resultsTitle')}
      </h2>
      {result.loading && <Loading label={t('help.search.searching')} />}
      <ErrorAlert error={result.error} />
      {data && !result.loading && (
        <p role="status" className="search-summary">
          {t('help.search.found', { total: data.total, q })}
        </p>
      )}
      {understood && (
        <p className="did-you-mean">
          {t('help.search.didYouMean')}{' '}
          <Link href={faqSearchHref(understood, filters)}>{understood}</Link>
        </p>
      )}
      {data && data.items.length === 0 && !result.loading && <NothingFound />}
      {data && data.items.length > 0 && (
        <>
          <ol className="search-hits" start={offset + 1}>
            {data.items.map((hit) => (
              <SearchHitItem key={hit.id} hit={hit} taxonomy={taxonomy} />
            ))}
          </ol>
          <Pagination offset={offset} limit={pageSize} total={data.total} onChange={turn} />
        </>
      )}
    </section>
  );
}

function SearchHitItem({ hit, taxonomy }: { hit: SearchHit; taxonomy: TaxonomyLabels }) {
  return (
    <li className="search-hit">
      <h3 className="search-hit-title">
        <Link href={hit.url}>{hit.title}</Link>
      </h3>
      <HitMeta kind={hit.kind} category={hit.category} publishedAt={hit.publishedAt} taxonomy={taxonomy} />
      <Snippet snippet={hit.snippet} />
    </li>
  );
}

/** «Ничего не найдено»: the chat and the feedback form are the way on. */
export function NothingFound() {
  const { t } = useTranslation();
  return (
    <div className="nothing-found">
      <h3>{t('help.search.nothingTitle')}</h3>
      <p>{t('help.search.nothingText')}</p>
      <div className="form-actions">
        <Link href="/help/chat" variant="primary">
          {t('help.sections.chat.menu')}
        </Link>
        <Link href="/help/feedback" variant="secondary">
          {t('help.sections.feedback.menu')}
        </Link>
      </div>
    </div>
  );
}

/** Without a query: the published questions (or the chosen kind) by category. */
function Browse({ filters, page, taxonomy, onPage }: { filters: Filters; page: number; taxonomy: TaxonomyLabels; onPage(page: number): void }) {
  const { t } = useTranslation();
  const kind = (filters.kind || 'faq') as ArticleKind;
  const offset = (page - 1) * browsePageSize;
  const list = useApiData(() => listPublished({ kind, category: filters.category || undefined, limit: browsePageSize, offset }), [kind, filters.category, offset]);
  const groups = groupByCategory(list.data?.items ?? [], taxonomy);
  const heading = kind === 'faq' ? t('help.search.browseTitle') : t('help.search.browseKind', { kind: taxonomy.kind(kind) });

  return (
    <section className="help-browse" aria-labelledby="browse-title" aria-busy={list.loading}>
      <h2 id="browse-title">{heading}</h2>
      {(filters.service || filters.from || filters.to || filters.sort) && <p className="note">{t('help.search.browseFiltersNote')}</p>}
      {list.loading && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && !list.loading && list.data.items.length === 0 && <EmptyState>{t('help.search.browseEmpty')}</EmptyState>}
      {groups.map((g) => (
        <section key={g.code} className="browse-group" aria-labelledby={`browse-${g.code}`}>
          <h3 id={`browse-${g.code}`}>{g.label}</h3>
          <ul className="browse-list">
            {g.items.map((a) => (
              <li key={a.id}>
                <Link href={`/help/articles/${a.slug}`}>{a.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {list.data && list.data.total > browsePageSize && (
        <Pagination offset={offset} limit={browsePageSize} total={list.data.total} onChange={(o) => onPage(Math.floor(o / browsePageSize) + 1)} />
      )}
    </section>
  );
}

/** Articles grouped by category, in the taxonomy's order; titles sorted within a group. */
export function groupByCategory(items: ArticleListItem[], taxonomy: TaxonomyLabels): Array<{ code: string; label: string; items: ArticleListItem[] }> {
  const byCode = new Map<string, ArticleListItem[]>();
  for (const a of items) byCode.set(a.category, [...(byCode.get(a.category) ?? []), a]);
  const order = taxonomy.categories.map((c) => c.code);
  const codes = [...byCode.keys()].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
  });
  return codes.map((code) => ({
    code,
    label: taxonomy.category(code),
    items: (byCode.get(code) ?? []).slice().sort((a, b) => a.title.localeCompare(b.title, 'ru')),
  }));
}
