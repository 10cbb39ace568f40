// «История» under a conversation: the citizen's other conversations on every channel, newest first,
// each with its latest messages and a link to the whole conversation; «Показать ещё» loads the next
// page and moves focus to the first conversation it added.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../common/api.ts';
import { ChatMessageList } from '../../common/chat/chat-messages.tsx';
import { formatMoscow } from '../../common/format.ts';
import { fetchHistory, type HistoryConversation, type HistorySource } from '../../common/identities-api.ts';
import { useSession } from '../../common/session.tsx';
import { Button, EmptyState, ErrorAlert, Link, Loading } from '../../common/ui.tsx';
import { ChannelBadge, channelLabel } from './channel-badge.tsx';
import { stateLabel } from './queue-labels.ts';

const PAGE_SIZE = 5;

export function HistorySection(props: {
  /** under a conversation: the citizen's others; on a request's page: the citizen's by ЕНГ */
  source: HistorySource;
  /** changes when the conversation's citizen may have changed */
  version: number;
  myName: string;
  citizenName: string | null;
}) {
  const { source, version, myName, citizenName } = props;
  const byEng = 'eng' in source;
  const sourceKey = byEng ? `eng:${source.eng}` : `conversation:${source.conversationId}`;
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const { t } = useTranslation();
  const { expire } = useSession();
  const [items, setItems] = useState<HistoryConversation[]>([]);
  const [citizenId, setCitizenId] = useState<string | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'more' | 'idle'>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const focusId = useRef<string | null>(null);

  const fail = useCallback(
    (err: unknown) => {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setError(e);
    },
    [expire],
  );

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    setError(null);
    fetchHistory(sourceRef.current, { limit: PAGE_SIZE })
      .then((page) => {
        if (cancelled) return;
        setItems(page.items);
        setCitizenId(page.citizenId);
        setNext(page.nextCursor);
      })
      .catch((err: unknown) => {
        if (!cancelled) fail(err);
      })
      .finally(() => {
        if (!cancelled) setStatus('idle');
      });
    return () => {
      cancelled = true;
    };
  }, [sourceKey, version, fail]);

  const loadMore = async () => {
    if (!next) return;
    setStatus('more');
    setError(null);
    try {
      const page = await fetchHistory(source, { limit: PAGE_SIZE, cursor: next });
      focusId.current = page.items[0]?.id ?? null;
      setItems((prev) => [...prev, ...page.items.filter((i) => !prev.some((p) => p.id === i.id))]);
      setNext(page.nextCursor);
    } catch (err) {
      fail(err);
    } finally {
      setStatus('idle');
    }
  };

  useEffect(() => {
    if (!focusId.current) return;
    document.getElementById(`history-${focusId.current}`)?.focus();
    focusId.current = null;
  }, [items]);

  let body;
  if (status === 'loading') body = <Loading label={t('operatorIdentities.history.loading')} />;
  else if (citizenId === null) body = error ? null : <p>{t('operatorIdentities.history.noCitizen')}</p>;
  else if (items.length === 0) body = error ? null : <EmptyState>{byEng ? t('operatorIdentities.history.citizenEmpty') : t('operatorIdentities.history.empty')}</EmptyState>;
  else
    body = (
      <ol className="history-list">
        {items.map((item) => (
          <li key={item.id}>
            <HistoryItem item={item} myName={myName} citizenName={citizenName} />
          </li>
        ))}
      </ol>
    );

  return (
    <section className="conversation-history" aria-labelledby="history-title" aria-busy={status !== 'idle'}>
      <h2 id="history-title">{byEng ? t('operatorIdentities.history.citizenTitle') : t('operatorIdentities.history.title')}</h2>
      <p className="note">{byEng ? t('operatorIdentities.history.citizenIntro') : t('operatorIdentities.history.intro')}</p>
      {body}
      <ErrorAlert error={error} />
      {next && status !== 'loading' && (
        <Button variant="secondary" isPending={status === 'more'} onPress={() => void loadMore()}>
          {t('operatorIdentities.history.loadMore')}
        </Button>
      )}
    </section>
  );
}

function HistoryItem({ item, myName, citizenName }: { item: HistoryConversation; myName: string; citizenName: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const date = formatMoscow(item.createdAt, lang);
  const channel = channelLabel(item.channel);
  const headingId = `history-${item.id}`;
  return (
    <article className="history-conversation" aria-labelledby={headingId} data-testid="history-conversation" data-channel={item.channel}>
      <h3 id={headingId} tabIndex={-1}>
        <ChannelBadge channel={item.channel} />
        <span>{date}</span>
      </h3>
      <p className="note">{t('operatorIdentities.history.state', { state: stateLabel(item.state) })}</p>
      {item.messages.length === 0 ? (
        <p>{t('operatorIdentities.history.noMessages')}</p>
      ) : (
        <ChatMessageList messages={item.messages} pending={[]} perspective="staff" label={t('operatorIdentities.history.logLabel', { channel, date })} myName={myName} citizenName={citizenName} conversationId={item.id} />
      )}
      {item.messagesTotal > item.messages.length && <p className="note">{t('operatorIdentities.history.partial', { shown: item.messages.length, total: item.messagesTotal })}</p>}
      <Link href={`/queue/${item.id}`} aria-label={t('operatorIdentities.history.openLabel', { channel, date })}>
        {t('operatorIdentities.history.open')}
      </Link>
    </article>
  );
}
