import { useTranslation } from 'react-i18next';
import { Link, PageHeading, useDocumentTitle } from '../../common/ui.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'), t('app.titleSuffix'));
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
