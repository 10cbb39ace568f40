// A conversation in the console (/operator/queue/:id): the whole history including the bot's part
// (authors look different, internal notes are marked), the citizen's name and ЕНГ when known, why
// the bot handed over; «Взять», the reply box with «Вставить шаблон» and «Заметка», «Передать»,
// «Завершить», «Оформить обращение». Live over the WebSocket. Beside it: the channel badge, the
// person's identities across channels («Идентичности», linkable to a citizen by ЕНГ) and, below,
// the citizen's other conversations («История»).
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { toApiError, type ApiError } from '../../common/api.ts';
import { AttachButton } from '../../common/chat/attach-button.tsx';
import { closeConversation, listQueue, requestFromConversation, takeConversation, type QueueItem } from '../../common/chat/chat-api.ts';
import { ChatClient } from '../../common/chat/chat-client.ts';
import { ChatMessageList } from '../../common/chat/chat-messages.tsx';
import { useChatSnapshot, useLiveChat } from '../../common/chat/use-chat.ts';
import { formatMoscow } from '../../common/format.ts';
import { useSession } from '../../common/session.tsx';
import { Button, Details, ErrorAlert, Link, Loading, PageHeading, SuccessMessage, useDocumentTitle } from '../../common/ui.tsx';
import { useStaff } from '../shell.tsx';
import { ChannelBadge } from './channel-badge.tsx';
import { HistorySection } from './history-section.tsx';
import { IdentitiesPanel } from './identities-panel.tsx';
import { reasonLabel, stateLabel } from './queue-labels.ts';
import { TemplateDialog } from './template-dialog.tsx';
import { TransferDialog } from './transfer-dialog.tsx';
import { useDeliveries } from './use-deliveries.ts';

const MAX_TEXT = 4000;

type Info = { item: QueueItem | null; mine: boolean };

export function ConversationPage() {
  const { id = '' } = useParams();
  return <Conversation key={id} id={id} />;
}

