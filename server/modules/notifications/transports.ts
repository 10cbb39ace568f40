import type { Env } from '../../env.ts';
import { createHttpSmsTransport } from './http-sms-transport.ts';
import { createSmtpTransport } from './smtp-transport.ts';
import type { NotificationTransport } from './transport.ts';

/** The development outbox: the notification row is the message; admins read it in the console. */
export const outboxTransport: NotificationTransport = { name: 'outbox', send: async () => undefined };

export type TransportRegistry = Record<'email' | 'sms', NotificationTransport>;

export function createTransportRegistry(env: Pick<Env, 'SMTP_URL' | 'SMTP_FROM' | 'SMS_GATEWAY_URL'>): TransportRegistry {
  return {
    email: env.SMTP_URL ? createSmtpTransport({ url: env.SMTP_URL, from: env.SMTP_FROM }) : outboxTransport,
    sms: env.SMS_GATEWAY_URL ? createHttpSmsTransport({ url: env.SMS_GATEWAY_URL }) : outboxTransport,
  };
}
