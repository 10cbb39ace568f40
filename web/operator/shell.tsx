// The console's frame: header with the signed-in staff member and sign-out, role-aware side
// navigation, the main region. Pages inside get the staff member from useStaff().
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import type { Me } from '../common/api.ts';
import { useSession } from '../common/session.tsx';
import { Button, ErrorAlert, LanguageSwitch, Link, Loading, PageHeading, SkipLink, useDocumentTitle, useFocusOnNavigate } from '../common/ui.tsx';
import { sectionsFor, upcomingSections } from './sections.ts';

const StaffContext = createContext<Me | null>(null);

export function useStaff(): Me {
  const me = useContext(StaffContext);
  if (!me) throw new Error('useStaff outside the console shell');
  return me;
}

export function ConsoleFrame({ user, nav, children }: { user?: ReactNode; nav?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  useFocusOnNavigate();
  return (
    <div className="page console">
      <SkipLink />
      <header className="site-header console-header">
        <div className="header-inner console-header-inner">
          <Link href="/" className="logo">
            <span className="logo-mark" aria-hidden="true" />
            <span className="logo-text">{t('app.consoleName')}</span>
          </Link>
          <div className="header-actions">
            {user}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <div className={nav ? 'console-body' : 'console-body console-body-single'}>
        {nav}
        <main id="main" tabIndex={-1} className="site-main console-main">
          {children}
        </main>
      </div>
      <footer className="site-footer">
        <div className="footer-inner">
          <p>{t('common.footer')}</p>
        </div>
      </footer>
    </div>
  );
}

function UserArea({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  return (
    <div className="account-area">
      <span className="account-name">
        {me.name}
        <span className="account-role">{t(`roles.${me.role}`)}</span>
      </span>
      <Button
        variant="secondary"
        onPress={() => {
          // the shell sends a signed-out visitor to the sign-in page
          void signOut();
        }}
      >
        {t('auth.signOut')}
      </Button>
    </div>
  );
}

function SideNav({ me }: { me: Me }) {
  const { t } = useTranslation();
  const upcoming = upcomingSections.filter((s) => s.roles.includes(me.role));
  return (
    <nav className="side-nav" aria-label={t('console.nav.label')}>
      <ul>
        {sectionsFor(me.role).map((s) => (
          <li key={s.id}>
            <NavLink to={s.path} end={s.path === '/'} className={({ isActive }) => (isActive ? 'nav-item active' : 'nav-item')}>
              {t(`console.nav.${s.id}`)}
            </NavLink>
          </li>
        ))}
        {upcoming.map((s) => (
          <li key={s.id}>
            <span className="nav-item nav-item-soon" aria-disabled="true">
              {t(`console.nav.${s.id}`)} <span className="badge">{t('console.nav.soon')}</span>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NoAccess() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  useDocumentTitle(t('console.noAccess.title'), t('app.consoleTitleSuffix'));
  return (
    <div className="narrow">
      <PageHeading>{t('console.noAccess.title')}</PageHeading>
      <p>{t('console.noAccess.text')}</p>
      <div className="form-actions">
        {/* the portal is another app: a full page load */}
        <a className="btn btn-primary" href="/account">
          {t('console.noAccess.toPortal')}
        </a>
        <Button variant="secondary" onPress={() => void signOut()}>
          {t('auth.signOut')}
        </Button>
      </div>
    </div>
  );
}

export function ConsoleShell() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const { state } = session;

  if (state.status === 'anonymous') {
    // after an explicit sign-out the next person starts at the home page, not where this one was
    return <Navigate to="/login" replace state={state.reason === 'signed-out' ? undefined : { from: location.pathname }} />;
  }
  if (state.status === 'loading') {
    return (
      <ConsoleFrame>
        <Loading />
      </ConsoleFrame>
    );
  }
  if (state.status === 'error') {
    return (
      <ConsoleFrame>
        <PageHeading>{t('app.consoleName')}</PageHeading>
        <ErrorAlert error={state.error} />
        <Button variant="secondary" onPress={() => void session.refresh()}>
          {t('common.retry')}
        </Button>
      </ConsoleFrame>
    );
  }
  const { me } = state;
  if (me.role === 'citizen') {
    return (
      <ConsoleFrame user={<UserArea me={me} />}>
        <NoAccess />
      </ConsoleFrame>
    );
  }
  return (
    <StaffContext.Provider value={me}>
      <ConsoleFrame user={<UserArea me={me} />} nav={<SideNav me={me} />}>
        <Outlet />
      </ConsoleFrame>
    </StaffContext.Provider>
  );
}
