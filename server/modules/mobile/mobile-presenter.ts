// What the app shows in «Служба поддержки»: the three ways to reach support, each with what the
// app fills in for it, in the caller's language; and the links the app follows. Phone numbers
// come only from the directory; a tel: link keeps a number's digits and «+», nothing is added.
import type { z } from 'zod';
import { MAX_SCREENSHOT_BYTES, MOBILE_API_PREFIX, screenshotTypes, type mobileActionSchema, type mobileContactsSchema } from '../../../shared/contracts/mobile.ts';
import type { phoneLineSchema } from '../../../shared/contracts/directory.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';

type Action = z.infer<typeof mobileActionSchema>;
type Contacts = z.infer<typeof mobileContactsSchema>;
type PhoneLine = z.infer<typeof phoneLineSchema>;

const texts = {
  call: {
    title: { ru: 'Позвонить', en: 'Call' },
    description: {
      ru: 'Звонок на линию поддержки. Назовите оператору ваш единый номер — по нему он найдёт ваши обращения.',
      en: 'Call a support line. Tell the operator your support number: it finds your requests.',
    },
  },
  chat: {
    title: { ru: 'Написать в чат', en: 'Chat' },
    description: {
      ru: 'Чат с ботом и операторами поддержки работает круглосуточно; ночью ожидание оператора может быть дольше.',
      en: 'The chat with the bot and support operators works around the clock; at night the wait for an operator may be longer.',
    },
  },
  screenshot: {
    title: { ru: 'Отправить скриншот', en: 'Send a screenshot' },
    description: {
      ru: 'Скриншот с описанием проблемы станет обращением; ответ придёт на e-mail или по SMS из вашего профиля.',
      en: 'A screenshot with a description of the problem becomes a request; the answer goes to the e-mail or phone in your profile.',
    },
  },
} as const;

export function telUri(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

export function presentActions(opts: { phones: PhoneLine[]; contacts: Contacts; lang: Lang }): Action[] {
  const { phones, contacts, lang } = opts;
  return [
    {
      kind: 'call',
      title: texts.call.title[lang],
      description: texts.call.description[lang],
      dial: phones.map((p) => ({ phoneLineId: p.id, number: p.number, telUri: telUri(p.number) })),
      prefill: { eng: contacts.eng },
    },
    { kind: 'chat', title: texts.chat.title[lang], description: texts.chat.description[lang], method: 'POST', url: `${MOBILE_API_PREFIX}/support/chats`, prefill: { name: contacts.name } },
    {
      kind: 'screenshot',
      title: texts.screenshot.title[lang],
      description: texts.screenshot.description[lang],
      method: 'POST',
      url: `${MOBILE_API_PREFIX}/support/screenshots`,
      contentType: 'multipart/form-data',
      accept: [...screenshotTypes],
      maxBytes: MAX_SCREENSHOT_BYTES,
      prefill: { name: contacts.name, email: contacts.email, phone: contacts.phone },
    },
  ];
}

/** The chat's REST addresses (relative: the app knows its API host) and the WebSocket's (absolute: its scheme differs). */
export function chatLinks(conversationId: string, publicUrl: string) {
  const base = `/api/chat/conversations/${conversationId}`;
  const ws = new URL('/api/chat/ws', publicUrl);
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    conversationUrl: base,
    messagesUrl: `${base}/messages`,
    attachmentsUrl: `${base}/attachments`,
    webSocketUrl: ws.toString(),
    subscribe: { type: 'subscribe' as const, conversationId, afterSeq: 0 },
  };
}

export function requestLinks(number: string, publicUrl: string) {
  const path = `/api/requests/${encodeURIComponent(number)}`;
  return { requestUrl: path, protocolUrl: `${path}/protocol.pdf`, webUrl: `${publicUrl}/account/requests/${encodeURIComponent(number)}` };
}
