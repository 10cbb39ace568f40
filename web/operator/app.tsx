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
import { KnowledgeEditPage, KnowledgeNewPage } from './knowledge/editor-page.tsx';
import { KnowledgeListPage } from './knowledge/list-page.tsx';
import { SynonymsPage } from './knowledge/synonyms-page.tsx';
import { OutboxPage } from './pages/outbox.tsx';
import { ConversationPage } from './chat/conversation-page.tsx';
import { QueuePage } from './chat/queue-page.tsx';
import { UsersPage } from './pages/users.tsx';
import { CentresConsolePage } from './centres/centres-console-page.tsx';
import { CentreEditorPage } from './centres/centre-editor-page.tsx';
import { CallbacksPage } from './callbacks/callbacks-page.tsx';
import { CalendarPage } from './calendar/calendar-page.tsx';
import { ChannelsPage } from './channels/channels-page.tsx';
import { LettersPage } from './letters/letters-page.tsx';
import { RequestQueuePage } from './requests/queue-page.tsx';
import { StaffRequestPage } from './requests/request-page.tsx';
import { SlaPage } from './requests/sla-page.tsx';
import { canOpen, type ConsoleSection } from './sections.ts';
import { ConsoleShell, useStaff } from './shell.tsx';

function Guard({ section, children }: { section: ConsoleSection['id']; children: ReactNode }) {
  const me = useStaff();
  return canOpen(me.role, section) ? children : <ForbiddenPage />;
}

/** A page only admins use inside a section others share (the centre editor in «Центры»). */
function AdminOnly({ children }: { children: ReactNode }) {
  return useStaff().role === 'admin' ? children : <ForbiddenPage />;
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
                <Route path="queue" element={<Guard section="queue"><QueuePage /></Guard>} />
                <Route path="queue/:id" element={<Guard section="queue"><ConversationPage /></Guard>} />
                <Route path="requests" element={<Guard section="requests"><RequestQueuePage /></Guard>} />
                <Route path="requests/settings" element={<Guard section="requests"><SlaPage /></Guard>} />
                <Route path="requests/:number" element={<Guard section="requests"><StaffRequestPage /></Guard>} />
                <Route path="knowledge" element={<Guard section="knowledge"><KnowledgeListPage /></Guard>} />
                <Route path="knowledge/new" element={<Guard section="knowledge"><KnowledgeNewPage /></Guard>} />
                <Route path="knowledge/synonyms" element={<Guard section="knowledge"><SynonymsPage /></Guard>} />
                <Route path="knowledge/:id" element={<Guard section="knowledge"><KnowledgeEditPage /></Guard>} />
                <Route path="centres" element={<Guard section="centres"><CentresConsolePage /></Guard>} />
                <Route path="centres/new" element={<Guard section="centres"><AdminOnly><CentreEditorPage /></AdminOnly></Guard>} />
                <Route path="centres/:id" element={<Guard section="centres"><AdminOnly><CentreEditorPage /></AdminOnly></Guard>} />
                <Route path="letters" element={<Guard section="letters"><LettersPage /></Guard>} />
                <Route path="callbacks" element={<Guard section="callbacks"><CallbacksPage /></Guard>} />
                <Route path="channels" element={<Guard section="channels"><ChannelsPage /></Guard>} />
                <Route path="calendar" element={<Guard section="calendar"><CalendarPage /></Guard>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </AriaRouter>
        </BrowserRouter>
      </SessionProvider>
    </I18nextProvider>
  );
}
