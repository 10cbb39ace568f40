// Every status change and citizen-visible reply is told to the citizen by e-mail and SMS, through
// the notification port, as jobs queued in the same transaction (dedupe keys: never twice).
import type { Deps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { findUserById } from '../identity/index.ts';
import type { RequestRow } from './requests-repo.ts';

export async function notifyCitizen(deps: Pick<Deps, 'notify' | 'env'>, tx: Tx, r: RequestRow, opts: { key: string; subject: string; text: string }) {
  const user = r.citizen_id ? await findUserById(tx, r.citizen_id) : undefined;
  const email = r.contact_email ?? user?.email ?? null;
  const phone = r.contact_phone ?? user?.phone ?? null;
  const link = `${deps.env.publicUrl}/account/requests/${r.number}`;
  if (email) await deps.notify(tx, { channel: 'email', to: email, subject: opts.subject, text: `${opts.text}\n\nОбращение: ${r.number}\n${r.citizen_id ? link : ''}`.trim(), dedupeKey: `${opts.key}:email` });
  if (phone) await deps.notify(tx, { channel: 'sms', to: phone, text: `${opts.text} (${r.number})`.slice(0, 300), dedupeKey: `${opts.key}:sms` });
}
