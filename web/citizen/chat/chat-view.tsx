// A conversation as the citizen sees it, in the widget's panel or full-page: the state line
// («Бот отвечает», «Ожидание оператора — около N мин», «Оператор: …», «Разговор завершён»), the
// history with the bot's links and buttons, the operator's typing, the composer, and — once handed
// over to an operator without signing in — the offer to sign in or leave a phone or e-mail.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Label, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { toApiError, type ApiError } from '../../common/api.ts';
import { AttachButton } from '../../common/chat/attach-button.tsx';
import { saveContact } from '../../common/chat/chat-api.ts';
import type { ChatClient, ChatSnapshot } from '../../common/chat/chat-client.ts';
import { ChatMessageList } from '../../common/chat/chat-messages.tsx';
import { useChatSnapshot } from '../../common/chat/use-chat.ts';
import { useSession } from '../../common/session.tsx';
import { Button, ErrorAlert, Form, Link, Loading, SuccessMessage, TextField } from '../../common/ui.tsx';
import { optionalEmail } from '../../common/validate.ts';
import { useCitizenChat } from './chat-provider.tsx';

const MAX_TEXT = 4000;

export function ChatStateLine({ snap }: { snap: ChatSnapshot }) {
  const { t } = useTranslation();
  if (!snap.state) return null;
  let text: string;
  if (snap.state === 'waiting') {
    text = snap.expectedWaitMinutes !== null ? t('chat.state.waiting', { minutes: snap.expectedWaitMinutes }) : t('chat.state.waitingNoEstimate');
  } else if (snap.state === 'operator') {
    const name = [...snap.messages].reverse().find((m) => m.author === 'operator' && m.authorName)?.authorName;
    text = name ? t('chat.state.operator', { name }) : t('chat.state.operatorUnnamed');
  } else {
    text = t(`chat.state.${snap.state}`);
  }
  return (
    <p className={`chat-state chat-state-${snap.state}`} role="status" data-testid="chat-state">
      {text}
    </p>
  );
}

