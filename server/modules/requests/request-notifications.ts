// Every status change and citizen-visible reply is told to the citizen by e-mail and SMS, through
// the notification port, as jobs queued in the same transaction (dedupe keys: never twice), on
// the channels the citizen chose for that kind of event (all of them until they choose). The
// account channel is the request's timeline, written by the caller, always. A request from the
// public form has no account, hence no preferences: its contact e-mail is always told.
import type { NotificationTopic } from '../../../shared/contracts/notifications.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { findUserById } from '../identity/index.ts';
import { channelsFor } from '../notifications/index.ts';
import type { RequestRow } from './requests-repo.ts';

export async function notifyCitizen(deps: Pick<Deps, 'notify' | 'env'>, tx: Tx, r: RequestRow, opts: { topic: NotificationTopic; key: string; subject: string; text: string }) {
  const user = r.citizen_id ? await findUserById(tx, r.citizen_id) : undefined;
  const wanted = user ? await channelsFor(tx, user.id, opts.topic) : { email: true, sms: true };
  const email = wanted.email ? (r.contact_email ?? user?.email ?? null) : null;
  const phone = wanted.sms ? (r.contact_phone ?? user?.phone ?? null) : null;
  const link = `${deps.env.publicUrl}/account/requests/${r.number}`;
  if (email) await deps.notify(tx, { channel: 'email', to: email, subject: opts.subject, text: `${opts.text}\n\nОбращение: ${r.number}\n${r.citizen_id ? link : ''}`.trim(), dedupeKey: `${opts.key}:email` });
  if (phone) await deps.notify(tx, { channel: 'sms', to: phone, text: `${opts.text} (${r.number})`.slice(0, 300), dedupeKey: `${opts.key}:sms` });
}
