// The floating «Онлайн-чат» button on every portal page and the chat panel it opens. The panel is
// a non-modal dialog (the page stays usable beside it): labelled by its heading, focus goes to the
// message field on opening, Esc or «Закрыть чат» closes it and returns focus to the button. On the
// full-page chat (/help/chat, /account/chat) the widget steps aside.
import { useEffect, useRef } from 'react';
import { Button as AriaButton, Dialog, Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Button } from '../../common/ui.tsx';
import { useCitizenChat } from './chat-provider.tsx';
import { ChatView } from './chat-view.tsx';

export function ChatWidget() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const chat = useCitizenChat();
  const fab = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const wasOpen = useRef(chat.open);
  const fullPage = pathname === '/help/chat' || pathname === '/account/chat' || pathname.startsWith('/account/chat/');

  // opening moves focus into the panel; closing brings it back to the button
  useEffect(() => {
    if (chat.open && !wasOpen.current) {
      const id = window.requestAnimationFrame(() => panel.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus());
      wasOpen.current = true;
      return () => window.cancelAnimationFrame(id);
    }
    if (!chat.open && wasOpen.current) {
      wasOpen.current = false;
      if (panel.current === null && document.activeElement === document.body) fab.current?.focus();
    }
  }, [chat.open]);

  if (fullPage) return null;

  const close = () => {
    chat.setOpen(false);
    fab.current?.focus();
  };

  return (
    <aside className="chat-widget" aria-label={t('chat.widgetLabel')}>
      <AriaButton ref={fab} className="btn btn-primary chat-fab" aria-expanded={chat.open} aria-controls={chat.open ? 'chat-panel' : undefined} onPress={() => (chat.open ? close() : chat.setOpen(true))}>
        {t('chat.open')}
        {chat.unread > 0 && !chat.open && (
          <span className="chat-fab-badge">
            <span aria-hidden="true">{chat.unread}</span>
            <span className="visually-hidden">{t('chat.unread', { count: chat.unread })}</span>
          </span>
        )}
      </AriaButton>
      {chat.open && (
        <Dialog ref={panel} id="chat-panel" className="chat-panel" aria-modal={false}>
          <div
            className="chat-panel-inner"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                close();
              }
            }}
          >
            <div className="chat-panel-header">
              <Heading slot="title" level={2} className="chat-panel-title">
                {t('chat.title')}
              </Heading>
              <Button variant="quiet" onPress={close} aria-label={t('chat.close')}>
                <span aria-hidden="true">✕</span>
              </Button>
            </div>
            <div className="chat-panel-body">
              <ChatView client={chat.client} variant="panel" isCurrent />
            </div>
          </div>
        </Dialog>
      )}
    </aside>
  );
}
