// Console home: greeting, the role, and the sections this role may open.
import { useTranslation } from 'react-i18next';
import { Link, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { sectionsFor } from '../sections.ts';
import { useStaff } from '../shell.tsx';

export function ConsoleHomePage() {
  const { t } = useTranslation();
  const me = useStaff();
  useDocumentTitle(t('console.home.title'), t('app.consoleTitleSuffix'));
  const sections = sectionsFor(me.role).filter((s) => s.id !== 'home');
  return (
    <>
      <PageHeading>{t('console.home.title')}</PageHeading>
      <p className="lead">{t('console.home.greeting', { name: me.name })}</p>
      <p>{t('console.home.role', { role: t(`roles.${me.role}`) })}</p>
      <section aria-labelledby="home-sections">
        <h2 id="home-sections">{t('console.home.sections')}</h2>
        {sections.length === 0 ? (
          <p className="empty-state">{t('console.home.nothingYet')}</p>
        ) : (
          <ul className="tiles">
            {sections.map((s) => (
              <li key={s.id} className="tile">
                <Link href={s.path} className="tile-link">
                  <span className="tile-title">{t(`console.nav.${s.id}`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
