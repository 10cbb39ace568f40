// Page frame of the citizen portal: skip link, header with the «Помощь» menu and the account
// area, the main region, footer.
import { Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import { useSession } from '../common/session.tsx';
import { Button, LanguageSwitch, Link, SkipLink, useFocusOnNavigate } from '../common/ui.tsx';
import { ChatProvider } from './chat/chat-provider.tsx';
import { ChatWidget } from './chat/chat-widget.tsx';
import { helpSections } from './help-sections.ts';

function HelpMenu() {
  const { t } = useTranslation();
  return (
    <MenuTrigger>
      <Button variant="quiet" className="menu-trigger">
        {t('help.menu')}
        <span className="menu-caret" aria-hidden="true">
          ▾
        </span>
      </Button>
      <Popover className="popover" placement="bottom start" offset={4}>
        <Menu className="menu">
          {helpSections.map((id) => (
            <MenuItem key={id} id={id} href={`/help/${id}`} className="menu-item">
              {t(`help.sections.${id}.menu`)}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

/** «Мои обращения» for a signed-in citizen, next to the «Помощь» menu. */
function RequestsNavLink() {
  const { t } = useTranslation();
  const { state } = useSession();
  if (state.status !== 'signed-in' || state.me.role !== 'citizen') return null;
  return (
    <Link href="/account/requests" className="header-nav-link">
      {t('requests.list.accountLink')}
    </Link>
  );
}

function AccountArea() {
  const { t } = useTranslation();
  const { state, signOut } = useSession();
  const navigate = useNavigate();
  if (state.status === 'loading') return <div className="account-area" aria-hidden="true" />;
  if (state.status === 'signed-in') {
    return (
      <div className="account-area">
        <span className="account-name">{state.me.name}</span>
        <Link href="/account" variant="secondary">
          {t('auth.account')}
        </Link>
        <Button
          variant="quiet"
          onPress={() => {
            // leave the page first: a page that needs the session would otherwise send to sign-in
            void navigate('/');
            void signOut();
          }}
        >
          {t('auth.signOut')}
        </Button>
      </div>
    );
  }
  return (
    <div className="account-area">
      <Link href="/login" variant="secondary">
        {t('auth.signIn')}
      </Link>
      <Link href="/register" variant="primary">
        {t('auth.register')}
      </Link>
    </div>
  );
}

/** The chat (widget and full-page) keeps one conversation for the whole visit. */
export function CitizenLayout() {
  return (
    <ChatProvider>
      <PageFrame />
    </ChatProvider>
  );
}

function PageFrame() {
  const { t } = useTranslation();
  useFocusOnNavigate();
  return (
    <div className="page">
      <SkipLink />
      <header className="site-header">
        <div className="container header-inner">
          <Link href="/" className="logo">
            <span className="logo-mark" aria-hidden="true" />
            <span className="logo-text">{t('app.name')}</span>
          </Link>
          <nav className="header-nav" aria-label={t('common.mainNav')}>
            <HelpMenu />
            <RequestsNavLink />
          </nav>
          <div className="header-actions">
            <AccountArea />
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <div className="container">
          <Outlet />
        </div>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('common.footer')}</p>
        </div>
      </footer>
      <ChatWidget />
    </div>
  );
}