function Conversation({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const me = useStaff();
  const { expire } = useSession();
  const client = useMemo(() => new ChatClient({ role: 'staff', conversationId: id, selfName: me.name, onUnauthorized: expire }), [id, me.name, expire]);
  useLiveChat(client);
  const snap = useChatSnapshot(client);

  const [info, setInfo] = useState<Info | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'take' | 'close' | 'request' | null>(null);
  const [requested, setRequested] = useState(false);
  const [draft, setDraft] = useState('');
  const [templateNote, setTemplateNote] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // the conversation's channel (from «Идентичности»), and a counter bumped when a link changes its citizen
  const [channel, setChannel] = useState<string | null>(null);
  const [linkVersion, setLinkVersion] = useState(0);
  const onIdentitiesLoaded = useCallback((d: { channel: string }) => setChannel(d.channel), []);

  // the citizen's name and ЕНГ, the assigned operator: from the queue (closed conversations are not in it)
  const loadInfo = useCallback(async () => {
    try {
      const [active, mine] = await Promise.all([listQueue('active'), listQueue('mine')]);
      const item = active.items.find((i) => i.id === id) ?? mine.items.find((i) => i.id === id) ?? null;
      setInfo((prev) => ({ item: item ?? prev?.item ?? null, mine: mine.items.some((i) => i.id === id) }));
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setInfo((prev) => prev ?? { item: null, mine: false });
    }
  }, [id, expire]);

  // again whenever the state changes (taken, transferred, closed — by anyone)
  useEffect(() => {
    void loadInfo();
  }, [loadInfo, snap.state]);

  const deliveries = useDeliveries(id, channel, snap.messages.length);

  const citizenName = info?.item?.citizenName ?? null;
  const eng = info?.item?.eng ?? null;
  const title = citizenName ? t('operatorChat.conversation.titleNamed', { name: citizenName }) : t('operatorChat.conversation.title');
  useDocumentTitle(title, t('app.consoleTitleSuffix'));

  const state = snap.state;
  const mine = info?.mine ?? false;
  const canReply = state === 'operator' && (mine || me.role !== 'operator');
  const canTake = state === 'waiting' || state === 'bot';

  const act = async (kind: 'take' | 'close' | 'request', run: () => Promise<void>, done: string) => {
    setBusy(kind);
    setActionError(null);
    setNotice(null);
    try {
      await run();
      setNotice(done);
      void client.load();
      void loadInfo();
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const send = (internal: boolean) => {
    const text = draft.trim();
    if (!text) return;
    client.send(text.slice(0, MAX_TEXT), { internal });
    setDraft('');
    setTemplateNote(null);
    input.current?.focus();
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (canReply) send(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (canReply) send(false);
    }
  };

  let situation: string | null = null;
  if (state === 'closed') situation = t('operatorChat.conversation.closed');
  else if (canTake) situation = t('operatorChat.conversation.takeFirst');
  else if (state === 'operator' && !canReply) situation = t('operatorChat.conversation.otherOperator');
  else if (canReply) situation = t('operatorChat.conversation.taken');

  return (
    <>
      <p>
        <Link href="/queue">{`← ${t('operatorChat.conversation.back')}`}</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      {channel && (
        <p className="conversation-channel">
          <ChannelBadge channel={channel} withPrefix testId="conversation-channel" />
        </p>
      )}
      {snap.loading && snap.messages.length === 0 ? (
        <Loading />
      ) : snap.loadError && snap.messages.length === 0 ? (
        <ErrorAlert error={snap.loadError} />
      ) : (
        <div className="conversation-layout">
          <div className="conversation-main">
            <div className="conversation-toolbar" role="group" aria-label={t('operatorChat.conversation.actions')}>
              {canTake && (
                <Button isPending={busy === 'take'} onPress={() => void act('take', () => takeConversation(id), t('operatorChat.conversation.taken'))}>
                  {t('operatorChat.conversation.take')}
                </Button>
              )}
              <TransferDialog
                conversationId={id}
                myId={me.id}
                isDisabled={state !== 'operator' && state !== 'waiting'}
                onDone={(name) => {
                  setNotice(t('operatorChat.transfer.done', { name }));
                  void client.load();
                  void loadInfo();
                }}
              />
              <Button variant="secondary" isDisabled={state === 'closed'} isPending={busy === 'close'} onPress={() => void act('close', () => closeConversation(id), t('operatorChat.conversation.closedDone'))}>
                {t('operatorChat.conversation.close')}
              </Button>
              <Button
                variant="secondary"
                isDisabled={requested}
                isPending={busy === 'request'}
                onPress={() =>
                  void act(
                    'request',
                    async () => {
                      await requestFromConversation(id);
                      setRequested(true);
                    },
                    t('operatorChat.conversation.toRequestDone'),
                  )
                }
              >
                {requested ? t('operatorChat.conversation.toRequestDone') : t('operatorChat.conversation.toRequest')}
              </Button>
            </div>
            {notice && <SuccessMessage>{notice}</SuccessMessage>}
            {requested && <p className="note">{t('operatorChat.conversation.toRequestHint')}</p>}
            <ErrorAlert error={actionError} />
            {situation && <p className="note">{situation}</p>}

            <h2 className="visually-hidden">{t('operatorChat.conversation.history')}</h2>
            <ChatMessageList
              messages={snap.messages}
              pending={snap.pending}
              perspective="staff"
              label={t('operatorChat.conversation.historyLabel')}
              citizenName={citizenName}
              myName={me.name}
              onRetry={(cid) => client.retry(cid)}
              onDiscard={(cid) => client.discard(cid)}
              conversationId={id}
              deliveries={deliveries}
            />
            <p className="chat-aside" aria-live="polite">
              {snap.typing === 'citizen' ? t('chat.typing.citizen') : snap.link === 'polling' ? t('chat.link.polling') : ''}
            </p>

            <form className="chat-composer" onSubmit={onSubmit}>
              <AriaTextField
                className="field"
                value={draft}
                onChange={(v) => {
                  setDraft(v);
                  client.typing();
                }}
                maxLength={MAX_TEXT}
              >
                <Label className="field-label">{t('operatorChat.conversation.reply')}</Label>
                <Text slot="description" className="field-description">
                  {t('operatorChat.conversation.replyHint')}
                </Text>
                <TextArea ref={input} className="field-input chat-input" rows={4} onKeyDown={onKeyDown} />
              </AriaTextField>
              <ErrorAlert error={fileError} />
              {templateNote && (
                <p className="note" role="status">
                  {templateNote}
                </p>
              )}
              <div className="form-actions">
                <Button type="submit" isDisabled={!canReply || !draft.trim()}>
                  {t('operatorChat.conversation.send')}
                </Button>
                <Button variant="secondary" isDisabled={!draft.trim()} onPress={() => send(true)}>
                  {t('operatorChat.conversation.note')}
                </Button>
                <AttachButton showText isDisabled={!canReply} onFile={(file) => setFileError(client.sendFile(file))} />
                <TemplateDialog
                  citizenName={citizenName}
                  eng={eng}
                  onInsert={(tpl) => {
                    setDraft((d) => (d.trim() ? `${d.trimEnd()}\n\n${tpl.text}` : tpl.text));
                    const parts = [t('operatorChat.conversation.templateInserted', { title: tpl.title })];
                    if (tpl.missing.length > 0) parts.push(t('operatorChat.conversation.templateMissing', { list: tpl.missing.join(', ') }));
                    setTemplateNote(parts.join(' '));
                    window.requestAnimationFrame(() => input.current?.focus());
                  }}
                />
              </div>
            </form>
            <HistorySection source={{ conversationId: id }} version={linkVersion} myName={me.name} citizenName={citizenName} />
          </div>

          <aside className="card conversation-about" aria-labelledby="conversation-about">
            <h2 id="conversation-about">{t('operatorChat.conversation.citizen')}</h2>
            <Details
              items={[
                { label: t('operatorChat.conversation.citizen'), value: citizenName ?? t('operatorChat.visitor'), testId: 'conversation-citizen' },
                { label: t('operatorChat.conversation.eng'), value: eng ?? t('operatorChat.conversation.unknown'), testId: 'conversation-eng' },
                { label: t('operatorChat.conversation.reason'), value: reasonLabel(snap.handoffReason ?? info?.item?.handoffReason ?? null) },
                { label: t('operatorChat.conversation.state'), value: stateLabel(state), testId: 'conversation-state' },
                { label: t('operatorChat.conversation.operator'), value: info?.item?.operatorName ?? '—' },
                { label: t('operatorChat.conversation.waitingSince'), value: formatMoscow(snap.waitingSince ?? info?.item?.waitingSince, lang) },
              ]}
            />
            <IdentitiesPanel
              conversationId={id}
              onLoaded={onIdentitiesLoaded}
              onChange={() => {
                setLinkVersion((v) => v + 1);
                void loadInfo();
              }}
            />
          </aside>
        </div>
      )}
    </>
  );
}
