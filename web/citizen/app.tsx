// The citizen portal: routes under `/`. The server sends citizen.html for every path that is not
// /api or /operator, so the router decides what is a page and what is not found.
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { i18n } from '../common/i18n.ts';
import { SessionProvider } from '../common/session.tsx';
import { AriaRouter } from '../common/ui.tsx';
import { AccountChatPage } from './chat/account-chat-page.tsx';
import { ChatPage } from './chat/chat-page.tsx';
import { CitizenLayout } from './layout.tsx';
import { AccountPage } from './pages/account.tsx';
import { ArticlePage } from './help/article-page.tsx';
import { ContactsPage } from './help/contacts-page.tsx';
import { CallbackPage } from './callbacks/callback-page.tsx';
import { CentrePage } from './centres/centre-page.tsx';
import { CentresPage } from './centres/centres-page.tsx';
import { TicketPage } from './centres/ticket-page.tsx';
import { FaqPage } from './help/faq-page.tsx';
import { GuidesPage } from './help/guides-page.tsx';
import { HelpSectionPage } from './pages/help-section.tsx';
import { HomePage } from './pages/home.tsx';
import { LoginPage } from './pages/login.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { RecoveryPage } from './pages/recovery.tsx';
import { RegisterPage } from './pages/register.tsx';
import { FeedbackPage } from './requests/feedback-page.tsx';
import { MyRequestsPage } from './requests/my-requests-page.tsx';
import { RequestPage } from './requests/request-page.tsx';
import { TrackRequestPage } from './requests/track-page.tsx';

export function CitizenApp() {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionProvider>
        <BrowserRouter>
          <AriaRouter>
            <Routes>
              <Route element={<CitizenLayout />}>
                <Route index element={<HomePage />} />
                <Route path="help/faq" element={<FaqPage />} />
                <Route path="help/guides" element={<GuidesPage />} />
                <Route path="help/contacts" element={<ContactsPage />} />
                <Route path="help/callback" element={<CallbackPage />} />
                <Route path="centres" element={<CentresPage />} />
                <Route path="centres/ticket/:id" element={<TicketPage />} />
                <Route path="centres/:id" element={<CentrePage />} />
                <Route path="help/feedback" element={<FeedbackPage />} />
                <Route path="help/articles/:slug" element={<ArticlePage />} />
                <Route path="help/:section" element={<HelpSectionPage />} />
                <Route path="register" element={<RegisterPage />} />
                <Route path="login" element={<LoginPage />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="help/chat" element={<ChatPage />} />
                <Route path="account/chat" element={<AccountChatPage />} />
                <Route path="account/chat/:id" element={<AccountChatPage />} />
                <Route path="account/requests" element={<MyRequestsPage />} />
                <Route path="account/requests/:number" element={<RequestPage />} />
                <Route path="requests/track/:token" element={<TrackRequestPage />} />
                <Route path="recovery" element={<RecoveryPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </AriaRouter>
        </BrowserRouter>
      </SessionProvider>
    </I18nextProvider>
  );
}
