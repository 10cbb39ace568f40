// A «Помощь» section. Later issues fill them; until then each says plainly what will be here.
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Link, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { isHelpSection } from '../help-sections.ts';
import { NotFoundPage } from './not-found.tsx';

export function HelpSectionPage() {
  const { section } = useParams();
  if (!isHelpSection(section)) return <NotFoundPage />;
  return <Preparing section={section} />;
}

export function Preparing({ section }: { section: 'faq' | 'chat' | 'feedback' | 'contacts' | 'guides' }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = section === 'faq' ? params.get('q')?.trim() : undefined;
  const title = t(`help.sections.${section}.title`);
  useDocumentTitle(title, t('app.titleSuffix'));
  return (
    <article className="help-section">
      <PageHeading>{title}</PageHeading>
      <div className="notice" role="note">
        <p className="notice-title">{t('help.preparing')}</p>
        <p>{t(`help.sections.${section}.upcoming`)}</p>
        {q && <p>{t('help.searchedFor', { q })}</p>}
      </div>
      <p>
        <Link href="/">{t('help.backHome')}</Link>
      </p>
    </article>
  );
}
