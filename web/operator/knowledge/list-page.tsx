// The knowledge base in the console (supervisors and admins): every article whatever its state,
// with filters by state, kind, category and text (title or address), and pages.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { articleStates, type ArticleKind } from '../../../shared/contracts/knowledge.ts';
import { listArticlesForEditor, type ArticleState } from '../../common/kb-api.ts';
import { formatMoscow } from '../../common/format.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { useTaxonomy } from '../../common/use-taxonomy.ts';
import { Button, EmptyState, ErrorAlert, Link, Loading, PageHeading, Pagination, SelectField, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import './knowledge.css';

const pageSize = 20;
type Filters = { q: string; state: ArticleState | ''; kind: ArticleKind | ''; category: string };
const empty: Filters = { q: '', state: '', kind: '', category: '' };

export function StateBadge({ state }: { state: ArticleState }) {
  const { t } = useTranslation();
  return <span className={`status kb-state kb-state-${state}`}>{t(`kbEditor.states.${state}`)}</span>;
}

export function KnowledgeListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const taxonomy = useTaxonomy();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const [offset, setOffset] = useState(0);
  useDocumentTitle(t('kbEditor.title'), t('app.consoleTitleSuffix'));

  const list = useApiData(
    () =>
      listArticlesForEditor({
        q: filters.q || undefined,
        state: filters.state || undefined,
        kind: filters.kind || undefined,
        category: filters.category || undefined,
        limit: pageSize,
        offset,
      }),
    [filters, offset],
  );

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFilters({ ...draft, q: draft.q.trim() });
    setOffset(0);
  };
  const reset = () => {
    setDraft(empty);
    setFilters(empty);
    setOffset(0);
  };

  return (
    <>
      <PageHeading>{t('kbEditor.title')}</PageHeading>
      <p>{t('kbEditor.intro')}</p>
      <div className="toolbar">
        <Link href="/knowledge/new" variant="primary">
          {t('kbEditor.create')}
        </Link>
        <Link href="/knowledge/synonyms" variant="secondary">
          {t('kbEditor.synonymsTitle')}
        </Link>
      </div>
      {notice && <SuccessMessage>{notice}</SuccessMessage>}

      <form className="filters" onSubmit={apply} aria-label={t('common.filters')}>
        <TextField name="q" type="search" label={t('kbEditor.q')} value={draft.q} onChange={(q) => setDraft({ ...draft, q })} />
        <SelectField<ArticleState>
          id="kb-state"
          label={t('kbEditor.fields.state')}
          value={draft.state}
          onChange={(state) => setDraft({ ...draft, state })}
          options={[{ value: '', label: t('kbEditor.allStates') }, ...articleStates.map((s) => ({ value: s, label: t(`kbEditor.states.${s}`) }))]}
        />
        <SelectField
          id="kb-kind"
          label={t('kbEditor.fields.kind')}
          value={draft.kind}
          onChange={(kind) => setDraft({ ...draft, kind: kind as ArticleKind | '' })}
          options={[{ value: '', label: t('kbEditor.allKinds') }, ...taxonomy.kinds.map((k) => ({ value: k.code, label: k.label }))]}
        />
        <SelectField
          id="kb-category"
          label={t('kbEditor.fields.category')}
          value={draft.category}
          onChange={(category) => setDraft({ ...draft, category })}
          options={[{ value: '', label: t('kbEditor.allCategories') }, ...taxonomy.categories.map((k) => ({ value: k.code, label: k.label }))]}
        />
        <div className="filters-actions">
          <Button type="submit">{t('kbEditor.apply')}</Button>
          <Button variant="quiet" onPress={reset}>
            {t('kbEditor.reset')}
          </Button>
        </div>
      </form>

      <div aria-busy={list.loading}>
        {list.loading && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 && !list.loading && <EmptyState>{t('kbEditor.empty')}</EmptyState>}
        {list.data && list.data.items.length > 0 && (
          <>
            <div className="table-wrap" role="region" aria-labelledby="kb-caption" tabIndex={0}>
              <table className="table">
                <caption id="kb-caption" className="visually-hidden">
                  {t('kbEditor.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('kbEditor.colTitle')}</th>
                    <th scope="col">{t('kbEditor.colKind')}</th>
                    <th scope="col">{t('kbEditor.colCategory')}</th>
                    <th scope="col">{t('kbEditor.colState')}</th>
                    <th scope="col">{t('kbEditor.colUpdated')}</th>
                    <th scope="col">{t('kbEditor.colRevision')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link href={`/knowledge/${a.id}`}>{a.title}</Link>
                        <span className="cell-note cell-break">{a.slug}</span>
                      </th>
                      <td>{taxonomy.kind(a.kind)}</td>
                      <td>{taxonomy.category(a.category)}</td>
                      <td>
                        <StateBadge state={a.state} />
                      </td>
                      <td>{formatMoscow(a.updatedAt, lang)}</td>
                      <td>{a.revision}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination offset={offset} limit={pageSize} total={list.data.total} onChange={setOffset} />
          </>
        )}
      </div>
    </>
  );
}
