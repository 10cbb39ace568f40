// «Мои чаты» in the account (/account/chat, /account/chat/:id): the citizen's past conversations
// and the chosen one full-page — readable, and open to continue (a message to a closed one reopens
// it with the bot).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { listMyConversations, type MyConversation } from '../../common/chat/chat-api.ts';
import { ChatClient } from '../../common/chat/chat-client.ts';
import { useLiveChat } from '../../common/chat/use-chat.ts';
import { formatMoscow } from '../../common/format.ts';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { EmptyState, ErrorAlert, Link, Loading, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { useCitizenChat } from './chat-provider.tsx';
import { ChatView } from './chat-view.tsx';

const states = ['bot', 'waiting', 'operator', 'closed'] as const;
type KnownState = (typeof states)[number];
const isKnownState = (s: string): s is KnownState => (states as readonly string[]).includes(s);

export function AccountChatPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const { id } = useParams();
  useDocumentTitle(t('chat.history.title'), t('app.titleSuffix'));
  if (state.status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(id ? `/account/chat/${id}` : '/account/chat')}`} replace />;
  return (
    <>
      <PageHeading>{t('chat.history.title')}</PageHeading>
      <p>{t('chat.history.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'signed-in' && <History selectedId={id ?? null} />}
    </>
  );
}

function History({ selectedId }: { selectedId: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const chat = useCitizenChat();
  const list = useApiData(listMyConversations, []);

  return (
    <div className="chat-history">
      <nav aria-label={t('chat.history.listLabel')}>
        {list.loading && !list.data && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.length === 0 && <EmptyState>{t('chat.history.empty')}</EmptyState>}
        {list.data && list.data.length > 0 && (
          <ul className="chat-history-list">
            {list.data.map((c) => (
              <li key={c.id}>
                <HistoryItem c={c} lang={lang} selected={c.id === selectedId} current={c.id === chat.client.conversationId} />
              </li>
            ))}
          </ul>
        )}
        <p className="aside-text">
          <Link href="/help/chat" variant="secondary">
            {t('chat.history.newChat')}
          </Link>
        </p>
      </nav>
      <section aria-labelledby="chat-history-selected">
        {selectedId ? (
          <>
            <h2 id="chat-history-selected">{t('chat.title')}</h2>
            <SelectedConversation id={selectedId} />
          </>
        ) : (
          <>
            <h2 id="chat-history-selected" className="visually-hidden">
              {t('chat.title')}
            </h2>
            <p className="empty-state">{t('chat.history.selectHint')}</p>
          </>
        )}
      </section>
    </div>
  );
}

function HistoryItem({ c, lang, selected, current }: { c: MyConversation; lang: 'ru' | 'en'; selected: boolean; current: boolean }) {
  const { t } = useTranslation();
  return (
    <Link href={`/account/chat/${c.id}`} className="chat-history-item" aria-current={selected ? 'page' : undefined}>
      <span className="chat-history-meta">
        {t('chat.history.started', { date: formatMoscow(c.createdAt, lang) })}
        {' · '}
        {isKnownState(c.state) ? t(`chat.history.states.${c.state}`) : c.state}
        {current && ` · ${t('chat.history.current')}`}
      </span>
      <span className="chat-history-preview">{c.preview ?? t('chat.history.noPreview')}</span>
      <span className="chat-history-meta">{t('chat.history.last', { date: formatMoscow(c.lastMessageAt, lang) })}</span>
    </Link>
  );
}

function SelectedConversation({ id }: { id: string }) {
  const chat = useCitizenChat();
  const isCurrent = chat.client.conversationId === id;
  // another conversation of the account: its own client, with the session cookie (no token)
  const other = useMemo(() => (isCurrent ? null : new ChatClient({ role: 'citizen', conversationId: id })), [id, isCurrent]);
  useLiveChat(other);
  return <ChatView key={id} client={other ?? chat.client} variant="page" isCurrent={isCurrent} />;
}