export function ChatView({ client, variant, isCurrent }: { client: ChatClient; variant: 'panel' | 'page'; isCurrent: boolean }) {
  const { t } = useTranslation();
  const snap = useChatSnapshot(client);
  const chat = useCitizenChat();
  const session = useSession();
  const signedIn = session.state.status === 'signed-in';
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);

  let lastSeq = 0;
  for (const m of snap.messages) if (!m.provisional && m.seq > lastSeq) lastSeq = m.seq;
  const { markSeen } = chat;
  useEffect(() => {
    if (isCurrent) markSeen(lastSeq);
  }, [isCurrent, lastSeq, markSeen]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const value = text.trim();
    if (!value) return;
    client.send(value.slice(0, MAX_TEXT));
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const handedOver = snap.state === 'waiting' || snap.state === 'operator';
  const showOffer = isCurrent && handedOver && !signedIn && !chat.contactGiven;

  return (
    <div className={`chat-view chat-view-${variant}`}>
      <ChatStateLine snap={snap} />
      {isCurrent && chat.claimed && <SuccessMessage>{t('chat.claimed')}</SuccessMessage>}
      {isCurrent && chat.claimError && <ErrorAlert error={t('chat.claimFailed', { error: chat.claimError })} />}
      {isCurrent && chat.gone && snap.messages.length === 0 && <p className="chat-aside">{t('chat.gone')}</p>}
      {snap.loading && snap.messages.length === 0 ? (
        <Loading />
      ) : snap.loadError && snap.messages.length === 0 && !(isCurrent && chat.gone) ? (
        <div>
          <ErrorAlert error={`${t('chat.loadError')} ${snap.loadError.message}`} />
          <Button variant="secondary" onPress={() => void client.load()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : (
        <ChatMessageList
          messages={snap.messages}
          pending={snap.pending}
          perspective="citizen"
          label={t('chat.messagesLabel')}
          intro={isCurrent ? t('chat.intro') : undefined}
          onButton={snap.state === 'bot' ? (b) => client.send(b.label, { payload: b.payload }) : undefined}
          onRetry={(id) => client.retry(id)}
          onDiscard={(id) => client.discard(id)}
          conversationId={snap.conversationId}
          token={client.conversationToken}
        />
      )}
      <p className="chat-aside" aria-live="polite">
        {snap.typing === 'operator' ? t('chat.typing.operator') : snap.link === 'polling' ? t('chat.link.polling') : ''}
      </p>
      {showOffer && <HandoverOffer client={client} inPanel={variant === 'panel'} />}
      {isCurrent && handedOver && !signedIn && chat.contactGiven && <SuccessMessage>{t('chat.handover.saved')}</SuccessMessage>}
      {snap.state === 'closed' && (
        <div className="chat-offer">
          <p>{t('chat.closedNote')}</p>
          {isCurrent && (
            <Button variant="secondary" onPress={chat.startNew}>
              {t('chat.newConversation')}
            </Button>
          )}
        </div>
      )}
      <form className="chat-composer" onSubmit={submit}>
        <ErrorAlert error={fileError} />
        <div className="chat-composer-row">
          <AttachButton onFile={(file) => setFileError(client.sendFile(file))} />
          <AriaTextField
            className="field"
            value={text}
            onChange={(v) => {
              setText(v);
              client.typing();
            }}
            maxLength={MAX_TEXT}
          >
            <Label className="visually-hidden">{t('chat.input')}</Label>
            <TextArea className="field-input chat-input" rows={2} placeholder={t('chat.placeholder')} onKeyDown={onKeyDown} data-chat-input="" />
          </AriaTextField>
          <Button type="submit" isDisabled={!text.trim()}>
            {t('chat.send')}
          </Button>
        </div>
      </form>
    </div>
  );
}

function HandoverOffer({ client, inPanel }: { client: ChatClient; inPanel: boolean }) {
  const { t } = useTranslation();
  const chat = useCitizenChat();
  const location = useLocation();
  const [showForm, setShowForm] = useState(false);
  const [phone, setPhone] = useState('');
  const [mail, setMail] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const next = encodeURIComponent(`${location.pathname}${location.search}`);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const id = client.conversationId;
    if (!id) return;
    if (!phone.trim() && !mail.trim()) {
      setError(t('chat.handover.needOne'));
      return;
    }
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await saveContact(id, client.conversationToken, { ...(phone.trim() ? { phone: phone.trim() } : {}), ...(mail.trim() ? { email: mail.trim() } : {}) });
      chat.markContactGiven();
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="chat-offer" aria-labelledby="chat-offer-title">
      <p id="chat-offer-title" className="chat-offer-title">
        {t('chat.handover.title')}
      </p>
      <p>{t('chat.handover.text')}</p>
      <div className="chat-offer-actions">
        <Link
          href={`/login?next=${next}`}
          variant="primary"
          onPress={() => {
            // from the widget: close it for the sign-in page, open it again once signed in
            if (!inPanel) return;
            chat.rememberReopen();
            chat.setOpen(false);
          }}
        >
          {t('chat.handover.signIn')}
        </Link>
        <Button variant="secondary" aria-expanded={showForm} onPress={() => setShowForm((v) => !v)}>
          {t('chat.handover.contact')}
        </Button>
      </div>
      {showForm && (
        <Form onSubmit={onSubmit} validationErrors={fieldErrors}>
          <ErrorAlert error={error} />
          <TextField name="phone" type="tel" label={t('chat.handover.phone')} autoComplete="tel" value={phone} onChange={setPhone} />
          <TextField name="email" type="email" label={t('chat.handover.email')} autoComplete="email" value={mail} onChange={setMail} validate={optionalEmail} />
          <div className="form-actions">
            <Button type="submit" isPending={pending}>
              {t('chat.handover.submit')}
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
