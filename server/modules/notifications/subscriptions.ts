import type { EventBus } from '../../platform/events/event-bus.ts';
import type { NotifyPort } from '../../platform/notify-port.ts';
import { findUserById } from '../identity/index.ts';

/** A new citizen is told their personal support number by e-mail (or SMS when they gave only a phone). */
export function subscribeNotifications(opts: { events: EventBus; notify: NotifyPort }): void {
  opts.events.subscribe('user.registered', async ({ userId }, { tx, eventId }) => {
    const user = await findUserById(tx, userId);
    if (!user?.eng) return;
    const text = `Здравствуйте, ${user.name}! Вы зарегистрированы в службе поддержки. Ваш единый номер: ${user.eng}. Он будет добавляться к вашим обращениям.`;
    const dedupeKey = `welcome:${eventId}`;
    if (user.email) await opts.notify(tx, { channel: 'email', to: user.email, subject: 'Ваш единый номер поддержки', text, dedupeKey });
    else if (user.phone) await opts.notify(tx, { channel: 'sms', to: user.phone, text, dedupeKey });
  });
}
