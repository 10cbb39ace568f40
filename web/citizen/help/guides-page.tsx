// «Инструкции и видеоруководства»: the published instructions by category and the video guides
// (GET /api/kb/articles?kind=…); a search box that searches the instructions only.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { listPublished } from '../../common/kb-api.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { useTaxonomy } from '../../common/use-taxonomy.ts';
import { Button, EmptyState, ErrorAlert, Link, Loading, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { faqSearchHref, groupByCategory } from './faq-page.tsx';
import { HelpSearchBox } from './search-box.tsx';
import './help.css';

const limit = 100;

export function GuidesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const taxonomy = useTaxonomy();
  const title = t('help.sections.guides.title');
  useDocumentTitle(title, t('app.titleSuffix'));
  const [query, setQuery] = useState('');
  const instructions = useApiData(() => listPublished({ kind: 'instruction', limit, offset: 0 }), []);
  const videos = useApiData(() => listPublished({ kind: 'video_guide', limit, offset: 0 }), []);

  const search = (e?: FormEvent) => {
    e?.preventDefault();
    const q = query.trim();
    if (q) void navigate(faqSearchHref(q, { kind: 'instruction' }));
  };

  return (
    <div className="help-page">
      <PageHeading>{title}</PageHeading>
      <p className="lead">{t('help.guides.intro')}</p>
      <form role="search" className="search-form help-search-form" onSubmit={search} aria-label={t('help.guides.searchLabel')}>
        <HelpSearchBox
          label={t('help.guides.searchLabel')}
          placeholder={t('help.guides.searchPlaceholder')}
          suggestionsLabel={t('help.search.suggestions')}
          value={query}
          onChange={setQuery}
          onSubmit={search}
        />
        <Button type="submit">{t('help.search.submit')}</Button>
      </form>

      <section aria-labelledby="instructions-title" aria-busy={instructions.loading}>
        <h2 id="instructions-title">{t('help.guides.instructions')}</h2>
        {instructions.loading && <Loading />}
        <ErrorAlert error={instructions.error} />
        {instructions.data && !instructions.loading && instructions.data.items.length === 0 && <EmptyState>{t('help.guides.noInstructions')}</EmptyState>}
        {groupByCategory(instructions.data?.items ?? [], taxonomy).map((g) => (
          <section key={g.code} className="browse-group" aria-labelledby={`guides-${g.code}`}>
            <h3 id={`guides-${g.code}`}>{g.label}</h3>
            <ul className="browse-list">
              {g.items.map((a) => (
                <li key={a.id}>
                  <Link href={`/help/articles/${a.slug}`}>{a.title}</Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {instructions.data && instructions.data.total > limit && (
          <p>
            <Link href={faqSearchHref('', { kind: 'instruction' })}>{t('help.guides.allInstructions', { total: instructions.data.total })}</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="videos-title" aria-busy={videos.loading}>
        <h2 id="videos-title">{t('help.guides.videos')}</h2>
        {videos.loading && <Loading />}
        <ErrorAlert error={videos.error} />
        {videos.data && !videos.loading && videos.data.items.length === 0 && <p className="empty-state">{t('help.guides.noVideos')}</p>}
        {videos.data && videos.data.items.length > 0 && (
          <ul className="browse-list">
            {videos.data.items.map((a) => (
              <li key={a.id}>
                <Link href={`/help/articles/${a.slug}`}>{a.title}</Link> <span className="badge kind-badge">{taxonomy.category(a.category)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
