// Home: what the service is, a search box that leads to the FAQ, tiles for the help sections.
import { useState, type FormEvent } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Link, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { helpSections } from '../help-sections.ts';

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  useDocumentTitle(t('home.title'), t('app.titleSuffix'));

  const search = (e?: FormEvent) => {
    e?.preventDefault();
    const q = query.trim();
    void navigate(q ? `/help/faq?q=${encodeURIComponent(q)}` : '/help/faq');
  };

  return (
    <>
      <section className="hero">
        <PageHeading>{t('home.title')}</PageHeading>
        <p className="lead">{t('home.intro')}</p>
        <form role="search" className="search-form" onSubmit={search}>
          <SearchField className="field search-field" value={query} onChange={setQuery}>
            <Label className="field-label">{t('home.searchLabel')}</Label>
            <Input className="field-input" placeholder={t('home.searchPlaceholder')} />
          </SearchField>
          <Button type="submit">{t('home.searchButton')}</Button>
        </form>
      </section>
      <section aria-labelledby="sections-title">
        <h2 id="sections-title">{t('home.sectionsTitle')}</h2>
        <ul className="tiles">
          {helpSections.map((id) => (
            <li key={id} className="tile">
              <Link href={`/help/${id}`} className="tile-link">
                <span className="tile-title">{t(`help.sections.${id}.title`)}</span>
                <span className="tile-text">{t(`help.sections.${id}.summary`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
