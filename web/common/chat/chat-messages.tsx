// The message history of a conversation, for the citizen and for staff. Every text is rendered as
// a React text node — never as HTML — so `<b>…</b>` or `<script>` in a message shows literally.
// Authors look different; staff see internal notes marked; links are followed only when they are
// site paths or http(s) addresses.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Link } from '../ui.tsx';
import { AttachmentView, useFormatSize } from './chat-attachment.tsx';
import type { ChatEntry, PendingMessage } from './chat-client.ts';
import './chat.css';

export type ChatPerspective = 'citizen' | 'staff';
type ChatButton = { label: string; payload: string };

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function formatTime(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  let f = timeFormatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit' });
    timeFormatters.set(lang, f);
  }
  return f.format(d);
}

/** A site path ("/help/…", not "//host") or an http(s) address; anything else is not a link. */
export function safeHref(url: string): { href: string; external: boolean } | null {
  if (/^\/(?!\/)/.test(url)) return { href: url, external: false };
  if (/^https?:\/\//i.test(url)) return { href: url, external: true };
  return null;
}

function MessageLink({ title, url, perspective }: { title: string; url: string; perspective: ChatPerspective }) {
  const safe = safeHref(url);
  if (!safe) return <span>{title}</span>;
  // the console is another app (basename /operator): portal pages open in a new tab there
  if (perspective === 'staff' || safe.external) {
    return (
      <a href={safe.href} className="link" target="_blank" rel="noopener noreferrer">
        {title}
      </a>
    );
  }
  return <Link href={safe.href}>{title}</Link>;
}

export function ChatMessageList(props: {
  messages: readonly ChatEntry[];
  pending: readonly PendingMessage[];
  perspective: ChatPerspective;
  label: string;
  /** shown first, as the bot's greeting, while the history is empty */
  intro?: string;
  citizenName?: string | null;
  /** the operator's own name: their messages are labelled «Вы» */
  myName?: string | null;
  /** the latest bot message's buttons are pressable while this is set */
  onButton?: (button: ChatButton) => void;
  onRetry?: (clientMessageId: string) => void;
  onDiscard?: (clientMessageId: string) => void;
  className?: string;
  /** for files on messages: their conversation, and its token when the reader is an anonymous visitor */
  conversationId?: string | null;
  token?: string | null;
  /** staff, in a channel conversation: how each desk message reached the person, by message id */
  deliveries?: ReadonlyMap<string, DeliveryState>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const { messages, pending, perspective } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const count = messages.length + pending.length;

  // follow new messages unless the reader scrolled up to read older ones
  useEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [count, pending]);

  const lastBot = [...messages].reverse().find((m) => m.author !== 'citizen' && m.author !== 'system' && !m.internal);
  const buttonsFor = props.onButton && lastBot?.author === 'bot' && messages.at(-1)?.id === lastBot.id ? lastBot.id : null;

  const authorLabel = (m: ChatEntry): string => {
    if (perspective === 'citizen') {
      if (m.author === 'citizen') return t('chat.author.you');
      if (m.author === 'operator') return m.authorName ? `${t('chat.author.operator')} ${m.authorName}` : t('chat.author.operator');
      return t(`chat.author.${m.author}`);
    }
    if (m.author === 'citizen') return props.citizenName ?? t('operatorChat.conversation.citizen');
    if (m.author === 'operator') {
      if (m.authorName && props.myName && m.authorName === props.myName) return t('operatorChat.conversation.you');
      return m.authorName ?? t('chat.author.operator');
    }
    return t(`chat.author.${m.author}`);
  };

  const buttonLabel = (b: ChatButton): string => {
    if (b.payload === 'helpful' || b.payload === 'not_helpful' || b.payload === 'operator') return t(`chat.buttons.${b.payload}`);
    return b.label;
  };

  return (
    <div
      ref={scroller}
      className={`chat-log ${props.className ?? ''}`}
      role="log"
      aria-label={props.label}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <ol className="chat-list">
        {props.intro && count === 0 && (
          <li className="chat-msg chat-msg-bot">
            <span className="chat-msg-author">{t('chat.author.bot')}</span>
            <p className="chat-msg-text">{props.intro}</p>
          </li>
        )}
        {messages.map((m) => (
          <li key={m.id} className={`chat-msg chat-msg-${m.author}${m.internal ? ' chat-msg-internal' : ''}`} data-testid="chat-message" data-author={m.author}>
            <span className="chat-msg-author">
              {authorLabel(m)}
              {m.internal && <span className="chat-badge chat-badge-internal">{t('operatorChat.conversation.internal')}</span>}
              <time className="chat-msg-time" dateTime={m.createdAt}>
                {formatTime(m.createdAt, lang)}
              </time>
            </span>
            {m.text && <p className="chat-msg-text">{m.text}</p>}
            {m.attachment && <AttachmentView attachment={m.attachment} conversationId={props.conversationId ?? null} token={props.token ?? null} />}
            {m.links.length > 0 && (
              <ul className="chat-links" aria-label={t('chat.linksLabel')}>
                {m.links.map((l) => (
                  <li key={`${l.url}|${l.title}`}>
                    <MessageLink title={l.title} url={l.url} perspective={perspective} />
                  </li>
                ))}
              </ul>
            )}
            {props.deliveries?.has(m.id) && <DeliveryNote state={props.deliveries.get(m.id) as DeliveryState} />}
            {m.buttons.length > 0 && perspective === 'staff' && <p className="chat-msg-note">{t('operatorChat.conversation.buttonsOffered', { list: m.buttons.map((b) => b.label).join(' · ') })}</p>}
            {m.buttons.length > 0 && perspective === 'citizen' && buttonsFor === m.id && props.onButton && (
              <div className="chat-buttons" role="group" aria-label={t('chat.buttons.label')}>
                {m.buttons.map((b) => (
                  <Button key={b.payload} variant="secondary" className="chat-button" onPress={() => props.onButton?.({ label: buttonLabel(b), payload: b.payload })}>
                    {buttonLabel(b)}
                  </Button>
                ))}
              </div>
            )}
          </li>
        ))}
        {pending.map((p) => (
          <PendingItem key={p.clientMessageId} p={p} perspective={perspective} onRetry={props.onRetry} onDiscard={props.onDiscard} />
        ))}
      </ol>
    </div>
  );
}

export type DeliveryState = { status: 'received' | 'pending' | 'sent' | 'failed'; attempts: number; error: string | null };

function DeliveryNote({ state }: { state: DeliveryState }) {
  const { t } = useTranslation();
  if (state.status === 'received') return null;
  const text =
    state.status === 'sent'
      ? t('operatorChat.conversation.delivery.sent')
      : state.status === 'failed'
        ? t('operatorChat.conversation.delivery.failed', { error: state.error ?? '—' })
        : state.attempts > 0
          ? t('operatorChat.conversation.delivery.retrying', { count: state.attempts })
          : t('operatorChat.conversation.delivery.pending');
  return (
    <p className={`chat-msg-note chat-msg-delivery chat-msg-delivery-${state.status}`} data-testid="delivery-status" data-status={state.status}>
      {text}
    </p>
  );
}

function PendingItem({ p, perspective, onRetry, onDiscard }: { p: PendingMessage; perspective: ChatPerspective; onRetry?: (id: string) => void; onDiscard?: (id: string) => void }) {
  const { t } = useTranslation();
  const size = useFormatSize();
  const author = perspective === 'citizen' ? 'citizen' : 'operator';
  let status: ReactNode;
  if (p.status === 'sending' && p.file) {
    const percent = Math.round(p.file.progress * 100);
    status = (
      <>
        <progress className="chat-progress" max={100} value={percent} aria-label={t('chat.attachment.progressLabel', { name: p.file.name })} />{' '}
        {t('chat.attachment.uploading', { percent })}
      </>
    );
  } else if (p.status === 'sending') status = t('chat.sending');
  else if (p.status === 'retrying') status = t('chat.retrying');
  else
    status = (
      <>
        <span className="chat-msg-error" role="alert">
          {t('chat.failed', { error: p.error ?? '' })}
        </span>
        <span className="chat-msg-actions">
          {onRetry && !p.permanent && (
            <Button variant="secondary" className="chat-button" onPress={() => onRetry(p.clientMessageId)}>
              {t('chat.retry')}
            </Button>
          )}
          {onDiscard && (
            <Button variant="quiet" className="chat-button" onPress={() => onDiscard(p.clientMessageId)}>
              {t('chat.discard')}
            </Button>
          )}
        </span>
      </>
    );
  return (
    <li className={`chat-msg chat-msg-${author} chat-msg-pending${p.internal ? ' chat-msg-internal' : ''}`} data-testid="chat-message" data-author={author} data-pending="true">
      <span className="chat-msg-author">
        {perspective === 'citizen' ? t('chat.author.you') : t('operatorChat.conversation.you')}
        {p.internal && <span className="chat-badge chat-badge-internal">{t('operatorChat.conversation.internal')}</span>}
      </span>
      {p.text && <p className="chat-msg-text">{p.text}</p>}
      {p.file && (
        <p className="chat-attachment chat-attachment-file">
          <span className="chat-file-icon" aria-hidden="true">
            {p.file.type === 'application/pdf' ? 'PDF' : 'IMG'}
          </span>
          {p.file.name} <span className="chat-attachment-size">{size(p.file.size)}</span>
        </p>
      )}
      <p className="chat-msg-note">{status}</p>
    </li>
  );
}
