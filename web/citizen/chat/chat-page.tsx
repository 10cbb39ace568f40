// «Онлайн-чат» from the help menu (/help/chat): the same conversation as the widget, full-page.
import { useTranslation } from 'react-i18next';
import { useSession } from '../../common/session.tsx';
import { Link, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { useCitizenChat } from './chat-provider.tsx';
import { ChatView } from './chat-view.tsx';

export function ChatPage() {
  const { t } = useTranslation();
  const chat = useCitizenChat();
  const session = useSession();
  useDocumentTitle(t('chat.page.title'), t('app.titleSuffix'));
  const citizen = session.state.status === 'signed-in' && session.state.me.role === 'citizen';
  return (
    <article className="help-section chat-page">
      <PageHeading>{t('chat.page.title')}</PageHeading>
      <p className="lead">{t('chat.page.intro')}</p>
      {citizen && (
        <p>
          <Link href="/account/chat">{t('chat.page.history')}</Link>
        </p>
      )}
      <ChatView client={chat.client} variant="page" isCurrent />
    </article>
  );
}
