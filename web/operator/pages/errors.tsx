import { useTranslation } from 'react-i18next';
import { Link, PageHeading, useDocumentTitle } from '../../common/ui.tsx';

export function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('console.forbidden.title'), t('app.consoleTitleSuffix'));
  return (
    <>
      <PageHeading>{t('console.forbidden.title')}</PageHeading>
      <p>{t('console.forbidden.text')}</p>
      <p>
        <Link href="/">{t('console.nav.home')}</Link>
      </p>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'), t('app.consoleTitleSuffix'));
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/">{t('console.nav.home')}</Link>
      </p>
    </>
  );
}
