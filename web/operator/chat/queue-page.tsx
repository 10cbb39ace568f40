// The chat queue (/operator/queue): tabs «Ожидают», «Мои», «Все активные»; waiting conversations
// first, by priority and waiting time, the wait ticking; the reason the bot handed over; «Взять»
// and «Открыть». Refreshed by the staff socket's queue frames.
import { useCallback, useEffect, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { toApiError, type ApiError } from '../../common/api.ts';
import { listQueue, takeConversation, type QueueItem, type QueueView } from '../../common/chat/chat-api.ts';
import { useSession } from '../../common/session.tsx';
import { Button, EmptyState, ErrorAlert, Link, Loading, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { compareQueueItems, formatWait, reasonLabel, stateLabel } from './queue-labels.ts';
import { useQueueLive } from './use-queue-live.ts';
import '../../common/chat/chat.css';

const views: readonly QueueView[] = ['waiting', 'mine', 'active'];
const isView = (v: unknown): v is QueueView => typeof v === 'string' && (views as readonly string[]).includes(v);

export function QueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: QueueView = isView(requested) ? requested : 'waiting';
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  const { live, waiting } = useQueueLive(refresh);
  useDocumentTitle(t('operatorChat.title'), t('app.consoleTitleSuffix'));

  return (
    <>
      <PageHeading>{t('operatorChat.title')}</PageHeading>
      <p>{t('operatorChat.intro')}</p>
      <p className="queue-live" role="status">
        {live ? t('operatorChat.live') : t('operatorChat.offline')}
        {waiting !== null && ` ${t('operatorChat.waitingCount', { count: waiting })}`}
      </p>
      <Tabs selectedKey={view} onSelectionChange={(key) => setParams(key === 'waiting' ? {} : { view: String(key) }, { replace: true })}>
        <TabList aria-label={t('operatorChat.tabs.label')} className="queue-tabs">
          {views.map((v) => (
            <Tab key={v} id={v} className="queue-tab">
              {t(`operatorChat.tabs.${v}`)}
            </Tab>
          ))}
        </TabList>
        {views.map((v) => (
          <TabPanel key={v} id={v}>
            <QueueTable view={v} round={round} onChanged={refresh} />
          </TabPanel>
        ))}
      </Tabs>
    </>
  );
}

function QueueTable({ view, round, onChanged }: { view: QueueView; round: number; onChanged(): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const navigate = useNavigate();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [fetchedAt, setFetchedAt] = useState(() => Date.now());
  const [error, setError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [taking, setTaking] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // a refresh keeps the rows on screen until the new ones arrive
  useEffect(() => {
    let current = true;
    listQueue(view).then(
      (r) => {
        if (!current) return;
        setItems([...r.items].sort(compareQueueItems));
        setFetchedAt(Date.now());
        setError(null);
      },
      (err: unknown) => {
        if (!current) return;
        const e = toApiError(err);
        if (e.status === 401) expire();
        setError(e);
      },
    );
    return () => {
      current = false;
    };
  }, [view, round, expire]);

  // the waiting time ticks
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, []);

  const take = async (item: QueueItem) => {
    setTaking(item.id);
    setActionError(null);
    try {
      await takeConversation(item.id);
      void navigate(`/queue/${item.id}`);
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setActionError(e);
      onChanged();
    } finally {
      setTaking(null);
    }
  };

  if (items === null) {
    return error ? <ErrorAlert error={error} /> : <Loading />;
  }
  const who = (i: QueueItem) => i.citizenName ?? t('operatorChat.visitor');
  return (
    <>
      <ErrorAlert error={actionError ?? error} />
      {items.length === 0 ? (
        <EmptyState>{t(`operatorChat.empty.${view}`)}</EmptyState>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={`queue-caption-${view}`} tabIndex={0}>
          <table className="table">
            <caption id={`queue-caption-${view}`} className="visually-hidden">
              {`${t('operatorChat.caption')}: ${t(`operatorChat.tabs.${view}`)}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('operatorChat.colCitizen')}</th>
                <th scope="col">{t('operatorChat.colReason')}</th>
                <th scope="col">{t('operatorChat.colWait')}</th>
                <th scope="col">{t('operatorChat.colLast')}</th>
                <th scope="col">{t('operatorChat.colState')}</th>
                <th scope="col">{t('operatorChat.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} data-testid="queue-row">
                  <th scope="row">
                    {who(i)}
                    {i.eng && <span className="cell-note">{i.eng}</span>}
                    {i.channel !== 'web' && <span className="cell-note">{t('operatorChat.channel', { channel: i.channel })}</span>}
                  </th>
                  <td>
                    {reasonLabel(i.handoffReason)}
                    {i.priority > 0 && (
                      <>
                        {' '}
                        <span className="chat-badge chat-badge-priority">{t('operatorChat.priority')}</span>
                      </>
                    )}
                  </td>
                  <td className="queue-wait">{i.state === 'waiting' && i.waitSeconds !== null ? formatWait(i.waitSeconds + (now - fetchedAt) / 1000) : '—'}</td>
                  <td className="cell-break">
                    <span className="queue-last">{i.lastMessage ?? '—'}</span>
                  </td>
                  <td>
                    {stateLabel(i.state)}
                    {i.operatorName && <span className="cell-note">{t('operatorChat.operatorIs', { name: i.operatorName })}</span>}
                  </td>
                  <td>
                    <div className="queue-actions">
                      {(i.state === 'waiting' || i.state === 'bot') && (
                        <Button isPending={taking === i.id} onPress={() => void take(i)} aria-label={t('operatorChat.takeLabel', { name: who(i) })}>
                          {t('operatorChat.take')}
                        </Button>
                      )}
                      <Link href={`/queue/${i.id}`} variant="secondary" aria-label={t('operatorChat.openLabel', { name: who(i) })}>
                        {t('operatorChat.open')}
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
