// The operator console: routes under /operator. Every page but the sign-in needs a staff session.
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { i18n } from '../common/i18n.ts';
import { SessionProvider } from '../common/session.tsx';
import { AriaRouter } from '../common/ui.tsx';
import { AuditPage } from './pages/audit.tsx';
import { CitizensPage } from './pages/citizens.tsx';
import { ForbiddenPage, NotFoundPage } from './pages/errors.tsx';
import { ConsoleHomePage } from './pages/home.tsx';
import { ConsoleLoginPage } from './pages/login.tsx';
import { OutboxPage } from './pages/outbox.tsx';
import { UsersPage } from './pages/users.tsx';
import { canOpen, type ConsoleSection } from './sections.ts';
import { ConsoleShell, useStaff } from './shell.tsx';

function Guard({ section, children }: { section: ConsoleSection['id']; children: ReactNode }) {
  const me = useStaff();
  return canOpen(me.role, section) ? children : <ForbiddenPage />;
}

export function OperatorApp() {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionProvider>
        <BrowserRouter basename="/operator">
          <AriaRouter>
            <Routes>
              <Route path="login" element={<ConsoleLoginPage />} />
              <Route element={<ConsoleShell />}>
                <Route index element={<ConsoleHomePage />} />
                <Route path="citizens" element={<Guard section="citizens"><CitizensPage /></Guard>} />
                <Route path="users" element={<Guard section="users"><UsersPage /></Guard>} />
                <Route path="audit" element={<Guard section="audit"><AuditPage /></Guard>} />
                <Route path="outbox" element={<Guard section="outbox"><OutboxPage /></Guard>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </AriaRouter>
        </BrowserRouter>
      </SessionProvider>
    </I18nextProvider>
  );
}
